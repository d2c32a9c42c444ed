// A small, hand-written dataset for the indicators' tests (year 2024, Paris time): a plan with
// indicators of each measure, offers on its fiches, registrations written row by row with their
// dates, statuses and channels, bilans validated or not. The expected figures are counted by hand
// in indicators.spec.ts from what is written here.
import type pg from 'pg';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { communesOf, makeOffer, makeOrganization, makePlan } from '../../testing/factories.js';
import type { TestTenant } from '../../testing/test-database.js';

export const YEAR = 2024;
export const T_MOBILITY = 'mobilite--acceder-a-un-vehicule';
export const T_REPAIR = 'mobilite--entretenir-reparer-son-vehicule';
export const T_FUNDING = 'mobilite--financer-ma-mobilite';

export interface IndicatorsWorld {
  axes: string[];
  fiches: Record<'f1' | 'f2' | 'f3', string>;
  indicators: Record<'people' | 'manual' | 'bilans' | 'bilansSmall' | 'workshops' | 'f2people' | 'f3people', string>;
  offers: Record<'a' | 'b' | 'c', string>;
  sessions: Record<'a0' | 'a1' | 'a2' | 'b1', string>;
  /** The EPCI of the people of offer A, and a territory of the tenant holding their commune. */
  epci: string;
  territoryId: string;
}

interface Reg {
  offer: string;
  session: string | null;
  person: string;
  channel: 'self' | 'prescription';
  status: string;
  created: string;
  decidedAfterHours?: number;
  refusal?: string;
  excused?: boolean;
  promoted?: boolean;
}

const PLAN = {
  name: 'Plan de test des indicateurs',
  periodStart: 2023,
  periodEnd: 2026,
  source: null,
  axes: [
    {
      number: 1,
      title: 'Accompagner vers l’emploi',
      fiches: [
        {
          number: '1',
          title: 'Mobilité',
          indicators: [
            { label: 'Personnes entrées', unit: 'personnes', measure: 'registrations', targets: { '2024': 20 } },
            { label: 'Permis financés', unit: 'permis', measure: 'manual', targets: { '2024': 50 } },
            { label: 'Personnes suivies (bilans)', unit: 'personnes', measure: 'bilans', targets: { '2024': 30 } },
            { label: 'Jeunes suivis (bilans)', unit: 'jeunes', measure: 'bilans', targets: {} },
            { label: 'Ateliers tenus', unit: 'ateliers', measure: 'bilans', targets: { '2024': 4 } },
          ],
        },
        {
          number: '2',
          title: 'Garages solidaires',
          indicators: [
            { label: 'Personnes entrées', unit: 'personnes', measure: 'registrations', targets: { '2024': 10 } },
          ],
        },
      ],
    },
    {
      number: 2,
      title: 'Associer les entreprises',
      fiches: [
        {
          number: '3',
          title: 'Parrainage',
          indicators: [{ label: 'Filleuls', unit: 'personnes', measure: 'registrations', targets: { '2024': 0 } }],
        },
      ],
    },
  ],
};

export async function indicatorsWorld(owner: pg.Client, tenant: TestTenant): Promise<IndicatorsWorld> {
  await makePlan(owner, tenant, PLAN as never);
  const communes = await communesOf(owner, tenant);
  const home = communes.find((c) => c.epci)!;
  const elsewhere = communes.find((c) => c.epci && c.epci !== home.epci) ?? communes[1]!;
  const org = await makeOrganization(owner, tenant);
  const offer = (themes: string[]) => makeOffer(owner, tenant, org, { themes, access: 'self_registration' });
  const offers = { a: await offer([T_MOBILITY]), b: await offer([T_REPAIR]), c: await offer([T_FUNDING]) };

  return inTenantTransaction(owner, tenant.id, async () => {
    const q = async <T extends object>(sql: string, params: unknown[]) => (await owner.query<T>(sql, params)).rows;
    const plan = await q<{ kind: string; key: string; id: string }>(
      `SELECT 'axis' AS kind, number::text AS key, id FROM plan_axis WHERE tenant_id = $1
       UNION ALL SELECT 'fiche', number, id FROM plan_fiche WHERE tenant_id = $1
       UNION ALL SELECT 'indicator', f.number || '/' || i.position, i.id FROM plan_indicator i
         JOIN plan_fiche f ON f.id = i.fiche_id WHERE i.tenant_id = $1`,
      [tenant.id],
    );
    const id = (kind: string, key: string) => plan.find((p) => p.kind === kind && p.key === key)!.id;
    const fiches = { f1: id('fiche', '1'), f2: id('fiche', '2'), f3: id('fiche', '3') };
    await owner.query(`UPDATE offer SET plan_fiche_id = $2 WHERE id = $1`, [offers.a, fiches.f1]);
    await owner.query(`UPDATE offer SET plan_fiche_id = $2 WHERE id = $1`, [offers.b, fiches.f2]);

    const session = async (offerId: string, startsAt: string, capacity: number) =>
      (
        await q<{ id: string }>(
          `INSERT INTO offer_session (tenant_id, offer_id, starts_at, capacity) VALUES ($1, $2, $3, $4) RETURNING id`,
          [tenant.id, offerId, startsAt, capacity],
        )
      )[0]!.id;
    const sessions = {
      a0: await session(offers.a, '2023-11-01T09:00:00Z', 10),
      a1: await session(offers.a, '2024-03-01T09:00:00Z', 10),
      a2: await session(offers.a, '2024-06-01T09:00:00Z', 8),
      b1: await session(offers.b, '2024-02-01T09:00:00Z', 5),
    };
    const person = async (commune: string | null) =>
      (
        await q<{ id: string }>(
          `INSERT INTO registration_person (tenant_id, first_name, last_name, commune_insee) VALUES ($1, 'Alex', 'Test', $2) RETURNING id`,
          [tenant.id, commune],
        )
      )[0]!.id;
    const p: string[] = [''];
    for (let i = 1; i <= 13; i++) p.push(await person(home.insee));
    for (let i = 14; i <= 17; i++) p.push(await person(elsewhere.insee));
    for (let i = 18; i <= 22; i++) p.push(await person(null));

    const regs: Reg[] = [
      // Session A1 (10 seats, 1 March 2024): 5 present, 2 absent (one excused), 1 accepted.
      ...[1, 2, 3, 4, 5].map((i) => ({
        offer: offers.a,
        session: sessions.a1,
        person: p[i]!,
        channel: (i <= 4 ? 'prescription' : 'self') as Reg['channel'],
        status: 'attended',
        created: `2024-02-${String(1 + (i - 1) * 5).padStart(2, '0')}T09:00:00Z`,
        decidedAfterHours: i,
      })),
      {
        offer: offers.a,
        session: sessions.a1,
        person: p[6]!,
        channel: 'self',
        status: 'absent',
        created: '2024-02-25T09:00:00Z',
        decidedAfterHours: 6,
      },
      {
        offer: offers.a,
        session: sessions.a1,
        person: p[7]!,
        channel: 'self',
        status: 'absent',
        excused: true,
        created: '2024-02-25T09:00:00Z',
        decidedAfterHours: 7,
      },
      {
        offer: offers.a,
        session: sessions.a1,
        person: p[8]!,
        channel: 'prescription',
        status: 'accepted',
        created: '2024-02-26T09:00:00Z',
        decidedAfterHours: 8,
      },
      // Session A2 (8 seats, 1 June 2024): 3 refused, 1 wait-listed, 1 promoted, p1 again.
      {
        offer: offers.a,
        session: sessions.a2,
        person: p[9]!,
        channel: 'prescription',
        status: 'refused',
        refusal: 'full',
        created: '2024-05-01T09:00:00Z',
        decidedAfterHours: 9,
      },
      {
        offer: offers.a,
        session: sessions.a2,
        person: p[10]!,
        channel: 'prescription',
        status: 'refused',
        refusal: 'full',
        created: '2024-05-01T09:00:00Z',
        decidedAfterHours: 10,
      },
      {
        offer: offers.a,
        session: sessions.a2,
        person: p[11]!,
        channel: 'prescription',
        status: 'refused',
        refusal: 'prerequisites_not_met',
        created: '2024-05-01T09:00:00Z',
        decidedAfterHours: 11,
      },
      {
        offer: offers.a,
        session: sessions.a2,
        person: p[12]!,
        channel: 'prescription',
        status: 'waitlisted',
        created: '2024-05-02T09:00:00Z',
      },
      {
        offer: offers.a,
        session: sessions.a2,
        person: p[13]!,
        channel: 'prescription',
        status: 'accepted',
        promoted: true,
        created: '2024-05-02T09:00:00Z',
        decidedAfterHours: 12,
      },
      {
        offer: offers.a,
        session: sessions.a2,
        person: p[1]!,
        channel: 'prescription',
        status: 'accepted',
        created: '2024-05-03T09:00:00Z',
        decidedAfterHours: 13,
      },
      // Out of the year: 2023 (session A0), and 1 January 2025 00:30 in Paris.
      ...[14, 15, 16].map((i) => ({
        offer: offers.a,
        session: sessions.a0,
        person: p[i]!,
        channel: 'self' as const,
        status: 'attended',
        created: '2023-10-01T09:00:00Z',
        decidedAfterHours: 1,
      })),
      {
        offer: offers.a,
        session: null,
        person: p[14]!,
        channel: 'self',
        status: 'accepted',
        created: '2024-12-31T23:30:00Z',
        decidedAfterHours: 1,
      },
      // 31 December 2023 at 23:30 UTC is 1 January 2024 in Paris: in the year.
      {
        offer: offers.b,
        session: sessions.b1,
        person: p[17]!,
        channel: 'self',
        status: 'accepted',
        created: '2023-12-31T23:30:00Z',
        decidedAfterHours: 14,
      },
      // Offer C (no fiche): 5 pending requests of people of unknown commune.
      ...[18, 19, 20, 21, 22].map((i) => ({
        offer: offers.c,
        session: null,
        person: p[i]!,
        channel: 'self' as const,
        status: 'pending',
        created: '2024-09-01T09:00:00Z',
      })),
    ];
    for (const r of regs)
      await owner.query(
        `INSERT INTO registration (tenant_id, offer_id, session_id, person_id, channel, consent_how, consent_at, status,
                                   waitlisted_at, refusal_reason, excused, promoted, created_at, decided_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'prescription' THEN 'oral' END, CASE WHEN $5 = 'prescription' THEN $9::timestamptz END,
                 $6, CASE WHEN $6 = 'waitlisted' THEN $9::timestamptz END, $7, $8, $10, $9::timestamptz,
                 $9::timestamptz + make_interval(hours => $11::int))`,
        [
          tenant.id,
          r.offer,
          r.session,
          r.person,
          r.channel,
          r.status,
          r.refusal ?? null,
          r.excused ?? false,
          r.created,
          r.promoted ?? false,
          r.decidedAfterHours ?? null,
        ],
      );

    // The sessions' counters follow their rows, as the registrations module keeps them (the
    // registrations' jobs of other test files run over every tenant and trust them).
    await owner.query(
      `UPDATE offer_session s SET
         waitlisted = (SELECT count(*) FROM registration r WHERE r.session_id = s.id AND r.status = 'waitlisted'),
         booked = least(s.capacity, (SELECT count(*) FROM registration r WHERE r.session_id = s.id
                                      AND r.status IN ('accepted', 'attended', 'absent', 'completed', 'dropped_out')))
        WHERE s.tenant_id = $1`,
      [tenant.id],
    );

    // Bilans: validated ones of 2024 count, not a submitted one, nor one of 2023.
    const ind = (key: string) => id('indicator', key);
    const bilan = (offerId: string, year: number, status: string, values: { key: string; value: unknown }[]) =>
      owner.query(
        `INSERT INTO bilan (tenant_id, offer_id, organization_id, year, period_start, period_end, due_on, status, indicator_values,
                            validated_at, computed)
         VALUES ($1, $2, $3, $4::int, make_date($4::int, 1, 1), make_date($4::int, 12, 31), make_date($4::int + 1, 1, 31), $5, $6,
                 CASE WHEN $5 = 'validated' THEN now() END, CASE WHEN $5 = 'validated' THEN '{}'::jsonb END)`,
        [
          tenant.id,
          offerId,
          org,
          year,
          status,
          JSON.stringify(
            values.map((v) => ({
              indicatorId: ind(v.key),
              label: 'x',
              unit: 'x',
              target: null,
              value: v.value,
              comment: '',
            })),
          ),
        ],
      );
    await bilan(offers.a, 2024, 'validated', [
      { key: '1/2', value: 12 },
      { key: '1/3', value: 3 },
      { key: '1/4', value: 3 },
    ]);
    await bilan(offers.b, 2024, 'validated', [
      { key: '1/2', value: 3 },
      { key: '1/4', value: '40' },
    ]);
    await bilan(offers.c, 2024, 'submitted', [{ key: '1/2', value: 100 }]);
    await bilan(offers.a, 2023, 'validated', [{ key: '1/2', value: 50 }]);
    await owner.query(
      `INSERT INTO plan_indicator_value (tenant_id, indicator_id, year, value, note) VALUES ($1, $2, 2024, 42.5, 'Chiffre de la CAF'), ($1, $2, 2023, 7, NULL)`,
      [tenant.id, ind('1/1')],
    );
    const territory = await q<{ id: string }>(
      `INSERT INTO territory (tenant_id, code, name, commune_codes) VALUES ($1, 'bassin-test', 'Bassin de test', $2) RETURNING id`,
      [tenant.id, [home.insee]],
    );
    return {
      axes: [id('axis', '1'), id('axis', '2')],
      fiches,
      indicators: {
        people: ind('1/0'),
        manual: ind('1/1'),
        bilans: ind('1/2'),
        bilansSmall: ind('1/3'),
        workshops: ind('1/4'),
        f2people: ind('2/0'),
        f3people: ind('3/0'),
      },
      offers,
      sessions,
      epci: home.epci!,
      territoryId: territory[0]!.id,
    };
  });
}
