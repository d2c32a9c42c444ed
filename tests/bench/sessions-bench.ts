// Concurrent bookings of one tenant (issue 12: a booking must not touch the search index).
//  1. its own database, catalogue_bench_sessions, in the benchmark's embedded PostgreSQL
//     (--data-dir; the national dataset beside it is left alone), created again at each run and
//     migrated: one tenant, its sessions spread over offers of 5 sessions each;
//  2. rounds of --writers transactions (default 50) at once, each on its own connection and its own
//     session, as a registration would: the tenant set as TenantTransaction sets it, one seat booked
//     (`UPDATE offer_session SET booked = booked + 1 WHERE id = $1 AND booked < capacity`), the
//     transaction held open --hold-ms (default 20: the rest of a registration's work, pg_sleep),
//     then committed; the same transactions then run one after another;
//  3. the same rounds once more with the triggers of before migration 1764600000000 (its `down`),
//     for comparison, then that migration is applied again.
// Per round: wall time at once and one after another, lock waits seen in pg_locks, statement times;
// the catalogue version before and after (a booking must leave it). Results:
// bench/results/sessions.json. Options: --writers N --rounds N --hold-ms N --data-dir DIR --results DIR.
import { loadavg } from 'node:os';
import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { startEmbeddedPostgres } from '@catalogue/api/common/database/embedded-postgres.js';
import { runMigrations } from '@catalogue/api/common/database/data-source.js';
import { inTenantTransaction, upsertOffer, upsertOrganization } from '@catalogue/api/database/catalogue-writer.js';
import { upsertTenant } from '@catalogue/api/demo/demo-loader.js';
import { setTransactionTenant } from '@catalogue/api/common/tenancy/transaction-tenant.js';
import { KeptBookingsOutOfTheCatalogueVersion1764600000000 as BookingsMigration } from '@catalogue/api/migrations/1764600000000-KeptBookingsOutOfTheCatalogueVersion.js';
import { benchOptions, log, machineInfo, percentile, recreateDatabase, round2, writeResults } from './bench-env.js';
import { connectClient, runBench, type Resources } from './bench-run.js';

const DATABASE = 'catalogue_bench_sessions';
const SESSIONS_PER_OFFER = 5;
const DAY_MS = 86_400_000;
const BOOK = `UPDATE offer_session SET booked = booked + 1 WHERE id = $1 AND booked < capacity`;
/** Seats per session: enough that no booking of the run ever fills one (filling moves places_open_until). */
const CAPACITY = 100_000;
/** How often pg_locks is read while the concurrent transactions run. */
const SAMPLE_EVERY_MS = 2;

interface Writer {
  client: pg.Client;
  pid: number;
  session: string;
}

interface Transaction {
  updateMs: number;
  commitMs: number;
}

/** One booking as a registration would make it: tenant set as TenantTransaction does, one seat, held, committed. */
async function book(w: Writer, tenantId: string, holdMs: number): Promise<Transaction> {
  await w.client.query('START TRANSACTION');
  await setTransactionTenant(w.client, tenantId, null);
  const t0 = performance.now();
  const { rowCount } = await w.client.query(BOOK, [w.session]);
  const t1 = performance.now();
  if (rowCount !== 1) throw new Error(`no seat booked in session ${w.session}`);
  if (holdMs > 0) await w.client.query(`SELECT pg_sleep($1)`, [holdMs / 1000]);
  const t2 = performance.now();
  await w.client.query('COMMIT');
  return { updateMs: t1 - t0, commitMs: performance.now() - t2 };
}

/** Reads pg_locks until `done` settles: the most writers waiting at once, and which ever waited. */
async function sampleLockWaits(monitor: pg.Client, pids: number[], done: Promise<unknown>) {
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  const seen = new Set<number>();
  let maxWaiting = 0;
  let samples = 0;
  let samplesWithWaits = 0;
  while (!finished) {
    const { rows } = await monitor.query<{ pid: number }>(
      `SELECT DISTINCT pid FROM pg_locks WHERE NOT granted AND pid = ANY($1::int[])`,
      [pids],
    );
    samples += 1;
    if (rows.length) samplesWithWaits += 1;
    maxWaiting = Math.max(maxWaiting, rows.length);
    for (const r of rows) seen.add(r.pid);
    await new Promise((r) => setTimeout(r, SAMPLE_EVERY_MS));
  }
  return { maxWaiting, writersSeenWaiting: seen.size, samples, samplesWithWaits };
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: round2(percentile(s, 0.5)), p95: round2(percentile(s, 0.95)), max: round2(s.at(-1) ?? NaN) };
};

async function main(resources: Resources): Promise<void> {
  const options = benchOptions();
  const { writers: WRITERS, rounds: ROUNDS, holdMs: HOLD_MS } = options;
  const offers = Math.ceil(WRITERS / SESSIONS_PER_OFFER);
  log(`Base de benchmark : ${options.dataDir} (base ${DATABASE})`);
  const db = await startEmbeddedPostgres({ dataDir: options.dataDir, database: DATABASE, fast: true, log });
  resources.add('PostgreSQL du benchmark', () => db.stop());
  await recreateDatabase(resources, db, DATABASE);
  await runMigrations(db.ownerUrl);
  const loadBefore = loadavg().map(round2);

  const { client: owner } = await connectClient(resources, 'connexion propriétaire', db.ownerUrl);
  const tenant = await upsertTenant(owner, '26', 'drome', 'Drôme');
  const sessions = await inTenantTransaction(owner, tenant.id, async () => {
    const organizationId = await upsertOrganization(owner, tenant.id, {
      name: 'Structure du benchmark',
      kind: 'association',
    });
    const ids: string[] = [];
    for (let i = 0; i < offers; i++) {
      const offer = await upsertOffer(owner, tenant, {
        organizationId,
        organizationName: 'Structure du benchmark',
        status: 'published',
        title: `Atelier collectif ${i + 1}`,
        summary: 'Ateliers sur inscription',
        description: '',
        themes: ['remobilisation--lien-social'],
        audiences: [],
        serviceTypes: ['atelier'],
        eligibility: '',
        cost: 'gratuit',
        modes: ['en-presentiel'],
        access: 'self_registration',
        mobilisation: [],
        zoneType: 'departement',
        zoneCodes: [],
        funding: [],
        places: [],
        sessions: Array.from({ length: SESSIONS_PER_OFFER }, (_, k) => ({
          startsAt: new Date(Date.now() + (k + 1) * 7 * DAY_MS),
          endsAt: null,
          capacity: CAPACITY,
          booked: 0,
        })),
      });
      const { rows } = await owner.query<{ id: string }>(
        `SELECT id FROM offer_session WHERE offer_id = $1 ORDER BY starts_at`,
        [offer],
      );
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  });
  const state = () =>
    inTenantTransaction(owner, tenant.id, async () => {
      const { rows } = await owner.query<{ version: string | null; open_until: string; booked: string }>(
        `SELECT (SELECT version FROM catalogue_version WHERE tenant_id = $1) AS version,
                (SELECT string_agg(coalesce(places_open_until::text, '-'), ',' ORDER BY id) FROM offer) AS open_until,
                (SELECT sum(booked) FROM offer_session) AS booked`,
        [tenant.id],
      );
      return {
        version: Number(rows[0]!.version ?? 0),
        openUntil: rows[0]!.open_until,
        booked: Number(rows[0]!.booked),
      };
    });

  const writers: Writer[] = [];
  for (let i = 0; i < WRITERS; i++) {
    const { client } = await connectClient(resources, `connexion applicative ${i + 1}`, db.appUrl);
    const pid = (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
    writers.push({ client, pid, session: sessions[i]! });
  }
  const { client: monitor } = await connectClient(
    resources,
    'connexion de suivi des verrous',
    db.superuserUrl(DATABASE),
  );
  log(
    `${offers} offres × ${SESSIONS_PER_OFFER} sessions ; ${WRITERS} transactions par tour (une session et une connexion chacune), tenues ${HOLD_MS} ms ; ${ROUNDS} tours`,
  );

  const measure = async (label: string) => {
    const start = await state();
    const concurrentMs: number[] = [];
    const sequentialMs: number[] = [];
    const concurrent: Transaction[] = [];
    const waits: Awaited<ReturnType<typeof sampleLockWaits>>[] = [];
    // One unmeasured round each way first: connections and plans warm.
    for (let round = -1; round < ROUNDS; round++) {
      const t0 = performance.now();
      const all = Promise.all(writers.map((w) => book(w, tenant.id, HOLD_MS)));
      const lockWaits = sampleLockWaits(
        monitor,
        writers.map((w) => w.pid),
        all,
      );
      const transactions = await all;
      const wall = performance.now() - t0;
      const sampled = await lockWaits;
      const t1 = performance.now();
      for (const w of writers) await book(w, tenant.id, HOLD_MS);
      const sequential = performance.now() - t1;
      if (round < 0) continue;
      concurrentMs.push(wall);
      sequentialMs.push(sequential);
      concurrent.push(...transactions);
      waits.push(sampled);
    }
    const end = await state();
    const expectedBooked = start.booked + 2 * (ROUNDS + 1) * WRITERS;
    if (end.booked !== expectedBooked) throw new Error(`${end.booked} seats booked, ${expectedBooked} expected`);
    const result = {
      concurrentMs: { median: round2(median(concurrentMs)), rounds: concurrentMs.map(round2) },
      sequentialMs: { median: round2(median(sequentialMs)), rounds: sequentialMs.map(round2) },
      concurrentOverSequential: round2(median(concurrentMs) / median(sequentialMs)),
      concurrentStatements: {
        updateMs: summary(concurrent.map((t) => t.updateMs)),
        commitMs: summary(concurrent.map((t) => t.commitMs)),
      },
      lockWaits: {
        maxWaitingAtOnce: Math.max(...waits.map((w) => w.maxWaiting)),
        writersSeenWaitingPerRound: median(waits.map((w) => w.writersSeenWaiting)),
        samplesWithWaits: waits.reduce((n, w) => n + w.samplesWithWaits, 0),
        samples: waits.reduce((n, w) => n + w.samples, 0),
      },
      catalogueVersion: { before: start.version, after: end.version },
      placesOpenUntilUnchanged: start.openUntil === end.openUntil,
      seatsBooked: end.booked - start.booked,
    };
    log(
      `${label.padEnd(34)} à la fois ${result.concurrentMs.median} ms · l’une après l’autre ${result.sequentialMs.median} ms (rapport ${result.concurrentOverSequential}) | UPDATE p50 ${result.concurrentStatements.updateMs.p50} ms, max ${result.concurrentStatements.updateMs.max} ms · COMMIT p50 ${result.concurrentStatements.commitMs.p50} ms, max ${result.concurrentStatements.commitMs.max} ms | au plus ${result.lockWaits.maxWaitingAtOnce} en attente d’un verrou | version ${start.version} → ${end.version}`,
    );
    return result;
  };

  const current = await measure('déclencheurs actuels');
  // The triggers of before migration 1764600000000, for comparison; applied again afterwards.
  const migration = new BookingsMigration();
  const runner = { query: (sql: string) => owner.query(sql) } as unknown as QueryRunner;
  const inOwnerTransaction = async (work: () => Promise<void>) => {
    await owner.query('BEGIN');
    await work();
    await owner.query('COMMIT');
  };
  await inOwnerTransaction(() => migration.down(runner));
  const before = await measure('avant la migration 1764600000000');
  await inOwnerTransaction(() => migration.up(runner));

  const out = {
    generatedAt: new Date().toISOString(),
    machine: {
      ...machineInfo(),
      postgres: (await owner.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v,
      loadAverage: { before: loadBefore, after: loadavg().map(round2) },
    },
    setup: {
      offers,
      sessionsPerOffer: SESSIONS_PER_OFFER,
      writers: WRITERS,
      rounds: ROUNDS,
      holdMs: HOLD_MS,
    },
    method: {
      transaction:
        'each writer on its own connection as the application role: START TRANSACTION; setTransactionTenant as TenantTransaction does; UPDATE offer_session SET booked = booked + 1 WHERE id = $1 AND booked < capacity (its own session); SELECT pg_sleep(holdMs); COMMIT',
      round: `${WRITERS} transactions at once (wall time until the last commits), then the same ${WRITERS} one after another; one unmeasured round first; medians over the rounds`,
      lockWaits: `pg_locks read every ~${SAMPLE_EVERY_MS} ms during the concurrent transactions (writers with a lock not granted)`,
      beforeMigration:
        'the same rounds after the down of migration 1764600000000 (every session write updates its offer, every offer write moves catalogue_version)',
      note: 'embedded PostgreSQL without fsync (synchronous_commit off): commits cost no disk flush here, so waits on the catalogue_version row at commit are smaller than on a durable server',
    },
    results: { current, beforeMigration: before },
    goalMet:
      current.catalogueVersion.before === current.catalogueVersion.after && current.concurrentOverSequential < 0.5,
  };
  const file = writeResults(options, 'sessions.json', out);
  log(
    `Résultats : ${file} (version du catalogue inchangée et transactions simultanées non sérialisées : ${out.goalMet ? 'oui' : 'NON'})`,
  );
}

// An explicit exit: embedded-postgres's exit hook ends the process with code 0 on 'beforeExit'.
process.exit(await runBench(main));
