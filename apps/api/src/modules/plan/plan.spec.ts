// The insertion plan against the real app and database: public reading, replacement as a whole by
// an admin (ids kept), who may not, fiches that calls name, offers linked from their old text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planToWrite, type Plan, type PlanSaved } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { makeOffer, makeOrganization, makePlan, samplePlanWrite } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';

describe('insertion plan', () => {
  let api: ApiTest;
  let admin: SignedInClient;
  before(async () => {
    api = await startApiTest();
    admin = await clientWithRole(api.owner, api.t.http, api.tenant, 'admin');
  });
  after(() => api.close());

  /** A fresh tenant with an admin (each test owns its plan). */
  const world = async () => {
    const tenant = await createTenant(api.owner);
    api.t.app.get(TenantDirectory).invalidate();
    return {
      tenant,
      base: `/api/v1/tenants/${tenant.slug}`,
      admin: await clientWithRole(api.owner, api.t.http, tenant, 'admin'),
      org: await makeOrganization(api.owner, tenant),
    };
  };
  const ficheOf = (plan: Plan, number: string) => plan.axes.flatMap((a) => a.fiches).find((f) => f.number === number);
  const offerWithText = async (tenant: TestTenant, org: string, text: string | null, ficheId: string | null = null) => {
    const id = await makeOffer(api.owner, tenant, org);
    await inTenantTransaction(api.owner, tenant.id, () =>
      api.owner.query(`UPDATE offer SET plan_measure = $2, plan_fiche_id = $3 WHERE id = $1`, [id, text, ficheId]),
    );
    return id;
  };
  const ficheOfOffer = async (tenant: TestTenant, id: string) =>
    (
      await inTenantTransaction(api.owner, tenant.id, () =>
        api.owner.query<{ plan_fiche_id: string | null }>(`SELECT plan_fiche_id FROM offer WHERE id = $1`, [id]),
      )
    ).rows[0]!.plan_fiche_id;

  it('answers 404 « Plan introuvable » while the département has none', async () => {
    const w = await world();
    const res = await api.t.http.get(`${w.base}/plan`);
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'not_found');
    assert.equal(res.body.message, 'Plan introuvable');
  });

  it('shows the plan to anyone, axes by number and fiches in their order, with indicators and targets', async () => {
    const w = await world();
    const sample = samplePlanWrite();
    // Written in another order: axis 2 first, fiche 2 before fiche 1.
    sample.axes.reverse();
    sample.axes[1]!.fiches.reverse();
    await makePlan(api.owner, w.tenant, sample);
    const res = await api.t.http.get(`${w.base}/plan`);
    assert.equal(res.status, 200);
    const plan = res.body as Plan;
    assert.equal(plan.name, 'Plan départemental d’insertion 2024-2027');
    assert.deepEqual([plan.periodStart, plan.periodEnd], [2024, 2027]);
    assert.deepEqual(
      plan.axes.map((a) => [a.number, a.fiches.map((f) => f.number)]),
      [
        [1, ['2', '1']],
        [2, ['3']],
      ],
    );
    const indicator = ficheOf(plan, '1')!.indicators[0]!;
    assert.deepEqual(indicator.targets, { '2024': 100, '2025': 120 });
    assert.equal(indicator.measure, 'registrations');
  });

  it('lets an admin replace the plan, keeping the ids sent back and linking offers from their old text', async () => {
    const w = await world();
    await makePlan(api.owner, w.tenant);
    const before = (await api.t.http.get(`${w.base}/plan`)).body as Plan;
    const [f1, f2, f3] = ['1', '2', '3'].map((n) => ficheOf(before, n)!);
    const onF1 = await offerWithText(w.tenant, w.org, null, f1.id);
    const onF3 = await offerWithText(w.tenant, w.org, null, f3.id);
    const legacy = await offerWithText(w.tenant, w.org, 'Axe 1 – Fiche action n°2 : accueils collectifs');
    const legacyNew = await offerWithText(w.tenant, w.org, 'Axe II – Parrainage renforcé (fiche 4)');
    const unnamed = await offerWithText(w.tenant, w.org, 'Convention d’appui – jeunes');

    const body = planToWrite(before);
    body.name = 'Plan départemental d’insertion 2024-2027 (révisé)';
    const axis1 = body.axes[0]!;
    axis1.fiches[0]!.title = 'Lever les freins à l’emploi';
    axis1.fiches[0]!.indicators[0]!.targets = { '2026': 140 };
    // Fiche 2 moves to axis 2, fiche 3 is left out, fiche 4 is new.
    const moved = axis1.fiches.splice(1, 1)[0]!;
    body.axes[1]!.fiches = [moved, { number: '4', title: 'Parrainage', indicators: [] }];
    const res = await w.admin.put(`${w.base}/plan`, body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const saved = res.body as PlanSaved;
    assert.equal(saved.offersUnlinked, 1);
    assert.equal(saved.offersLinked, 2);
    const plan = saved.plan;
    assert.equal(plan.name, 'Plan départemental d’insertion 2024-2027 (révisé)');
    assert.equal(ficheOf(plan, '1')!.id, f1.id);
    assert.equal(ficheOf(plan, '1')!.title, 'Lever les freins à l’emploi');
    assert.equal(ficheOf(plan, '1')!.indicators[0]!.id, f1.indicators[0]!.id);
    assert.deepEqual(ficheOf(plan, '1')!.indicators[0]!.targets, { '2026': 140 });
    assert.equal(ficheOf(plan, '2')!.id, f2.id);
    assert.deepEqual(
      plan.axes.map((a) => [a.number, a.fiches.map((f) => f.number)]),
      [
        [1, ['1']],
        [2, ['2', '4']],
      ],
    );
    assert.equal(ficheOf(plan, '3'), undefined);
    assert.equal(await ficheOfOffer(w.tenant, onF1), f1.id);
    assert.equal(await ficheOfOffer(w.tenant, onF3), null);
    assert.equal(await ficheOfOffer(w.tenant, legacy), f2.id);
    assert.equal(await ficheOfOffer(w.tenant, legacyNew), ficheOf(plan, '4')!.id);
    assert.equal(await ficheOfOffer(w.tenant, unnamed), null);
    assert.equal((await api.t.http.get(`${w.base}/plan`)).body.axes[1].fiches[1].id, ficheOf(plan, '4')!.id);

    const { rows } = await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query<{ summary: string }>(
        `SELECT summary FROM audit_log WHERE tenant_id = $1 AND action = 'plan.updated'`,
        [w.tenant.id],
      ),
    );
    assert.deepEqual(
      rows.map((r) => r.summary),
      [
        'Plan d’insertion « Plan départemental d’insertion 2024-2027 (révisé) » modifié : 2 axes, 3 fiches, 1 indicateur, 1 fiche retirée, 2 offres rattachées, 1 offre détachée',
      ],
    );
  });

  it('keeps the fiche’s public and means as written, and as they were when a client leaves them out', async () => {
    const w = await world();
    await makePlan(api.owner, w.tenant);
    const before = (await api.t.http.get(`${w.base}/plan`)).body as Plan;
    assert.equal(ficheOf(before, '1')!.publicText, null);
    const body = planToWrite(before);
    body.axes[0]!.fiches[0]!.publicText = ' Allocataires du RSA ';
    body.axes[0]!.fiches[0]!.means = 'Département, missions locales';
    let res = await w.admin.put(`${w.base}/plan`, body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const saved = (res.body as PlanSaved).plan;
    assert.equal(ficheOf(saved, '1')!.publicText, 'Allocataires du RSA');
    assert.equal(ficheOf(saved, '1')!.means, 'Département, missions locales');
    // An older client sends no such fields: they stay; an empty text clears one.
    const again = planToWrite(saved);
    delete again.axes[0]!.fiches[0]!.publicText;
    again.axes[0]!.fiches[0]!.means = '';
    res = await w.admin.put(`${w.base}/plan`, again);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const plan = (await api.t.http.get(`${w.base}/plan`)).body as Plan;
    assert.equal(ficheOf(plan, '1')!.publicText, 'Allocataires du RSA');
    assert.equal(ficheOf(plan, '1')!.means, null);
  });

  it('creates the plan when there is none', async () => {
    const w = await world();
    const res = await w.admin.put(`${w.base}/plan`, samplePlanWrite());
    assert.equal(res.status, 200);
    assert.equal((res.body as PlanSaved).plan.axes.length, 2);
    assert.equal((await api.t.http.get(`${w.base}/plan`)).status, 200);
  });

  it('is refused to agents and structure members (403), hidden from another département’s admin (404)', async () => {
    const w = await world();
    await makePlan(api.owner, w.tenant);
    const plan = (await api.t.http.get(`${w.base}/plan`)).body as Plan;
    const body = { ...planToWrite(plan), name: 'Changé' };
    const agent = await clientWithRole(api.owner, api.t.http, w.tenant, 'agent');
    const member = await clientWithRole(api.owner, api.t.http, w.tenant, 'structure_admin', w.org);
    assert.equal((await agent.put(`${w.base}/plan`, body)).status, 403);
    assert.equal((await member.put(`${w.base}/plan`, body)).status, 403);
    assert.equal((await admin.put(`${w.base}/plan`, body)).status, 404);
    assert.equal((await api.t.http.put(`${w.base}/plan`).send(body)).status, 401);
    assert.equal(((await api.t.http.get(`${w.base}/plan`)).body as Plan).name, plan.name);
  });

  it('refuses to drop a fiche a call for projects names (409 naming it), and keeps the plan as it was', async () => {
    const w = await world();
    await makePlan(api.owner, w.tenant);
    const plan = (await api.t.http.get(`${w.base}/plan`)).body as Plan;
    await inTenantTransaction(api.owner, w.tenant.id, async () => {
      const { rows } = await api.owner.query<{ id: string }>(
        `INSERT INTO funding_call (tenant_id, title) VALUES ($1, 'Mobilité 2025') RETURNING id`,
        [w.tenant.id],
      );
      await api.owner.query(`INSERT INTO funding_call_fiche (tenant_id, call_id, fiche_id) VALUES ($1, $2, $3)`, [
        w.tenant.id,
        rows[0]!.id,
        ficheOf(plan, '3')!.id,
      ]);
    });
    const body = planToWrite(plan);
    body.axes = body.axes.slice(0, 1);
    const res = await w.admin.put(`${w.base}/plan`, body);
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'fiche_in_use');
    assert.match(res.body.message, /La fiche 3 est nommée par un appel à projets/);
    assert.equal(((await api.t.http.get(`${w.base}/plan`)).body as Plan).axes.length, 2);
  });

  it('answers 409 stale when the plan changed since it was read', async () => {
    const w = await world();
    await makePlan(api.owner, w.tenant);
    const read = planToWrite((await api.t.http.get(`${w.base}/plan`)).body as Plan);
    assert.equal((await w.admin.put(`${w.base}/plan`, { ...read, name: 'Premier' })).status, 200);
    const late = await w.admin.put(`${w.base}/plan`, { ...read, name: 'Second' });
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'stale');
    assert.equal(((await api.t.http.get(`${w.base}/plan`)).body as Plan).name, 'Premier');
  });

  it('refuses ids that are not this plan’s (another département’s fiche) with a 400 naming the field', async () => {
    const w = await world();
    const other = await world();
    await makePlan(api.owner, w.tenant);
    await makePlan(api.owner, other.tenant);
    const foreign = (await api.t.http.get(`${other.base}/plan`)).body as Plan;
    const body = planToWrite((await api.t.http.get(`${w.base}/plan`)).body as Plan);
    body.axes[0]!.fiches[1]!.id = foreign.axes[0]!.fiches[0]!.id;
    const res = await w.admin.put(`${w.base}/plan`, body);
    assert.equal(res.status, 400);
    assert.equal(res.body.parameter, 'axes.0.fiches.1.id');
    assert.equal(
      ((await api.t.http.get(`${other.base}/plan`)).body as Plan).axes[0]!.fiches[0]!.title,
      foreign.axes[0]!.fiches[0]!.title,
    );
  });
});
