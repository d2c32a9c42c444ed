// Coverage gaps benchmark (issue 15): the coverage of one theme over every commune of the
// département with the most communes, with that département's offers generated as the search
// benchmark does (demo templates, places weighted by population, 97 % published).
//  1. its own embedded PostgreSQL (--data-dir, database catalogue_bench_coverage), migrated, with
//     the reference communes and `--largest` offers in that one département;
//  2. the module's own code in process (Nest context, CoverageService's repository in a tenant
//     transaction, as a request runs it), a few warm-up runs then `--runs` measured ones per theme.
// Results: bench/results/coverage.json (p50 and p95 server-side, goal p95 < 300 ms).
import 'reflect-metadata';
import { loadCommunes } from '@catalogue/domain/geo';
import { runMigrations } from '@catalogue/api/common/database/data-source.js';
import { startEmbeddedPostgres } from '@catalogue/api/common/database/embedded-postgres.js';
import { syncReferenceData } from '@catalogue/api/database/reference-data.js';
import { TenantTransaction } from '@catalogue/api/common/tenancy/tenant-transaction.js';
import type { Tenant } from '@catalogue/api/common/tenancy/tenant.js';
import { CoverageRepository } from '@catalogue/api/modules/coverage/coverage.repository.js';
import { benchOptions, log, machineInfo, percentile, recreateDatabase, round2, writeResults } from './bench-env.js';
import { connectClient, runBench, type Resources } from './bench-run.js';
import { generateDataset } from './generate.js';
import { Rng } from './rng.js';
import { startBenchContext } from './published-tenant.js';

const DATABASE = 'catalogue_bench_coverage';
const GOAL_P95_MS = 300;
const WARM_UP = 3;
const THEMES = ['mobilite', 'mobilite--acceder-a-un-vehicule', 'numerique'];

/** The département with the most communes in the reference data. */
function largestDepartement(): { code: string; communes: number } {
  const counts = new Map<string, number>();
  for (const c of loadCommunes()) counts.set(c.departement, (counts.get(c.departement) ?? 0) + 1);
  const [code, communes] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return { code, communes };
}

async function main(resources: Resources): Promise<void> {
  const options = benchOptions();
  const largest = largestDepartement();
  const offers = options.spec.largestTenantOffers;
  log(`Base de benchmark : ${options.dataDir} (base ${DATABASE})`);
  const db = await startEmbeddedPostgres({ dataDir: options.dataDir, database: DATABASE, fast: true, log });
  resources.add('PostgreSQL du benchmark', () => db.stop());
  await recreateDatabase(resources, db, DATABASE);
  await runMigrations(db.ownerUrl);
  await syncReferenceData(db.ownerUrl);
  const { client: owner } = await connectClient(resources, 'connexion propriétaire', db.ownerUrl);
  log(`Génération : ${offers} offres dans le ${largest.code} (${largest.communes} communes)…`);
  const t0 = Date.now();
  await generateDataset(
    owner,
    { totalOffers: offers, largestTenantCode: largest.code, largestTenantOffers: offers, tenants: 1, seed: 20261205 },
    new Rng(20261205),
    log,
  );
  await owner.query('VACUUM ANALYZE');
  const generationSeconds = round2((Date.now() - t0) / 1000);
  const {
    rows: [row],
  } = await owner.query<Omit<Tenant, 'bbox'>>(`SELECT id, code, slug, name FROM tenant WHERE code = $1`, [
    largest.code,
  ]);
  const tenant: Tenant = { ...row!, bbox: [0, 0, 0, 0] };

  const context = await startBenchContext(resources, db.appUrl);
  const repo = context.get(CoverageRepository);
  const transaction = context.get(TenantTransaction);

  const results: Record<string, unknown> = {};
  let worstP95 = 0;
  for (const theme of THEMES) {
    const once = () => transaction.run(tenant, () => repo.communes(tenant.code, theme, null));
    for (let i = 0; i < WARM_UP; i++) await once();
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof once>> | null = null;
    for (let i = 0; i < options.runs; i++) {
      const start = performance.now();
      last = await once();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // In the tenant's transaction: the owner role is under row-level security too (it saw none).
    const places: { n: number }[] = await transaction.run(tenant, () =>
      transaction.manager().query(
        `SELECT count(*)::int AS n FROM offer_place p JOIN offer o ON o.id = p.offer_id
            WHERE o.tenant_id = $1 AND o.status = 'published' AND o.theme_index @> ARRAY[$2]::text[]`,
        [tenant.id, theme],
      ),
    );
    const r = {
      offers: last!.offers,
      places: places[0]!.n,
      communes: last!.rows.length,
      covered: last!.rows.filter((c) => c.covered).length,
      withoutPlace: last!.rows.filter((c) => c.km === null).length,
      runs: times.length,
      p50: round2(percentile(times, 0.5)),
      p95: round2(percentile(times, 0.95)),
      max: round2(times[times.length - 1]!),
    };
    worstP95 = Math.max(worstP95, r.p95);
    results[theme] = r;
    log(`${theme} : ${r.offers} offres, ${r.places} lieux, ${r.communes} communes — p50 ${r.p50} ms, p95 ${r.p95} ms`);
  }
  const out = {
    dataset: { departement: largest.code, communes: largest.communes, offers, generationSeconds },
    measure: 'server-side, in process: CoverageRepository.communes in a tenant transaction (one SQL query)',
    goal: { p95Ms: GOAL_P95_MS },
    goalMet: worstP95 < GOAL_P95_MS,
    results,
    machine: machineInfo(),
  };
  const file = writeResults(options, 'coverage.json', out);
  log(`Résultats : ${file}`);
}

process.exit(await runBench(main));
