// What the benchmarks share: their options, their own embedded PostgreSQL with the national-scale
// dataset (generated once from a fixed seed, reused after), and the real API started on it as a
// separate process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '@catalogue/api/common/database/embedded-postgres.js';
import { runMigrations } from '@catalogue/api/common/database/data-source.js';
import { syncReferenceData } from '@catalogue/api/database/reference-data.js';
import { generateDataset, type DatasetSpec } from './generate.js';
import { Rng } from './rng.js';

export const root = resolve(new URL('../../..', import.meta.url).pathname);
export const log = (m: string): void => console.log(m);

/**
 * Options of `npm run bench` (every part accepts all of them, so one command line serves both):
 * --offers N --largest N (dataset), --requests N --concurrency N (search), --runs N --screenshot PATH (web).
 */
export function benchOptions() {
  const { values } = parseArgs({
    options: {
      offers: { type: 'string', default: '100000' },
      largest: { type: 'string', default: '20000' },
      requests: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '4' },
      runs: { type: 'string', default: '20' },
      screenshot: { type: 'string', default: '/tmp/catalogue-bench-markers.png' },
    },
  });
  const spec: DatasetSpec = { totalOffers: Number(values.offers), largestTenantCode: '59', largestTenantOffers: Number(values.largest), seed: 20261123 };
  return { spec, requests: Number(values.requests), concurrency: Number(values.concurrency), runs: Number(values.runs), screenshot: values.screenshot };
}

export function machineInfo() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

export interface BenchDatabase {
  db: EmbeddedServer;
  /** Slug of the largest tenant (the one measured). */
  slug: string;
  tenants: number;
  generationSeconds: number;
  postgres: string;
}

/** Starts the benchmark's PostgreSQL (.data/bench), migrated, with the dataset of `spec` (generated if missing). */
export async function startBenchDatabase(spec: DatasetSpec): Promise<BenchDatabase> {
  const dataDir = join(root, '.data', 'bench');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  log(`Base de benchmark : ${dataDir}`);
  const db = await startEmbeddedPostgres({ dataDir, database: 'catalogue_bench', fast: true, log });
  try {
    await runMigrations(db.ownerUrl);
    await syncReferenceData(db.ownerUrl);
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query(`CREATE TABLE IF NOT EXISTS bench_dataset (spec text PRIMARY KEY, generated_at timestamptz NOT NULL DEFAULT now(), seconds numeric)`);
    const specKey = JSON.stringify(spec);
    const existing = await owner.query<{ seconds: string }>(`SELECT seconds FROM bench_dataset WHERE spec = $1`, [specKey]);
    let generationSeconds = existing.rows[0] ? Number(existing.rows[0].seconds) : 0;
    if (!existing.rowCount) {
      log(`Génération : ${spec.totalOffers} offres sur 101 départements (${spec.largestTenantOffers} pour le ${spec.largestTenantCode})…`);
      await owner.query(`TRUNCATE bench_dataset, tenant CASCADE`);
      const t0 = Date.now();
      await generateDataset(owner, spec, new Rng(spec.seed), log);
      await owner.query('VACUUM ANALYZE');
      generationSeconds = Math.round((Date.now() - t0) / 100) / 10;
      await owner.query(`INSERT INTO bench_dataset (spec, seconds) VALUES ($1, $2)`, [specKey, generationSeconds]);
      log(`Génération terminée en ${generationSeconds} s`);
    }
    const { rows: counts } = await owner.query<{ tenants: string; largest: string }>(
      `SELECT (SELECT count(*) FROM tenant) AS tenants, (SELECT slug FROM tenant WHERE code = $1) AS largest`,
      [spec.largestTenantCode],
    );
    const { rows: [pgVersion] } = await owner.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    await owner.end();
    return { db, slug: counts[0]!.largest, tenants: Number(counts[0]!.tenants), generationSeconds, postgres: pgVersion!.v };
  } catch (e) {
    await db.stop();
    throw e;
  }
}

export interface BenchApi {
  port: number;
  base: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The real API (`apps/api/dist/main.js`) on the benchmark database, as the application role; `env` adds or overrides settings. */
export async function startBenchApi(db: EmbeddedServer, env: Record<string, string> = {}): Promise<BenchApi> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.ownerUrl, DEMO_DATA: 'false', WARM_SEARCH_INDEX: 'false', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(base, child);
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, base, process: child, stop };
}

async function waitHealthy(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('the API exited during start-up');
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
export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
export const round2 = (x: number): number => Math.round(x * 100) / 100;
