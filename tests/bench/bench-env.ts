// What the benchmarks share: their options, their own embedded PostgreSQL with the national-scale
// dataset (generated once from a fixed seed, reused after), and the real API started on it as a
// separate process. Everything started is registered in `Resources` (bench-run.ts), so a failure is
// reported before anything is stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  freePort,
  prepareDatabase,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '@catalogue/api/common/database/embedded-postgres.js';
import { runMigrations } from '@catalogue/api/common/database/data-source.js';
import { syncReferenceData } from '@catalogue/api/database/reference-data.js';
import { loadDepartements } from '@catalogue/domain/geo';
import { withClient, type Resources } from './bench-run.js';
import { generateDataset, type DatasetSpec } from './generate.js';
import { Rng } from './rng.js';

export const root = resolve(new URL('../../..', import.meta.url).pathname);
export const log = (m: string): void => console.log(m);

const DATABASE = 'catalogue_bench';

function integer(name: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`--${name} attend un entier ${min ? 'positif' : 'positif ou nul'} (reçu « ${value} »)`);
  return n;
}

/** Registrations: how many people register at once to how many seats, then how many wait on a review session of how many seats. */
function registrationsSize(values: Record<string, string | boolean | undefined>) {
  const size = {
    beneficiaries: integer('beneficiaries', String(values.beneficiaries)),
    seats: integer('seats', String(values.seats)),
    reviews: integer('reviews', String(values.reviews)),
    reviewSeats: integer('review-seats', String(values['review-seats'])),
  };
  if (size.reviews > size.beneficiaries)
    throw new Error(
      `--reviews (${size.reviews}) dépasse --beneficiaries (${size.beneficiaries}) : les mêmes personnes s’inscrivent`,
    );
  return size;
}

/**
 * Options of `npm run bench` (every part accepts all of them, so one command line serves all):
 * --offers N --largest N --tenants N (dataset), --requests N --concurrency N (search),
 * --runs N --cls-runs N --warm-up N --screenshot PATH (web), --writers N --rounds N --hold-ms N
 * (sessions), --beneficiaries N --seats N --reviews N --review-seats N (registrations), --api-runs N
 * --keep (indicators: reuse its database when it holds the same dataset), --data-dir DIR
 * (the benchmark's PostgreSQL, default .data/bench), --results DIR (where search.json, web.json,
 * sessions.json and registrations.json are written, default bench/results).
 */
export function benchOptions(args: string[] = process.argv.slice(2)) {
  const { values } = parseArgs({
    args,
    options: {
      offers: { type: 'string', default: '100000' },
      largest: { type: 'string', default: '20000' },
      tenants: { type: 'string', default: String(loadDepartements().length) },
      requests: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '4' },
      runs: { type: 'string', default: '20' },
      'cls-runs': { type: 'string', default: '5' },
      'warm-up': { type: 'string', default: '2' },
      screenshot: { type: 'string', default: '/tmp/catalogue-bench-markers.png' },
      writers: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '10' },
      'hold-ms': { type: 'string', default: '20' },
      beneficiaries: { type: 'string', default: '500' },
      seats: { type: 'string', default: '20' },
      reviews: { type: 'string', default: '100' },
      'review-seats': { type: 'string', default: '10' },
      'api-runs': { type: 'string', default: '30' },
      keep: { type: 'boolean', default: false },
      'import-lines': { type: 'string', default: '5000' },
      'import-runs': { type: 'string', default: '5' },
      'data-dir': { type: 'string', default: join(root, '.data', 'bench') },
      results: { type: 'string', default: join(root, 'bench', 'results') },
    },
  });
  const spec: DatasetSpec = {
    totalOffers: integer('offers', values.offers),
    largestTenantCode: '59',
    largestTenantOffers: integer('largest', values.largest),
    tenants: integer('tenants', values.tenants),
    seed: 20261123,
  };
  if (spec.largestTenantOffers > spec.totalOffers)
    throw new Error(`--largest (${spec.largestTenantOffers}) dépasse --offers (${spec.totalOffers})`);
  if (spec.tenants > loadDepartements().length)
    throw new Error(`--tenants : ${loadDepartements().length} départements au plus`);
  return {
    spec,
    requests: integer('requests', values.requests),
    concurrency: integer('concurrency', values.concurrency),
    runs: integer('runs', values.runs),
    clsRuns: integer('cls-runs', values['cls-runs']),
    /** Unmeasured page loads before the markers runs, and before each page's CLS loads. */
    warmUp: integer('warm-up', values['warm-up'], 0),
    screenshot: resolve(values.screenshot),
    /** Sessions: concurrent booking transactions per round (one session and one connection each). */
    writers: integer('writers', values.writers),
    rounds: integer('rounds', values.rounds),
    /** Sessions: how long each booking transaction stays open after its UPDATE (the rest of a registration). */
    holdMs: integer('hold-ms', values['hold-ms'], 0),
    registrations: registrationsSize(values),
    /** Indicators: measured calls per endpoint. */
    apiRuns: integer('api-runs', values['api-runs']),
    /** Indicators: reuse the database of the previous run when it holds the same dataset (quick iterations). */
    keep: values.keep,
    /** Spreadsheet import: data lines of the file, measured runs of each of the dry run and the import. */
    importLines: integer('import-lines', values['import-lines']),
    importRuns: integer('import-runs', values['import-runs']),
    dataDir: resolve(values['data-dir']),
    resultsDir: resolve(values.results),
  };
}
export type BenchOptions = ReturnType<typeof benchOptions>;

/** Writes `name` (search.json, web.json, sessions.json, registrations.json) in the results directory; returns its path. */
export function writeResults(options: BenchOptions, name: string, out: unknown): string {
  mkdirSync(options.resultsDir, { recursive: true });
  const path = join(options.resultsDir, name);
  writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
  return path;
}

export function machineInfo() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export interface BenchDatabase {
  db: EmbeddedServer;
  /** Slug of the largest tenant (the one measured). */
  slug: string;
  tenants: number;
  generationSeconds: number;
  postgres: string;
}

/** Seconds the dataset of `specKey` took to generate, or null when the database holds another dataset (or none, or a partial one). */
async function recordedDataset(resources: Resources, ownerUrl: string, specKey: string): Promise<number | null> {
  return withClient(resources, 'connexion de lecture du jeu de données', ownerUrl, async (owner) => {
    const {
      rows: [table],
    } = await owner.query<{ exists: boolean }>(`SELECT to_regclass('bench_dataset') IS NOT NULL AS exists`);
    if (!table?.exists) return null;
    const { rows } = await owner.query<{ seconds: string }>(`SELECT seconds FROM bench_dataset WHERE spec = $1`, [
      specKey,
    ]);
    return rows[0] ? Number(rows[0].seconds) : null;
  });
}

/**
 * A benchmark database starts over by being dropped and created again: its audit log is
 * append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), for the benchmark as for the product.
 */
export async function recreateDatabase(
  resources: Resources,
  db: EmbeddedServer,
  database: string = DATABASE,
): Promise<void> {
  await withClient(resources, 'connexion d’administration', db.superuserUrl(), (admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
  );
  await prepareDatabase(db.superuserUrl, database);
}

/** Starts the benchmark's PostgreSQL (--data-dir), migrated, with the dataset of `spec` (generated into a new database unless already there). */
export async function startBenchDatabase(resources: Resources, options: BenchOptions): Promise<BenchDatabase> {
  const { spec, dataDir } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  log(`Base de benchmark : ${dataDir}`);
  const db = await startEmbeddedPostgres({ dataDir, database: DATABASE, fast: true, log });
  resources.add('PostgreSQL du benchmark', () => db.stop());
  const specKey = JSON.stringify(spec);
  let generationSeconds = await recordedDataset(resources, db.ownerUrl, specKey);
  if (generationSeconds === null) {
    log(
      `Génération : ${spec.totalOffers} offres sur ${spec.tenants} départements (${spec.largestTenantOffers} pour le ${spec.largestTenantCode}), dans une base neuve…`,
    );
    await recreateDatabase(resources, db);
  }
  await runMigrations(db.ownerUrl);
  await syncReferenceData(db.ownerUrl);
  return withClient(resources, 'connexion propriétaire', db.ownerUrl, async (owner) => {
    if (generationSeconds === null) {
      const t0 = Date.now();
      await generateDataset(owner, spec, new Rng(spec.seed), log);
      await owner.query('VACUUM ANALYZE');
      generationSeconds = Math.round((Date.now() - t0) / 100) / 10;
      // Recorded last: an interrupted generation is started over next time.
      await owner.query(
        `CREATE TABLE bench_dataset (spec text PRIMARY KEY, generated_at timestamptz NOT NULL DEFAULT now(), seconds numeric)`,
      );
      await owner.query(`INSERT INTO bench_dataset (spec, seconds) VALUES ($1, $2)`, [specKey, generationSeconds]);
      log(`Génération terminée en ${generationSeconds} s`);
    }
    const { rows: counts } = await owner.query<{ tenants: string; largest: string | null }>(
      `SELECT (SELECT count(*) FROM tenant) AS tenants, (SELECT slug FROM tenant WHERE code = $1) AS largest`,
      [spec.largestTenantCode],
    );
    const {
      rows: [pgVersion],
    } = await owner.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    if (!counts[0]?.largest)
      throw new Error(`le département ${spec.largestTenantCode} manque dans la base du benchmark`);
    return {
      db,
      slug: counts[0].largest,
      tenants: Number(counts[0].tenants),
      generationSeconds,
      postgres: pgVersion!.v,
    };
  });
}

export interface BenchApi {
  port: number;
  base: string;
  process: ChildProcess;
}

/** The real API (`apps/api/dist/main.js`) on the benchmark database, as the application role; `env` adds or overrides settings. */
export async function startBenchApi(
  resources: Resources,
  db: EmbeddedServer,
  env: Record<string, string> = {},
): Promise<BenchApi> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', join(root, 'apps/api/dist/main.js')],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: db.appUrl,
        DATABASE_OWNER_URL: db.ownerUrl,
        DEMO_DATA: 'false',
        WARM_SEARCH_INDEX: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.once('exit', (code, signal) => {
    if (!resources.closing) console.error(`L’API du benchmark s’est arrêtée (${signal ?? `code ${code}`})`);
  });
  resources.add('API du benchmark', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());
    if ((await Promise.race([exited, timer(5000)])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(base, child);
  return { port, base, process: child };
}

async function waitHealthy(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the API exited during start-up (${child.signalCode ?? `code ${child.exitCode}`}); its own messages are above`,
      );
    try {
      if ((await fetch(`${base}/api/v1/health`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not become healthy');
}

/** Nearest-rank percentile of sorted values. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
export const round2 = (x: number): number => Math.round(x * 100) / 100;
