// Every figure of the indicators page against the hand-written dataset of indicators.test-helpers.ts,
// counted by hand: counts by channel, rates, medians, fill rates, the small-number rule, the plan's
// indicators (IndicatorFigures) and tenant isolation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Figure, IndicatorsReport, PlanIndicatorFigure } from '@catalogue/contracts';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant } from '../../testing/test-database.js';
import {
  indicatorsWorld,
  T_FUNDING,
  T_MOBILITY,
  T_REPAIR,
  YEAR,
  type IndicatorsWorld,
} from './indicators.test-helpers.js';

const shown = (value: number | null): Figure => ({ value, hidden: false, source: 'registrations' });
const HIDDEN: Figure = { value: null, hidden: true, source: 'registrations' };

describe('indicators: every figure against a small dataset', () => {
  let api: ApiTest;
  let w: IndicatorsWorld;
  let agent: SignedInClient;
  let base: string;
  const get = async (query = ''): Promise<IndicatorsReport> => {
    const res = await agent.get(`${base}/indicators?year=${YEAR}${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as IndicatorsReport;
  };
  before(async () => {
    api = await startApiTest();
    w = await indicatorsWorld(api.owner, api.tenant);
    agent = await clientWithRole(api.owner, api.t.http, api.tenant, 'agent');
    base = `/api/v1/tenants/${api.tenant.slug}`;
  });
  after(() => api.close());

  it('plan: registrations, hand entries and validated bilans of the year, beside the targets', async () => {
    const { plan } = await get();
    const by = (id: string) => plan.find((p) => p.indicatorId === id)!;
    const pick = (p: PlanIndicatorFigure) => ({
      target: p.target,
      achieved: p.achieved,
      hidden: p.hidden,
      progress: p.progress,
      source: p.source,
    });
    // 9 distinct people entered offer A (fiche 1) in 2024: p1…p8, p13 (p1 twice; 2023 and 2025 left out).
    assert.deepEqual(pick(by(w.indicators.people)), {
      target: 20,
      achieved: 9,
      hidden: false,
      progress: 0.45,
      source: 'registrations',
    });
    assert.deepEqual(pick(by(w.indicators.manual)), {
      target: 50,
      achieved: 42.5,
      hidden: false,
      progress: 0.85,
      source: 'manual',
    });
    assert.equal(by(w.indicators.manual).note, 'Chiffre de la CAF');
    // 12 + 3 from the validated bilans of 2024; not the submitted one (100), nor 2023's (50).
    assert.deepEqual(pick(by(w.indicators.bilans)), {
      target: 30,
      achieved: 15,
      hidden: false,
      progress: 0.5,
      source: 'bilans',
    });
    // 3 young people: hidden; 3 workshops: no people, shown (the text value '40' is no number).
    assert.deepEqual(pick(by(w.indicators.bilansSmall)), {
      target: null,
      achieved: null,
      hidden: true,
      progress: null,
      source: 'bilans',
    });
    assert.deepEqual(pick(by(w.indicators.workshops)), {
      target: 4,
      achieved: 3,
      hidden: false,
      progress: 0.75,
      source: 'bilans',
    });
    // Fiche 2: one person (1 January 2024 00:30 in Paris) → hidden; fiche 3: nobody → 0, shown.
    assert.deepEqual(pick(by(w.indicators.f2people)), {
      target: 10,
      achieved: null,
      hidden: true,
      progress: null,
      source: 'registrations',
    });
    assert.deepEqual(pick(by(w.indicators.f3people)), {
      target: 0,
      achieved: 0,
      hidden: false,
      progress: null,
      source: 'registrations',
    });
    assert.deepEqual(
      plan.map((p) => p.ficheNumber),
      ['1', '1', '1', '1', '1', '2', '3'],
      'in plan order',
    );
  });

  it('plan: another year has its own values, and the axis and fiche filters keep theirs', async () => {
    const { plan } = await get().then(() =>
      agent.get(`${base}/indicators?year=2023`).then((r) => r.body as IndicatorsReport),
    );
    const manual = plan.find((p) => p.indicatorId === w.indicators.manual)!;
    assert.equal(manual.achieved, 7);
    assert.equal(manual.target, null);
    assert.equal(plan.find((p) => p.indicatorId === w.indicators.bilans)!.achieved, 50);
    assert.deepEqual(
      (await get(`&axis=${w.axes[1]}`)).plan.map((p) => p.indicatorId),
      [w.indicators.f3people],
    );
    assert.deepEqual(
      (await get(`&fiche=${w.fiches.f2}`)).plan.map((p) => p.indicatorId),
      [w.indicators.f2people],
    );
  });

  it('registrations by channel, decisions, rates and reasons', async () => {
    const r = (await get()).registrations;
    assert.deepEqual(r.registrations, shown(20));
    assert.deepEqual(r.people, shown(19));
    assert.deepEqual(
      r.byChannel.map((c) => [c.channel, c.label, c.registrations]),
      [
        ['prescription', 'Prescription', shown(11)],
        ['self', 'Inscription directe', shown(9)],
      ],
    );
    assert.deepEqual(r.accepted, shown(11));
    assert.deepEqual(r.refused, HIDDEN, '3 refusals: hidden');
    assert.deepEqual(r.acceptanceRate, shown(0.7857));
    assert.deepEqual(r.refusalRate, shown(0.2143));
    assert.deepEqual(
      r.refusalReasons.map((x) => [x.reason, x.label, x.registrations]),
      [
        ['full', 'Complet', HIDDEN],
        ['prerequisites_not_met', 'Ne correspond pas aux prérequis', HIDDEN],
      ],
    );
    assert.deepEqual(r.medianHoursToDecision, shown(7.5), 'median of 1…14 hours');
  });

  it('sessions of the year: seats, people accepted, fill rates (hidden under 5 people)', async () => {
    const s = (await get()).registrations.sessions;
    assert.equal(s.count, 3, 'A1, A2 and B1; A0 started in 2023');
    assert.equal(s.capacity, 23);
    assert.deepEqual(s.accepted, shown(11));
    assert.deepEqual(s.fillRate, shown(0.4783));
    assert.deepEqual(
      s.items.map((x) => [x.id, x.capacity, x.accepted, x.fillRate]),
      [
        [w.sessions.b1, 5, HIDDEN, HIDDEN],
        [w.sessions.a1, 10, shown(8), shown(0.8)],
        [w.sessions.a2, 8, HIDDEN, HIDDEN],
      ],
    );
  });

  it('wait list, promotions, no-shows and the time to the first attendance', async () => {
    const r = (await get()).registrations;
    assert.deepEqual(r.waitlistNow, HIDDEN, 'one person waiting');
    assert.deepEqual(r.promotions, HIDDEN, 'one promoted');
    assert.deepEqual(r.noShowRate, shown(0.1429), '1 absent without excuse among 7 recorded');
    assert.deepEqual(r.medianDaysToFirstAttendance, shown(19), '29, 24, 19, 14 and 9 days');
  });

  it('by theme, territory (EPCI of the people, the tenant’s territories) and year', async () => {
    const report = await get();
    const rows = (xs: { code: string; registrations: Figure; people: Figure; accepted: Figure }[]) =>
      Object.fromEntries(
        xs.map((x) => [x.code, [x.registrations.value, x.people.value, x.accepted.value, x.registrations.hidden]]),
      );
    assert.deepEqual(rows(report.byTheme), {
      [T_MOBILITY]: [14, 13, 10, false],
      [T_FUNDING]: [5, 5, 0, false],
      [T_REPAIR]: [null, null, null, true],
    });
    assert.equal(report.byTheme.find((t) => t.code === T_MOBILITY)!.label, 'Accéder à un véhicule');
    const territories = rows(report.byTerritory);
    assert.deepEqual(territories[w.epci], [14, 13, 10, false]);
    assert.deepEqual(territories['bassin-test'], [14, 13, 10, false]);
    assert.deepEqual(territories[''], [5, 5, 0, false], 'commune unknown');
    assert.equal(report.byTerritory.find((t) => t.code === 'bassin-test')!.label, 'Bassin de test');
    assert.deepEqual(
      report.byYear.map((y) => [y.year, y.registrations.value, y.registrations.hidden]),
      [
        [2025, null, true],
        [2024, 20, false],
        [2023, null, true],
      ],
    );
    for (const y of [2023, 2024, 2025, 2026]) assert.ok(report.years.includes(y), `year ${y} offered`);
  });

  it('filters: theme, territory (EPCI or territory), fiche and axis narrow the registrations', async () => {
    assert.deepEqual((await get(`&theme=${T_FUNDING}`)).registrations.registrations, shown(5));
    assert.equal((await get(`&theme=${T_FUNDING}`)).registrations.sessions.count, 0);
    assert.deepEqual((await get(`&theme=mobilite`)).registrations.registrations, shown(20), 'a category');
    assert.deepEqual((await get(`&territory=${w.epci}`)).registrations.registrations, shown(14));
    assert.deepEqual((await get(`&territory=${w.territoryId}`)).registrations.people, shown(13));
    assert.deepEqual((await get(`&territory=bassin-test`)).registrations.people, shown(13));
    assert.deepEqual((await get(`&fiche=${w.fiches.f2}`)).registrations.registrations, HIDDEN);
    assert.deepEqual((await get(`&axis=${w.axes[1]}`)).registrations.registrations, shown(0));
    assert.deepEqual((await get(`&axis=${w.axes[0]}`)).registrations.registrations, shown(15));
  });

  it('CSV of a table: French columns, « < 5 » for hidden cells, a file to download', async () => {
    const res = await agent.get(`${base}/indicators.csv?table=sessions&year=${YEAR}`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^text\/csv; charset=utf-8/);
    assert.match(
      res.headers['content-disposition']!,
      new RegExp(`attachment; filename="indicateurs-sessions-${api.tenant.slug}-2024.csv"`),
    );
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'Offre;Début de la session;Places;Personnes acceptées;Taux de remplissage (%)');
    assert.equal(lines.length, 4);
    assert.match(lines[1]!, /;5;< 5;< 5$/);
    assert.match(lines[2]!, /;10;8;80$/);
    const plan = await agent.get(`${base}/indicators.csv?table=plan&year=${YEAR}`);
    assert.ok(plan.text.includes('1;1;Personnes entrées;personnes;Inscriptions;20;9;45\r\n'), plan.text);
    assert.ok(plan.text.includes('1;1;Jeunes suivis (bilans);jeunes;Bilans validés;;< 5;\r\n'), plan.text);
    const channels = await agent.get(`${base}/indicators.csv?table=channels&year=${YEAR}`);
    assert.equal(channels.text, '\uFEFFCanal;Inscriptions\r\nPrescription;11\r\nInscription directe;9\r\n');
  });

  it('another tenant’s registrations, plan and bilans never count', async () => {
    await indicatorsWorld(api.owner, await createTenant(api.owner));
    const report = await get();
    assert.deepEqual(report.registrations.registrations, shown(20));
    assert.equal(report.registrations.sessions.count, 3);
    assert.equal(report.plan.length, 7);
    assert.equal(report.plan.find((p) => p.indicatorId === w.indicators.bilans)!.achieved, 15);
    assert.equal(report.plan.find((p) => p.indicatorId === w.indicators.people)!.achieved, 9);
    // Filtering on the other tenant's territory or fiche names the parameter, never shows its data.
    const theirs = await indicatorsWorld(api.owner, await createTenant(api.owner));
    const res = await agent.get(`${base}/indicators?year=${YEAR}&territory=${theirs.territoryId}`);
    assert.equal(res.status, 400);
    assert.equal(res.body.parameter, 'territory');
    const fiche = await agent.get(`${base}/indicators?year=${YEAR}&fiche=${theirs.fiches.f1}`);
    assert.equal(fiche.status, 400);
    assert.equal(fiche.body.parameter, 'fiche');
  });
});
