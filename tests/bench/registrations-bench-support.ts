// What the registrations benchmark (registrations-bench.ts) is made of: requests sent as a browser
// sends them, phases of requests all at once with their measures, the checks that fail the run,
// what they read in the database (commit timestamps, pg_stat_statements), and the benchmark's
// PostgreSQL started with both.
import { request } from 'node:http';
import type pg from 'pg';
import {
  APP_ROLE,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '@catalogue/api/common/database/embedded-postgres.js';
import { log, percentile, round2, type BenchOptions } from './bench-env.js';
import { withClient, type Resources } from './bench-run.js';

/** A signed-in account: what a browser would send. */
export interface Account {
  userId: string;
  cookie: string;
  csrfToken: string;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  clientMs: number;
  serverMs: number;
  /** Order in which the answers of a phase reached the client (0 first). */
  received: number;
}

/**
 * One POST as a browser sends it (session cookie, CSRF token, JSON), on a connection of its own:
 * hundreds of people at once are hundreds of connections, and no request can meet a keep-alive
 * connection the server is closing.
 */
export function post(base: string, path: string, who: Account, body: object, counter: { n: number }): Promise<Answer> {
  const payload = JSON.stringify(body);
  const start = process.hrtime.bigint();
  return new Promise((resolvePost) => {
    const req = request(
      `${base}${path}`,
      {
        method: 'POST',
        agent: false,
        headers: {
          cookie: who.cookie,
          'x-csrf-token': who.csrfToken,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const clientMs = Number(process.hrtime.bigint() - start) / 1e6;
          const timing = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown>;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { text: text.slice(0, 500) };
          }
          resolvePost({
            status: res.statusCode ?? 0,
            body: parsed,
            clientMs,
            serverMs: timing ? Number(timing[1]) : NaN,
            received: counter.n++,
          });
        });
      },
    );
    // No answer at all (the server closed the connection): status 0, counted and checked like any other.
    req.on('error', (e) =>
      resolvePost({
        status: 0,
        body: { error: e.message },
        clientMs: Number(process.hrtime.bigint() - start) / 1e6,
        serverMs: NaN,
        received: counter.n++,
      }),
    );
    req.end(payload);
  });
}

export const stats = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return { p50: round2(percentile(s, 0.5)), p95: round2(percentile(s, 0.95)), max: round2(s.at(-1) ?? NaN) };
};

/**
 * Sends every request of a phase at once, once the previous phase's emails are sent; the phase
 * lasts until the last answer. Checks that each
 * was answered (status 0: the connection closed without an answer), none with a 5xx, all with
 * `expectedStatus`.
 */
export async function phase(
  { checks, superuser }: { checks: Checks; superuser: pg.Client },
  label: string,
  requests: (() => Promise<Answer>)[],
  expectedStatus: number,
) {
  const mail = await drainOutbox(superuser);
  await superuser.query('SELECT pg_stat_statements_reset()');
  const t0 = performance.now();
  const answers = await Promise.all(requests.map((r) => r()));
  const seconds = (performance.now() - t0) / 1000;
  const database = await databaseWork(superuser, answers.length);
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const measure = {
    requests: answers.length,
    statuses,
    serverErrors: answers.filter((a) => a.status >= 500).length,
    /** Requests the server closed the connection of without answering. */
    noAnswer: answers.filter((a) => a.status === 0).length,
    wallMs: round2(seconds * 1000),
    perSecond: round2(answers.length / seconds),
    clientMs: stats(answers.map((a) => a.clientMs)),
    serverTimingMs: stats(answers.map((a) => a.serverMs)),
    database,
    /** Before the phase: the wait for the API's mail worker to send the emails of the previous one. */
    mailBacklogDrainedMs: mail.waitedMs,
  };
  log(
    `${label.padEnd(28)} ${answers.length} requêtes en ${measure.wallMs} ms (${measure.perSecond}/s) | client p50 ${measure.clientMs.p50} ms · p95 ${measure.clientMs.p95} ms · max ${measure.clientMs.max} ms | serveur p50 ${measure.serverTimingMs.p50} ms · p95 ${measure.serverTimingMs.p95} ms | statuts ${JSON.stringify(statuses)}`,
  );
  log(
    `  en base, par requête : ${database.statementsPerRequest} requêtes SQL, ${database.execMsPerRequest} ms (plus ${database.rowLockingStatementsMsPerRequest} ms dans celles qui verrouillent une ligne, attente comprise)`,
  );
  const unexpected = answers.find((a) => a.status !== expectedStatus);
  if (unexpected) log(`  première réponse inattendue : ${unexpected.status} ${JSON.stringify(unexpected.body)}`);
  checks.equal(`${label} : aucune erreur 5xx`, measure.serverErrors, 0);
  checks.equal(`${label} : aucune connexion fermée sans réponse`, measure.noAnswer, 0);
  checks.equal(
    `${label} : toutes ${expectedStatus}`,
    statuses,
    answers.length ? { [expectedStatus]: answers.length } : {},
  );
  return { answers, measure };
}

/** What the checks found: every check is recorded, a failed one fails the run once results are written. */
export class Checks {
  readonly list: { check: string; ok: boolean; detail?: string }[] = [];
  that(check: string, ok: boolean, detail?: unknown): boolean {
    this.list.push({
      check,
      ok,
      ...(ok ? {} : { detail: typeof detail === 'string' ? detail : JSON.stringify(detail) }),
    });
    if (!ok)
      log(
        `  ✖ ${check}${detail === undefined ? '' : ` : ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`,
      );
    return ok;
  }
  equal(check: string, actual: unknown, expected: unknown): boolean {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a === e) return this.that(check, true);
    if (Array.isArray(actual) && Array.isArray(expected)) {
      // Long lists (positions): where they part, not both in full.
      const i = actual.findIndex((x, k) => JSON.stringify(x) !== JSON.stringify(expected[k]));
      const at = i < 0 ? expected.length : i;
      return this.that(
        check,
        false,
        `${actual.length} éléments au lieu de ${expected.length}, différents à partir du rang ${at + 1} : ${JSON.stringify(actual.slice(at, at + 5))} au lieu de ${JSON.stringify(expected.slice(at, at + 5))}`,
      );
    }
    return this.that(check, false, `${a.slice(0, 400)} au lieu de ${e.slice(0, 400)}`);
  }
  get failed() {
    return this.list.filter((c) => !c.ok);
  }
}

/** A session's registrations as committed: status, arrival on the wait list, and when the transaction that last wrote the row committed. */
export interface CommittedRow {
  id: string;
  status: string;
  /** Microseconds since 1970 (a Date keeps only milliseconds, and commits can be closer). */
  waitlisted_us: number | null;
  written_us: number;
  committed_us: number;
  promoted: boolean;
}

/** A timestamp as microseconds since 1970, read as a number (exact below 2^53 µs, the year 2255). */
export const US = (sql: string) => `(extract(epoch FROM ${sql}) * 1000000)::float8`;

export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Pairs out of order between two rankings of the same ids (0: same order), for the report. */
export function inversions(order: string[], rank: Map<string, number>): number {
  const r = order.map((id) => rank.get(id)!);
  let n = 0;
  for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) if (r[i]! > r[j]!) n++;
  return n;
}

/**
 * The benchmark's PostgreSQL with commit timestamps (the order of arrival) and pg_stat_statements
 * (what a phase costs inside the database): both are read at start only, so they are set with
 * ALTER SYSTEM and the server restarted once, then taken out of the data directory's configuration
 * again (the running server keeps them; the other parts start without them).
 */
export async function startDatabase(
  resources: Resources,
  options: BenchOptions,
  database: string,
): Promise<EmbeddedServer> {
  const start = async () => {
    const db = await startEmbeddedPostgres({ dataDir: options.dataDir, database, fast: true, log });
    return { db, stop: resources.add('PostgreSQL du benchmark', () => db.stop()) };
  };
  const configure = (db: EmbeddedServer, action: 'SET' | 'RESET') =>
    withClient(resources, 'connexion d’administration', db.superuserUrl(), async (admin) => {
      await admin.query(
        action === 'SET' ? `ALTER SYSTEM SET track_commit_timestamp = on` : `ALTER SYSTEM RESET track_commit_timestamp`,
      );
      await admin.query(
        action === 'SET'
          ? `ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`
          : `ALTER SYSTEM RESET shared_preload_libraries`,
      );
      const { rows } = await admin.query<{ ready: boolean }>(
        `SELECT current_setting('track_commit_timestamp') = 'on'
                AND 'pg_stat_statements' = ANY(string_to_array(current_setting('shared_preload_libraries'), ',')) AS ready`,
      );
      return rows[0]!.ready;
    });
  let { db, stop } = await start();
  if (!(await configure(db, 'SET'))) {
    log('Redémarrage de PostgreSQL avec les dates de validation (track_commit_timestamp) et pg_stat_statements');
    await stop();
    ({ db, stop } = await start());
  }
  if (!(await configure(db, 'RESET')))
    throw new Error('track_commit_timestamp or pg_stat_statements still off after a restart');
  return db;
}

/**
 * Waits until the API's mail worker has sent every email written so far, so that a phase is
 * measured without the previous one's emails being sent meanwhile.
 */
export async function drainOutbox(superuser: pg.Client, timeoutMs = 300_000): Promise<{ waitedMs: number }> {
  const t0 = performance.now();
  for (;;) {
    const { rows } = await superuser.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM email_outbox WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
    if (rows[0]!.waiting === 0) return { waitedMs: round2(performance.now() - t0) };
    if (performance.now() - t0 > timeoutMs)
      throw new Error(`${rows[0]!.waiting} courriels toujours en attente d’envoi après ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What a phase cost inside PostgreSQL, per request, from pg_stat_statements: every statement of
 * the API's role (the requests and the API's mail worker). The row-locking statements (FOR UPDATE,
 * FOR NO KEY UPDATE) are counted apart: their time is mostly the wait for the lock.
 */
export async function databaseWork(superuser: pg.Client, requests: number) {
  const { rows } = await superuser.query<{ locking: boolean; calls: number; ms: number }>(
    `SELECT s.query ~* 'for (no key )?update' AS locking, sum(s.calls)::int AS calls, sum(s.total_exec_time) AS ms
       FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
      WHERE r.rolname = $1 GROUP BY 1`,
    [APP_ROLE],
  );
  const of = (locking: boolean) => rows.find((r) => r.locking === locking) ?? { calls: 0, ms: 0 };
  const per = (x: number) => (requests ? round2(x / requests) : 0);
  return {
    statementsPerRequest: per(of(false).calls + of(true).calls),
    execMsPerRequest: per(of(false).ms),
    rowLockingStatementsMsPerRequest: per(of(true).ms),
  };
}

/** The checks of a session's state in the database, read as a superuser (no RLS, commit timestamps). */
export class SessionVerifier {
  constructor(
    private readonly superuser: pg.Client,
    private readonly checks: Checks,
  ) {}

  /** The session's registrations as committed. */
  async committed(session: string): Promise<CommittedRow[]> {
    return (
      await this.superuser.query<CommittedRow>(
        `SELECT id, status, promoted, ${US('waitlisted_at')} AS waitlisted_us, ${US('updated_at')} AS written_us,
                ${US('pg_xact_commit_timestamp(xmin)')} AS committed_us
           FROM registration WHERE session_id = $1`,
        [session],
      )
    ).rows;
  }

  /** The session's counters against its rows, and against what the phase must leave; returns the rows. */
  async counters(phaseName: string, session: string, booked: number, waitlisted: number): Promise<CommittedRow[]> {
    const { checks } = this;
    const rows = await this.committed(session);
    const {
      rows: [c],
    } = await this.superuser.query<{ booked: number; waitlisted: number }>(
      `SELECT booked, waitlisted FROM offer_session WHERE id = $1`,
      [session],
    );
    const accepted = rows.filter((r) => r.status === 'accepted').length;
    const waiting = rows.filter((r) => r.status === 'waitlisted').length;
    checks.equal(`${phaseName} : offer_session.booked = inscriptions acceptées`, c!.booked, accepted);
    checks.equal(`${phaseName} : offer_session.waitlisted = inscriptions en attente`, c!.waitlisted, waiting);
    checks.equal(
      `${phaseName} : places prises et liste d’attente`,
      { booked: accepted, waitlisted: waiting },
      {
        booked,
        waitlisted,
      },
    );
    return rows;
  }

  /**
   * The order of arrival is the order in which the database committed the transactions (each
   * holds the session's row lock until it commits). The wait-list positions the API answered must
   * be that order, and the order of waitlisted_at (what the API reads positions from); every
   * accepted one committed before the first wait-listed one.
   */
  arrival(
    phaseName: string,
    rows: CommittedRow[],
    answered: Map<string, number>,
    accepted: string[],
    received: string[],
  ) {
    const { checks } = this;
    const waiting = rows.filter((r) => answered.has(r.id));
    const byCommit = [...waiting].sort((a, b) => a.committed_us - b.committed_us);
    const byWaitlistedAt = [...waiting].sort((a, b) => a.waitlisted_us! - b.waitlisted_us! || a.id.localeCompare(b.id));
    const commitTies = byCommit.filter((r, i) => i > 0 && r.committed_us === byCommit[i - 1]!.committed_us).length;
    const positionsInCommitOrder = byCommit.map((r) => answered.get(r.id));
    const positionsInWaitlistedAtOrder = byWaitlistedAt.map((r) => answered.get(r.id));
    const lastAccepted = Math.max(...rows.filter((r) => accepted.includes(r.id)).map((r) => r.committed_us));
    const firstWaiting = byCommit[0]?.committed_us ?? Infinity;
    checks.equal(
      `${phaseName} : positions répondues dans l’ordre de validation en base`,
      positionsInCommitOrder,
      range(waiting.length),
    );
    checks.equal(
      `${phaseName} : positions répondues dans l’ordre de waitlisted_at`,
      positionsInWaitlistedAtOrder,
      range(waiting.length),
    );
    checks.that(
      `${phaseName} : les acceptés validés avant le premier en attente`,
      accepted.length === 0 || lastAccepted < firstWaiting,
    );
    const arrivedOrder = received.filter((id) => answered.has(id));
    const pairs = (arrivedOrder.length * (arrivedOrder.length - 1)) / 2;
    return {
      waitlisted: waiting.length,
      positionsMatchCommitOrder: positionsInCommitOrder.every((p, i) => p === i + 1),
      positionsMatchWaitlistedAtOrder: positionsInWaitlistedAtOrder.every((p, i) => p === i + 1),
      acceptedCommittedFirst: accepted.length === 0 || lastAccepted < firstWaiting,
      commitTimestampTies: commitTies,
      /** How far the order the answers reached the client is from the positions (0 same, 0.5 unrelated). */
      clientReceiptOrderDiscordance: pairs ? round2(inversions(arrivedOrder, answered) / pairs) : 0,
      /** From the first wait-listed commit to the last, and between two in a row: the time each holds the lock. */
      commitSpanMs: byCommit.length ? round2((byCommit.at(-1)!.committed_us - byCommit[0]!.committed_us) / 1000) : 0,
      /** From the row's last write (updated_at) to the commit of its transaction: the end of the locked work. */
      lastWriteToCommitMs: stats(rows.map((r) => (r.committed_us - r.written_us) / 1000)),
      msBetweenCommits: stats(byCommit.slice(1).map((r, i) => (r.committed_us - byCommit[i]!.committed_us) / 1000)),
    };
  }
}
