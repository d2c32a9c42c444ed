// The département's statistics endpoints at scale (issue 15: within 500 ms p95 server-side).
//  1. its own database, catalogue_bench_indicators, in the benchmark's embedded PostgreSQL
//     (--data-dir), created again at each run (kept with --keep when it holds the same dataset) and
//     migrated: one tenant (Drôme), a plan of 3 axes × 4 fiches × 3 indicators (one of each measure:
//     registrations, bilans, hand entry, with values and progress texts), --largest offers (default
//     20,000; one session each this year) on the fiches and thématiques, 10 registrations per offer
//     (200,000) of people living in the département's communes, over this year and the last, every
//     status and channel; 20 structures × 12 calls (one per fiche) = 240 running agreements with
//     their tranches and validated bilans, 4 territories — generated with SQL generate_series as the owner;
//  2. the real API on it; an agent signed in; each endpoint of ENDPOINTS called --api-runs times
//     (default 30) after 3 unmeasured calls; Server-Timing (time in the server) and client times.
// Results: bench/results/indicators.json. Another endpoint is one more line in ENDPOINTS.
import { loadavg } from 'node:os';
import { runMigrations } from '@catalogue/api/common/database/data-source.js';
import { startEmbeddedPostgres } from '@catalogue/api/common/database/embedded-postgres.js';
import { syncReferenceData } from '@catalogue/api/database/reference-data.js';
import { inTenantTransaction, upsertOrganization } from '@catalogue/api/database/catalogue-writer.js';
import { upsertTenant } from '@catalogue/api/demo/demo-loader.js';
import { addMembership, makeUser, signedIn } from '@catalogue/api/testing/accounts.js';
import {
  benchOptions,
  log,
  machineInfo,
  percentile,
  recreateDatabase,
  round2,
  startBenchApi,
  writeResults,
} from './bench-env.js';
import { connectClient, runBench, withClient, type Resources } from './bench-run.js';

const DATABASE = 'catalogue_bench_indicators';
const REGISTRATIONS_PER_OFFER = 10;
const GOAL_P95_MS = 500;
const year = Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));

/** The endpoints measured (path under /api/v1/tenants/{slug}/). */
const ENDPOINTS: { name: string; path: string }[] = [
  { name: 'indicators', path: `indicators?year=${year}` },
  { name: 'indicators_filtered', path: `indicators?year=${year}&theme=mobilite` },
  { name: 'report_execution', path: `reports/execution?year=${year}` },
];

async function generate(owner: import('pg').Client, tenantId: string, offers: number): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  const organizationId = await upsertOrganization(owner, tenantId, {
    name: 'Structure du benchmark',
    kind: 'association',
  });
  await q(
    `INSERT INTO insertion_plan (tenant_id, name, period_start, period_end) VALUES ($1, 'Plan du benchmark', $2::int, $2::int + 3)`,
    [tenantId, year - 1],
  );
  await q(
    `INSERT INTO plan_axis (tenant_id, plan_id, number, title)
     SELECT $1, p.id, a, 'Axe ' || a FROM insertion_plan p, generate_series(1, 3) a WHERE p.tenant_id = $1`,
    [tenantId],
  );
  await q(
    `INSERT INTO plan_fiche (tenant_id, plan_id, axis_id, number, position, title)
     SELECT $1, a.plan_id, a.id, (a.number * 10 + f)::text, f, 'Fiche ' || f FROM plan_axis a, generate_series(1, 4) f WHERE a.tenant_id = $1`,
    [tenantId],
  );
  await q(
    `INSERT INTO plan_indicator (tenant_id, fiche_id, position, label, unit, measure, targets)
     SELECT $1, f.id, m.pos, m.label, 'personnes', m.measure, jsonb_build_object($2::text, 500)
       FROM plan_fiche f, (VALUES (0, 'Personnes entrées', 'registrations'), (1, 'Personnes suivies', 'bilans'),
                                  (2, 'Partenaires mobilisés', 'manual')) m(pos, label, measure)
      WHERE f.tenant_id = $1`,
    [tenantId, String(year)],
  );
  const themes = [
    'mobilite--acceder-a-un-vehicule',
    'numerique--acquerir-un-equipement',
    'remobilisation--lien-social',
    'mobilite--financer-ma-mobilite',
  ];
  await q(
    `WITH fiches AS (SELECT array_agg(id ORDER BY number) AS ids FROM plan_fiche WHERE tenant_id = $1)
     INSERT INTO offer (tenant_id, organization_id, status, title, themes, theme_index, access, zone_type, plan_fiche_id, published_at)
     SELECT $1, $2, 'published', 'Action ' || i, ARRAY[($4::text[])[(i % 4) + 1]],
            ARRAY[split_part(($4::text[])[(i % 4) + 1], '--', 1), ($4::text[])[(i % 4) + 1]],
            'self_registration', 'departement', CASE WHEN i % 3 = 0 THEN NULL ELSE fiches.ids[(i % 12) + 1] END, now()
       FROM generate_series(1, $3::int) i, fiches`,
    [tenantId, organizationId, offers, themes],
  );
  await q(
    `INSERT INTO offer_session (tenant_id, offer_id, starts_at, capacity)
     SELECT $1, id, make_timestamptz($2::int, 1 + (abs(hashtext(id::text)) % 12), 10, 9, 0, 0, 'Europe/Paris'), 20 FROM offer WHERE tenant_id = $1`,
    [tenantId, year],
  );
  const people = (offers * REGISTRATIONS_PER_OFFER) / 2;
  await q(
    `WITH c AS (SELECT array_agg(insee) AS codes FROM commune WHERE departement = '26')
     INSERT INTO registration_person (tenant_id, first_name, last_name, commune_insee, situation, sex)
     SELECT $1, 'Personne', 'N' || i, c.codes[(i % cardinality(c.codes)) + 1], (ARRAY['rsa','young','job_seeker','other'])[(i % 4) + 1], 'unspecified'
       FROM generate_series(1, $2::int) i, c`,
    [tenantId, people],
  );
  // Registration i: person i / 2 (two each, never the same session twice), offer i % offers.
  await q(
    `WITH o AS (SELECT array_agg(o.id ORDER BY o.id) AS ids, array_agg(s.id ORDER BY o.id) AS sids
                  FROM offer o JOIN offer_session s ON s.offer_id = o.id WHERE o.tenant_id = $1),
          p AS (SELECT array_agg(id ORDER BY id) AS ids FROM registration_person WHERE tenant_id = $1),
          r AS (SELECT i, (ARRAY['accepted','attended','attended','absent','refused','waitlisted','pending','cancelled','completed','expired'])[(i % 10) + 1] AS status,
                       CASE WHEN i % 3 = 0 THEN 'self' ELSE 'prescription' END AS channel,
                       make_timestamptz($3::int - (i % 2), 1, 1, 0, 0, 0, 'Europe/Paris') + (abs(hashtext(i::text)) % 360) * interval '1 day' AS created
                  FROM generate_series(0, $2::int - 1) i)
     INSERT INTO registration (tenant_id, offer_id, session_id, person_id, channel, consent_how, consent_at, status, waitlisted_at,
                               refusal_reason, excused, promoted, created_at, decided_at)
     SELECT $1, o.ids[(r.i % cardinality(o.ids)) + 1], o.sids[(r.i % cardinality(o.ids)) + 1], p.ids[(r.i / 2) + 1], r.channel,
            CASE WHEN r.channel = 'prescription' THEN 'oral' END, CASE WHEN r.channel = 'prescription' THEN r.created END,
            r.status, CASE WHEN r.status = 'waitlisted' THEN r.created END,
            CASE WHEN r.status = 'refused' THEN (ARRAY['full','prerequisites_not_met','unreachable','duplicate','other'])[(r.i % 5) + 1] END,
            r.status = 'absent' AND r.i % 2 = 0, r.i % 17 = 0 AND r.status = 'accepted', r.created,
            CASE WHEN r.status IN ('pending','waitlisted','cancelled','expired') THEN NULL ELSE r.created + (r.i % 96) * interval '1 hour' END
       FROM r, o, p`,
    [tenantId, people * 2, year],
  );
}

const STRUCTURES = 20;

/** What the execution report reads besides the figures: hand-entered values, progress texts, agreements, bilans. */
async function generateFunding(owner: import('pg').Client, tenantId: string): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  await q(
    `INSERT INTO plan_indicator_value (tenant_id, indicator_id, year, value, note)
     SELECT $1, id, $2::int, 12, 'Saisie du benchmark' FROM plan_indicator WHERE tenant_id = $1 AND measure = 'manual'`,
    [tenantId, year],
  );
  await q(
    `INSERT INTO plan_fiche_year (tenant_id, fiche_id, year, progress, voted_cents)
     SELECT $1, id, $2::int, 'Action engagée sur l’ensemble du territoire.', 10000000 FROM plan_fiche WHERE tenant_id = $1`,
    [tenantId, year],
  );
  await q(
    `INSERT INTO organization (tenant_id, name, kind)
     SELECT $1, 'Structure financée ' || i, 'association' FROM generate_series(1, $2::int) i`,
    [tenantId, STRUCTURES],
  );
  // One decided call per fiche; every funded structure is selected on each.
  await q(
    `INSERT INTO funding_call (tenant_id, status, title, opens_at, closes_at, decided_at)
     SELECT $1, 'decided', 'Appel ' || f.number, make_timestamptz($2::int - 1, 3, 1, 0, 0, 0, 'Europe/Paris'),
            make_timestamptz($2::int - 1, 6, 1, 0, 0, 0, 'Europe/Paris'), make_timestamptz($2::int - 1, 10, 15, 0, 0, 0, 'Europe/Paris')
       FROM plan_fiche f WHERE f.tenant_id = $1`,
    [tenantId, year],
  );
  await q(
    `INSERT INTO funding_call_fiche (tenant_id, call_id, fiche_id)
     SELECT $1, c.id, f.id FROM funding_call c JOIN plan_fiche f ON f.tenant_id = c.tenant_id AND 'Appel ' || f.number = c.title
      WHERE c.tenant_id = $1`,
    [tenantId],
  );
  await q(
    `INSERT INTO application (tenant_id, call_id, organization_id, status, amount_requested_cents, amount_granted_cents, decided_at)
     SELECT $1, c.id, o.id, 'selected', 2000000, 1500000, c.decided_at
       FROM funding_call c, organization o WHERE c.tenant_id = $1 AND o.tenant_id = $1 AND o.name LIKE 'Structure financée %'`,
    [tenantId],
  );
  await q(
    `INSERT INTO agreement (tenant_id, application_id, call_id, organization_id, status, title, amount_cents, starts_on, ends_on,
                            payment_schedule, indicators, bilan_due_dates, signed_file_name, signed_media_type,
                            signed_size_bytes, signed_sha256, signed_storage_key, signed_at)
     SELECT $1, a.id, a.call_id, a.organization_id, 'running', 'Convention ' || a.id, 1500000,
            make_date($2::int - 1, 11, 1), make_date($2::int, 10, 31),
            jsonb_build_array(jsonb_build_object('label', 'Avance', 'amountCents', 1000000, 'dueOn', make_date($2::int, 1, 15)),
                              jsonb_build_object('label', 'Solde', 'amountCents', 500000, 'dueOn', make_date($2::int + 1, 1, 31))),
            (SELECT jsonb_agg(jsonb_build_object('indicatorId', i.id, 'label', i.label, 'unit', i.unit, 'target', 50))
               FROM plan_indicator i JOIN funding_call_fiche cf ON cf.tenant_id = i.tenant_id AND cf.fiche_id = i.fiche_id
              WHERE cf.call_id = a.call_id AND i.measure = 'bilans'),
            ARRAY[make_date($2::int, 12, 31)], 'convention.pdf', 'application/pdf', 1000, repeat('0', 64), 'bench/' || a.id, now()
       FROM application a WHERE a.tenant_id = $1 AND a.status = 'selected'`,
    [tenantId, year],
  );
  await q(
    `INSERT INTO bilan (tenant_id, agreement_id, organization_id, year, period_start, period_end, due_on, status,
                        indicator_values, computed, granted_cents, validated_at)
     SELECT $1, g.id, g.organization_id, $2::int, g.starts_on, g.ends_on, make_date($2::int, 12, 31), 'validated',
            (SELECT jsonb_agg(x || jsonb_build_object('value', 40, 'comment', '')) FROM jsonb_array_elements(g.indicators) x),
            '{}', g.amount_cents, now()
       FROM agreement g WHERE g.tenant_id = $1`,
    [tenantId, year],
  );
}

/** Four territories sharing the département's communes (the page counts people per territory); idempotent. */
async function ensureTerritories(owner: import('pg').Client, tenantId: string): Promise<void> {
  await inTenantTransaction(owner, tenantId, () =>
    owner.query(
      `INSERT INTO territory (tenant_id, code, name, commune_codes)
       SELECT $1, 'territoire-' || k, 'Territoire ' || k, array_agg(insee ORDER BY insee)
         FROM (SELECT insee, row_number() OVER (ORDER BY insee) % 4 + 1 AS k FROM commune WHERE departement = '26') c
        GROUP BY k
       ON CONFLICT (tenant_id, code) DO NOTHING`,
      [tenantId],
    ),
  );
}

/** The sessions' seat counters as the registrations say (the API's jobs check them). */
async function syncCounters(owner: import('pg').Client, tenantId: string): Promise<void> {
  await owner.query(
    `UPDATE offer_session s SET booked = x.booked, waitlisted = x.waitlisted
       FROM (SELECT session_id,
                    count(*) FILTER (WHERE status IN ('accepted', 'attended', 'absent', 'completed', 'dropped_out'))::int AS booked,
                    count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
               FROM registration WHERE tenant_id = $1 GROUP BY session_id) x
      WHERE s.tenant_id = $1 AND s.id = x.session_id`,
    [tenantId],
  );
}

/** Seconds the kept dataset `key` took to generate; null when the database holds another one (or none). */
async function keptDataset(resources: Resources, ownerUrl: string, key: string): Promise<number | null> {
  return withClient(resources, 'connexion de lecture du jeu conservé', ownerUrl, async (client) => {
    const { rows: table } = await client.query<{ e: boolean }>(
      `SELECT to_regclass('bench_indicators_dataset') IS NOT NULL AS e`,
    );
    if (!table[0]?.e) return null;
    const { rows } = await client.query<{ seconds: string }>(
      `SELECT seconds FROM bench_indicators_dataset WHERE spec = $1`,
      [key],
    );
    return rows[0] ? Number(rows[0].seconds) : null;
  }).catch(() => null); // no database yet
}

async function main(resources: Resources): Promise<void> {
  const options = benchOptions();
  const offers = options.spec.largestTenantOffers;
  const runs = options.apiRuns;
  log(`Base de benchmark : ${options.dataDir} (base ${DATABASE})`);
  const db = await startEmbeddedPostgres({ dataDir: options.dataDir, database: DATABASE, fast: true, log });
  resources.add('PostgreSQL du benchmark', () => db.stop());
  const datasetKey = JSON.stringify({
    offers,
    year,
    registrationsPerOffer: REGISTRATIONS_PER_OFFER,
    structures: STRUCTURES,
  });
  let generationSeconds = options.keep ? await keptDataset(resources, db.ownerUrl, datasetKey) : null;
  if (generationSeconds === null) await recreateDatabase(resources, db, DATABASE);
  else log(`--keep : jeu de données conservé (généré en ${generationSeconds} s)`);
  await runMigrations(db.ownerUrl);
  await syncReferenceData(db.ownerUrl);
  const { client: owner } = await connectClient(resources, 'connexion propriétaire', db.ownerUrl);
  const tenant = await upsertTenant(owner, '26', 'drome', 'Drôme');
  await ensureTerritories(owner, tenant.id);
  if (generationSeconds === null) {
    const t0 = Date.now();
    await inTenantTransaction(owner, tenant.id, async () => {
      await generate(owner, tenant.id, offers);
      await generateFunding(owner, tenant.id);
      await syncCounters(owner, tenant.id);
    });
    await owner.query('VACUUM ANALYZE');
    generationSeconds = round2((Date.now() - t0) / 1000);
    // Recorded last: an interrupted generation is started over next time.
    await owner.query(`CREATE TABLE bench_indicators_dataset (spec text PRIMARY KEY, seconds numeric NOT NULL)`);
    await owner.query(`INSERT INTO bench_indicators_dataset VALUES ($1, $2)`, [datasetKey, generationSeconds]);
  } else {
    await owner.query('VACUUM ANALYZE');
  }
  const counts = await inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ offers: number; registrations: number }>(
      `SELECT (SELECT count(*)::int FROM offer) AS offers, (SELECT count(*)::int FROM registration) AS registrations`,
    );
    return rows[0]!;
  });
  log(
    `Jeu de données (généré en ${generationSeconds} s) : ${counts.offers} offres, ${counts.registrations} inscriptions`,
  );
  const user = await makeUser(owner, { name: 'Agent du benchmark' });
  await addMembership(owner, tenant, user.id, 'agent');
  const session = await signedIn(owner, undefined as never, user);
  const api = await startBenchApi(resources, db);
  const loadBefore = loadavg().map(round2);

  const results: Record<string, unknown> = {};
  for (const e of ENDPOINTS) {
    const url = `${api.base}/api/v1/tenants/drome/${e.path}`;
    const server: number[] = [];
    const client: number[] = [];
    for (let i = -3; i < runs; i++) {
      const c0 = performance.now();
      const res = await fetch(url, { headers: { Cookie: session.cookie, Accept: 'application/json' } });
      await res.arrayBuffer();
      const c1 = performance.now();
      if (res.status !== 200) throw new Error(`${e.name} : ${res.status}`);
      if (i < 0) continue;
      client.push(c1 - c0);
      server.push(Number(/dur=([0-9.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
    }
    const stat = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return {
        n: s.length,
        median: round2(percentile(s, 0.5)),
        p95: round2(percentile(s, 0.95)),
        max: round2(s.at(-1) ?? NaN),
      };
    };
    const r = {
      path: e.path,
      serverTiming: stat(server),
      client: stat(client),
      goalMet: stat(server).p95 < GOAL_P95_MS,
    };
    results[e.name] = r;
    log(
      `${e.name.padEnd(22)} serveur médiane ${r.serverTiming.median} ms, p95 ${r.serverTiming.p95} ms · client p95 ${r.client.p95} ms`,
    );
  }
  const file = writeResults(options, 'indicators.json', {
    generatedAt: new Date().toISOString(),
    machine: { ...machineInfo(), loadAverage: { before: loadBefore, after: loadavg().map(round2) } },
    dataset: { ...counts, year, registrationsPerOffer: REGISTRATIONS_PER_OFFER, generationSeconds },
    method: `${runs} GET per endpoint after 3 unmeasured, one at a time, as a signed-in agent; serverTiming = Server-Timing app;dur`,
    goalP95Ms: GOAL_P95_MS,
    results,
  });
  log(`Résultats : ${file}`);
}

process.exit(await runBench(main));
