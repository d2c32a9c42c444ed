// The registrations' figures of the indicators page, in one statement: the year's registrations of
// the filtered offers are read once (a materialised CTE), every table is aggregated from them.
// Years are Paris years. Territories are where the PEOPLE live (registration_person.commune_insee):
// the EPCI of their commune, and the tenant's territories containing it.
import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { ENTERED_STATUSES } from './indicator-figures.js';

/** Statuses whose attendance was recorded (present, absent, then ended). */
export const RECORDED_STATUSES = ['attended', 'absent', 'completed', 'dropped_out'] as const;
/** Statuses of a person who attended (the session's start is their first attendance). */
export const ATTENDED_STATUSES = ['attended', 'completed', 'dropped_out'] as const;

export interface IndicatorQuery {
  year: number;
  axisId: string | null;
  ficheId: string | null;
  theme: string | null;
  /** Communes of the territory filter (null: none). */
  communes: string[] | null;
  /** Most sessions listed (the totals count them all). */
  sessionLimit: number;
}

export interface Counts {
  registrations: number;
  people: number;
  accepted: number;
}

export interface RegistrationRows {
  totals: Counts & {
    prescription: number;
    self: number;
    refused: number;
    decided: number;
    median_hours: number | null;
    promotions: number;
    recorded: number;
    no_shows: number;
    attended: number;
    median_days: number | null;
    waitlist_now: number;
  };
  refusals: { reason: string; n: number }[];
  sessions: { id: string; offer_id: string; title: string; starts_at: string; capacity: number; accepted: number }[];
  session_totals: { count: number; capacity: number; accepted: number };
  themes: (Counts & { code: string })[];
  epcis: (Counts & { code: string | null; name: string | null })[];
  territories: (Counts & { code: string; name: string })[];
  years: (Counts & { year: number })[];
}

/** Per group: registrations, distinct people, accepted; from rows (g, person_id, n, a) grouped by (g, person). */
const perGroup = (g: string) => `${g}, sum(n)::int AS registrations, count(*)::int AS people, sum(a)::int AS accepted`;
const byPerson = `count(*) AS n, count(*) FILTER (WHERE entered) AS a`;
/** The registration `r` is of a filtered offer: no join at all without an offer filter (the parameters are known when planned). */
const ofOffers = (r: string) =>
  `(($3::uuid IS NULL AND $4::uuid IS NULL AND $5::text IS NULL) OR ${r}.offer_id IN (SELECT id FROM f_offer))`;
/** Sums of the per-commune rows `pc` (people are disjoint across communes). */
const sums = `coalesce(sum(pc.registrations), 0)::int AS registrations, coalesce(sum(pc.people), 0)::int AS people,
  coalesce(sum(pc.accepted), 0)::int AS accepted`;

// $1 tenant, $2 year, $3 axis, $4 fiche, $5 theme, $6 communes, $7 entered statuses.
// The year's bounds are computed once (InitPlans), so the year's registrations are a range of
// registration_year_idx (covering: an index-only scan). Only what the tables need is materialised;
// people are counted by grouping (group, person) first (hash aggregates) rather than with
// count(DISTINCT …), which sorts. A person lives in one commune, so people per commune add up
// exactly to people per EPCI and per territory: those tables read the per-commune rows (`pc`, a
// few hundred), never the registrations again. The people's communes are read once into a hash
// (\`person\`): looked up one by one, under row-level security, they cost more than the rest.
const OFFERS = `
  bounds AS MATERIALIZED (
    SELECT make_timestamptz($2::int, 1, 1, 0, 0, 0, 'Europe/Paris') AS t0,
           make_timestamptz($2::int + 1, 1, 1, 0, 0, 0, 'Europe/Paris') AS t1),
  f_offer AS MATERIALIZED (
    SELECT o.id, o.title, o.themes FROM offer o
      LEFT JOIN plan_fiche pf ON pf.tenant_id = o.tenant_id AND pf.id = o.plan_fiche_id
     WHERE o.tenant_id = $1
       AND ($3::uuid IS NULL OR pf.axis_id = $3::uuid) AND ($4::uuid IS NULL OR o.plan_fiche_id = $4::uuid)
       AND ($5::text IS NULL OR o.theme_index @> ARRAY[$5::text])),
  person AS MATERIALIZED (
    SELECT id, commune_insee FROM registration_person WHERE tenant_id = $1),
  reg AS MATERIALIZED (
    SELECT r.offer_id, r.person_id, r.session_id, r.status, r.channel, r.refusal_reason, r.excused, r.promoted,
           r.created_at, r.decided_at, p.commune_insee, r.status = ANY($7::text[]) AS entered
      FROM registration r
      JOIN person p ON p.id = r.person_id
     WHERE r.tenant_id = $1 AND ${ofOffers('r')}
       AND r.created_at >= (SELECT t0 FROM bounds) AND r.created_at < (SELECT t1 FROM bounds)
       AND ($6::text[] IS NULL OR p.commune_insee = ANY($6::text[]))),
  pc AS MATERIALIZED (
    SELECT commune_insee, count(*)::int AS people, sum(n)::int AS registrations, sum(a)::int AS accepted FROM (
      SELECT person_id, commune_insee, ${byPerson} FROM reg GROUP BY 1, 2) g
     GROUP BY commune_insee)`;

@Injectable()
export class IndicatorsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get tenantId(): string {
    return this.db.tenant().id;
  }

  /** Every registrations table of the page for `q`. */
  async registrations(q: IndicatorQuery): Promise<RegistrationRows> {
    // The hash aggregates over a year of registrations stay in memory (the default 4 MB spills them to disk).
    await this.db.manager().query(`SELECT set_config('work_mem', '32MB', true)`);
    const [row] = (await this.db.manager().query(
      `WITH ${OFFERS},
       sess AS MATERIALIZED (
         SELECT s.id, s.offer_id, o.title, s.starts_at, s.capacity
           FROM offer_session s JOIN f_offer o ON o.id = s.offer_id
          WHERE s.tenant_id = $1
            AND s.starts_at >= (SELECT t0 FROM bounds) AND s.starts_at < (SELECT t1 FROM bounds)),
       seats AS MATERIALIZED (
         SELECT sess.*, coalesce(x.accepted, 0)::int AS accepted FROM sess
           LEFT JOIN (SELECT r.session_id, count(*) AS accepted FROM registration r JOIN sess s ON s.id = r.session_id
                       WHERE r.tenant_id = $1 AND r.status = ANY($7::text[])
                       GROUP BY r.session_id) x ON x.session_id = sess.id),
       offer_theme AS MATERIALIZED (SELECT o.id, t.code FROM f_offer o CROSS JOIN LATERAL unnest(o.themes) t(code)),
       span AS (SELECT min(created_at) AS lo, max(created_at) AS hi FROM registration WHERE tenant_id = $1),
       yb AS MATERIALIZED (
         SELECT y AS year, make_timestamptz(y, 1, 1, 0, 0, 0, 'Europe/Paris') AS t0,
                make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Europe/Paris') AS t1
           FROM span, generate_series(extract(year FROM lo AT TIME ZONE 'Europe/Paris')::int,
                                      extract(year FROM hi AT TIME ZONE 'Europe/Paris')::int) y
          WHERE y <> $2::int)
       SELECT
         (SELECT json_build_object(
            'registrations', count(*),
            'accepted', count(*) FILTER (WHERE entered),
            'prescription', count(*) FILTER (WHERE channel = 'prescription'),
            'self', count(*) FILTER (WHERE channel = 'self'),
            'refused', count(*) FILTER (WHERE status = 'refused'),
            'decided', count(*) FILTER (WHERE decided_at IS NOT NULL),
            'median_hours', percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at))
                              FILTER (WHERE decided_at IS NOT NULL) / 3600,
            'promotions', count(*) FILTER (WHERE promoted),
            'recorded', count(*) FILTER (WHERE status = ANY($8::text[])),
            'no_shows', count(*) FILTER (WHERE status = 'absent' AND NOT excused))
            FROM reg) AS totals,
         (SELECT coalesce(sum(people), 0)::int FROM pc) AS people,
         (SELECT count(*)::int FROM registration r
           WHERE r.tenant_id = $1 AND r.status = 'waitlisted' AND ${ofOffers('r')} AND ($6::text[] IS NULL OR EXISTS (
                   SELECT 1 FROM registration_person p
                    WHERE p.tenant_id = r.tenant_id AND p.id = r.person_id AND p.commune_insee = ANY($6::text[])))) AS waitlist_now,
         (SELECT json_build_object('attended', count(*),
            'median_days', percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.starts_at - reg.created_at)) / 86400)
            FROM reg JOIN offer_session s ON s.tenant_id = $1 AND s.id = reg.session_id
           WHERE reg.status = ANY($9::text[])) AS attendance,
         (SELECT coalesce(json_agg(x ORDER BY x.n DESC, x.reason), '[]') FROM (
            SELECT coalesce(refusal_reason, 'other') AS reason, count(*)::int AS n FROM reg
             WHERE status = 'refused' GROUP BY 1) x) AS refusals,
         (SELECT json_build_object('count', count(*), 'capacity', coalesce(sum(capacity), 0),
                                   'accepted', coalesce(sum(accepted), 0)) FROM seats) AS session_totals,
         (SELECT coalesce(json_agg(x), '[]') FROM (
            SELECT id, offer_id, title, starts_at, capacity, accepted FROM seats
             ORDER BY starts_at, title, id LIMIT $10) x) AS sessions,
         (SELECT coalesce(json_agg(x ORDER BY x.registrations DESC, x.code), '[]') FROM (
            SELECT ${perGroup('code')} FROM (
              SELECT t.code, reg.person_id, ${byPerson} FROM reg JOIN offer_theme t ON t.id = reg.offer_id
               GROUP BY 1, 2) g GROUP BY code) x) AS themes,
         (SELECT coalesce(json_agg(x ORDER BY x.registrations DESC, x.name), '[]') FROM (
            SELECT c.epci AS code, e.name, ${sums} FROM pc
              LEFT JOIN commune c ON c.insee = pc.commune_insee
              LEFT JOIN epci e ON e.code = c.epci GROUP BY c.epci, e.name) x) AS epcis,
         (SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (
            SELECT t.code, t.name, ${sums}
              FROM territory t
              LEFT JOIN LATERAL (SELECT DISTINCT unnest(t.commune_codes) AS insee) tc ON true
              LEFT JOIN pc ON pc.commune_insee = tc.insee
             WHERE t.tenant_id = $1 GROUP BY t.id, t.code, t.name) x) AS territories,
         (SELECT coalesce(json_agg(x ORDER BY x.year DESC), '[]') FROM (
            SELECT $2::int AS year, count(*)::int AS registrations, (SELECT coalesce(sum(people), 0)::int FROM pc) AS people,
                   count(*) FILTER (WHERE entered)::int AS accepted FROM reg HAVING count(*) > 0
            UNION ALL
            SELECT ${perGroup('year')} FROM (
              SELECT yb.year, r.person_id, count(*) AS n, count(*) FILTER (WHERE r.status = ANY($7::text[])) AS a
                FROM yb JOIN registration r ON r.tenant_id = $1 AND r.created_at >= yb.t0 AND r.created_at < yb.t1
               WHERE ${ofOffers('r')} AND ($6::text[] IS NULL OR EXISTS (
                       SELECT 1 FROM registration_person p
                        WHERE p.tenant_id = r.tenant_id AND p.id = r.person_id AND p.commune_insee = ANY($6::text[])))
               GROUP BY 1, 2) g GROUP BY year) x) AS years`,
      [
        this.tenantId,
        q.year,
        q.axisId,
        q.ficheId,
        q.theme,
        q.communes,
        ENTERED_STATUSES,
        RECORDED_STATUSES,
        ATTENDED_STATUSES,
        q.sessionLimit,
      ],
    )) as {
      totals: Omit<RegistrationRows['totals'], 'attended' | 'median_days' | 'people' | 'waitlist_now'>;
      people: number;
      waitlist_now: number;
      attendance: { attended: number; median_days: number | null };
      refusals: RegistrationRows['refusals'];
      session_totals: RegistrationRows['session_totals'];
      sessions: RegistrationRows['sessions'];
      themes: RegistrationRows['themes'];
      epcis: RegistrationRows['epcis'];
      territories: RegistrationRows['territories'];
      years: RegistrationRows['years'];
    }[];
    const r = row!;
    return {
      totals: { ...r.totals, people: r.people, waitlist_now: r.waitlist_now, ...r.attendance },
      refusals: r.refusals,
      sessions: r.sessions,
      session_totals: r.session_totals,
      themes: r.themes,
      epcis: r.epcis,
      territories: r.territories,
      years: r.years,
    };
  }

  /** The communes of a territory filter: an EPCI's (of the tenant's département) or a territory's (id or code); null if unknown. */
  async territoryCommunes(territory: string): Promise<string[] | null> {
    const rows = (await this.db.manager().query(
      /^[0-9]{9}$/.test(territory)
        ? `SELECT array_agg(c.insee) AS communes FROM commune c JOIN tenant t ON t.id = $1 AND t.code = c.departement
            WHERE c.epci = $2 HAVING count(*) > 0`
        : /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(territory)
          ? `SELECT commune_codes AS communes FROM territory WHERE tenant_id = $1 AND id = $2::uuid`
          : `SELECT commune_codes AS communes FROM territory WHERE tenant_id = $1 AND code = $2`,
      [this.tenantId, territory],
    )) as { communes: string[] }[];
    return rows[0]?.communes ?? null;
  }

  /** Years of the current plan's period. */
  async planYears(): Promise<number[]> {
    const rows = (await this.db
      .manager()
      .query(
        `SELECT generate_series(period_start::int, period_end::int) AS year FROM insertion_plan WHERE tenant_id = $1 AND is_current`,
        [this.tenantId],
      )) as { year: number }[];
    return rows.map((r) => r.year);
  }

  /** Whether the axis / fiche belongs to the tenant's current plan. */
  async planPartExists(kind: 'axis' | 'fiche', id: string): Promise<boolean> {
    const rows = (await this.db.manager().query(
      kind === 'axis'
        ? `SELECT 1 FROM plan_axis a JOIN insertion_plan p ON p.tenant_id = a.tenant_id AND p.id = a.plan_id AND p.is_current
            WHERE a.tenant_id = $1 AND a.id = $2`
        : `SELECT 1 FROM plan_fiche f JOIN insertion_plan p ON p.tenant_id = f.tenant_id AND p.id = f.plan_id AND p.is_current
            WHERE f.tenant_id = $1 AND f.id = $2`,
      [this.tenantId, id],
    )) as unknown[];
    return rows.length > 0;
  }
}
