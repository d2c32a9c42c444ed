// Registrations under concurrency, over HTTP against the real API (issue 13: capacity is exact and
// the wait list keeps the order of arrival).
//  1. its own database, catalogue_bench_registrations, in the benchmark's embedded PostgreSQL
//     (--data-dir; the other parts' databases beside it are left alone), created again at each run
//     and migrated, with commit timestamps on (track_commit_timestamp, for the order of arrival):
//     one tenant, a structure with its members, an offer with automatic seats and one with review,
//     one session each, and --beneficiaries people with an account, each signed in (a session
//     opened in the database as the tests' accounts.ts does, a cookie and its CSRF token);
//  2. the real API started on it as a separate process, then, each phase all at once:
//     - automatic: every person registers to the --seats session → exactly --seats accepted, the
//       others wait-listed with positions 1..n in the order the database committed them;
//     - cancellations: every accepted person cancels → as many promoted, the first in line, in order;
//     - review: --reviews people register to the --review-seats session (pending), then the
//       structure's members accept them all → --review-seats accepted, the others wait-listed, in order.
//  After each phase the session's counters (offer_session.booked, waitlisted) must match the rows.
// Per phase: latency (client and Server-Timing) p50/p95/max, requests per second, statuses.
// Results: bench/results/registrations.json, written even when a check fails; then the run fails
// (non-zero exit) with the failed checks. Options: --beneficiaries N --seats N --reviews N
// --review-seats N --data-dir DIR --results DIR.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { startEmbeddedPostgres, type EmbeddedServer } from '@catalogue/api/common/database/embedded-postgres.js';
import { runMigrations } from '@catalogue/api/common/database/data-source.js';
import { syncReferenceData } from '@catalogue/api/database/reference-data.js';
import { inTenantTransaction, upsertOffer, upsertOrganization } from '@catalogue/api/database/catalogue-writer.js';
import { upsertTenant } from '@catalogue/api/demo/demo-loader.js';
import { addMembership, makeUser, signedIn, type TestRole } from '@catalogue/api/testing/accounts.js';
import {
  benchOptions,
  log,
  machineInfo,
  percentile,
  recreateDatabase,
  round2,
  startBenchApi,
  writeResults,
  type BenchOptions,
} from './bench-env.js';
import { connectClient, runBench, withClient, type Resources } from './bench-run.js';

const DATABASE = 'catalogue_bench_registrations';
const DAY_MS = 86_400_000;
/**
 * Members of the structure: each is emailed every new registration (as a member who did not opt
 * out), and they share the accepts of the review phase.
 */
const MEMBERS = 3;

/** A signed-in account: what a browser would send. */
interface Account {
  userId: string;
  cookie: string;
  csrfToken: string;
}

interface Answer {
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
function post(base: string, path: string, who: Account, body: object, counter: { n: number }): Promise<Answer> {
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

const stats = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return { p50: round2(percentile(s, 0.5)), p95: round2(percentile(s, 0.95)), max: round2(s.at(-1) ?? NaN) };
};

/**
 * Sends every request of a phase at once; the phase lasts until the last answer. Checks that each
 * was answered (status 0: the connection closed without an answer), none with a 5xx, all with
 * `expectedStatus`.
 */
async function phase(checks: Checks, label: string, requests: (() => Promise<Answer>)[], expectedStatus: number) {
  const t0 = performance.now();
  const answers = await Promise.all(requests.map((r) => r()));
  const seconds = (performance.now() - t0) / 1000;
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
  };
  log(
    `${label.padEnd(28)} ${answers.length} requêtes en ${measure.wallMs} ms (${measure.perSecond}/s) | client p50 ${measure.clientMs.p50} ms · p95 ${measure.clientMs.p95} ms · max ${measure.clientMs.max} ms | serveur p50 ${measure.serverTimingMs.p50} ms · p95 ${measure.serverTimingMs.p95} ms | statuts ${JSON.stringify(statuses)}`,
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
class Checks {
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
    return this.that(check, a === e, `${a.slice(0, 400)} au lieu de ${e.slice(0, 400)}`);
  }
  get failed() {
    return this.list.filter((c) => !c.ok);
  }
}

/** A session's registrations as committed: status, arrival on the wait list, and when the transaction that last wrote the row committed. */
interface CommittedRow {
  id: string;
  status: string;
  /** Microseconds since 1970 (a Date keeps only milliseconds, and commits can be closer). */
  waitlisted_us: number | null;
  written_us: number;
  committed_us: number;
  promoted: boolean;
}

/** A timestamp as microseconds since 1970, read as a number (exact below 2^53 µs, the year 2255). */
const US = (sql: string) => `(extract(epoch FROM ${sql}) * 1000000)::float8`;

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Pairs out of order between two rankings of the same ids (0: same order), for the report. */
function inversions(order: string[], rank: Map<string, number>): number {
  const r = order.map((id) => rank.get(id)!);
  let n = 0;
  for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) if (r[i]! > r[j]!) n++;
  return n;
}

/**
 * The benchmark's PostgreSQL with commit timestamps: `track_commit_timestamp` is read at start
 * only, so it is set with ALTER SYSTEM and the server restarted once, then taken out of the data
 * directory's configuration again (the running server keeps it; the other parts start without it).
 */
async function startDatabase(resources: Resources, options: BenchOptions): Promise<EmbeddedServer> {
  const start = async () => {
    const db = await startEmbeddedPostgres({ dataDir: options.dataDir, database: DATABASE, fast: true, log });
    return { db, stop: resources.add('PostgreSQL du benchmark', () => db.stop()) };
  };
  const setting = (db: EmbeddedServer, sql: string) =>
    withClient(resources, 'connexion d’administration', db.superuserUrl(), async (admin) => {
      await admin.query(sql);
      return (await admin.query<{ on: string }>(`SELECT current_setting('track_commit_timestamp') AS on`)).rows[0]!.on;
    });
  let { db, stop } = await start();
  if ((await setting(db, `ALTER SYSTEM SET track_commit_timestamp = on`)) !== 'on') {
    log('Redémarrage de PostgreSQL avec les dates de validation (track_commit_timestamp)');
    await stop();
    ({ db, stop } = await start());
  }
  if ((await setting(db, `ALTER SYSTEM RESET track_commit_timestamp`)) !== 'on')
    throw new Error('track_commit_timestamp still off after a restart');
  return db;
}

async function main(resources: Resources): Promise<void> {
  const options = benchOptions();
  const { beneficiaries: PEOPLE, seats: SEATS, reviews: REVIEWS, reviewSeats: REVIEW_SEATS } = options.registrations;
  log(`Base de benchmark : ${options.dataDir} (base ${DATABASE})`);
  const db = await startDatabase(resources, options);
  await recreateDatabase(resources, db, DATABASE);
  await runMigrations(db.ownerUrl);
  await syncReferenceData(db.ownerUrl);

  // ---- The data: one tenant, one structure and its members, two offers, the people -----------
  const { client: owner } = await connectClient(resources, 'connexion propriétaire', db.ownerUrl);
  const tenant = await upsertTenant(owner, '26', 'drome', 'Drôme');
  const slug = 'drome';
  const { organizationId, offers } = await inTenantTransaction(owner, tenant.id, async () => {
    const organizationId = await upsertOrganization(owner, tenant.id, {
      name: 'Structure du benchmark',
      kind: 'association',
      status: 'validated',
    });
    const offer = async (title: string, seatAllocation: 'automatic' | 'review', capacity: number) => {
      const id = await upsertOffer(owner, tenant, {
        organizationId,
        organizationName: 'Structure du benchmark',
        status: 'published',
        title,
        summary: 'Ateliers sur inscription',
        description: '',
        themes: ['remobilisation--lien-social'],
        audiences: [],
        serviceTypes: ['atelier'],
        eligibility: '',
        cost: 'gratuit',
        modes: ['en-presentiel'],
        access: 'self_registration',
        seatAllocation,
        cancellationCutoffHours: 24,
        mobilisation: [],
        zoneType: 'departement',
        zoneCodes: [],
        funding: [],
        places: [],
        sessions: [{ startsAt: new Date(Date.now() + 7 * DAY_MS), endsAt: null, capacity, booked: 0 }],
      });
      const { rows } = await owner.query<{ id: string }>(`SELECT id FROM offer_session WHERE offer_id = $1`, [id]);
      return { id, session: rows[0]!.id };
    };
    return {
      organizationId,
      offers: {
        automatic: await offer('Atelier collectif (places automatiques)', 'automatic', SEATS),
        review: await offer('Atelier collectif (après examen)', 'review', REVIEW_SEATS),
      },
    };
  });
  // Accounts and sessions as the tests' accounts.ts opens them (no argon2, no login round trip);
  // only the cookie and the CSRF token are used: the requests are sent below, not by its client.
  const account = async (email: string, name: string, role: TestRole, organization: string | null) => {
    const user = await makeUser(owner, { email, name });
    await addMembership(owner, tenant, user.id, role, organization);
    const client = await signedIn(owner, undefined as never, user);
    return { userId: user.id, cookie: client.cookie, csrfToken: client.csrfToken };
  };
  const t0 = performance.now();
  const people: Account[] = [];
  for (let i = 1; i <= PEOPLE; i++)
    people.push(await account(`beneficiaire-${i}@bench.local`, `Camille Bénéficiaire${i}`, 'beneficiary', null));
  const members: Account[] = [];
  for (let i = 1; i <= MEMBERS; i++)
    members.push(
      await account(
        `membre-${i}@bench.local`,
        `Dominique Membre${i}`,
        i === 1 ? 'structure_admin' : 'structure_member',
        organizationId,
      ),
    );
  log(
    `${PEOPLE} bénéficiaires et ${MEMBERS} membres de la structure, connectés, en ${round2((performance.now() - t0) / 1000)} s ; sessions de ${SEATS} places (automatiques) et de ${REVIEW_SEATS} places (après examen)`,
  );

  const { client: superuser } = await connectClient(resources, 'connexion de vérification', db.superuserUrl(DATABASE));
  const committed = async (session: string): Promise<CommittedRow[]> =>
    (
      await superuser.query<CommittedRow>(
        `SELECT id, status, promoted, ${US('waitlisted_at')} AS waitlisted_us, ${US('updated_at')} AS written_us,
                ${US('pg_xact_commit_timestamp(xmin)')} AS committed_us
           FROM registration WHERE session_id = $1`,
        [session],
      )
    ).rows;
  const counters = async (session: string) =>
    (
      await superuser.query<{ booked: number; waitlisted: number }>(
        `SELECT booked, waitlisted FROM offer_session WHERE id = $1`,
        [session],
      )
    ).rows[0]!;
  const checks = new Checks();
  /** The session's counters against its rows, and against what the phase must leave. */
  const checkCounters = async (phaseName: string, session: string, booked: number, waitlisted: number) => {
    const rows = await committed(session);
    const c = await counters(session);
    const accepted = rows.filter((r) => r.status === 'accepted').length;
    const waiting = rows.filter((r) => r.status === 'waitlisted').length;
    checks.equal(`${phaseName} : offer_session.booked = inscriptions acceptées`, c.booked, accepted);
    checks.equal(`${phaseName} : offer_session.waitlisted = inscriptions en attente`, c.waitlisted, waiting);
    checks.equal(
      `${phaseName} : places prises et liste d’attente`,
      { booked: accepted, waitlisted: waiting },
      {
        booked,
        waitlisted,
      },
    );
    return rows;
  };
  /**
   * The order of arrival is the order in which the database committed the transactions (each
   * holds the session's row lock until it commits). The wait-list positions the API answered must
   * be that order, and the order of waitlisted_at (what the API reads positions from); every
   * accepted one committed before the first wait-listed one.
   */
  const checkArrival = (
    phaseName: string,
    rows: CommittedRow[],
    answered: Map<string, number>,
    accepted: string[],
    received: string[],
  ) => {
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
  };

  const loadBefore = loadavg().map(round2);
  const api = await startBenchApi(resources, db);
  const base = `${api.base}/api/v1/tenants/${slug}`;
  log(`API prête sur le port ${api.port}`);
  // Warm-up, unmeasured and refused (no session chosen, no such registration): the first requests
  // load the tenant, the actor, the policy, the JIT, and take nothing.
  const warm = { n: 0 };
  const warmUp = [
    ...(await Promise.all(
      people.slice(0, 3).map((who) => post(base, `/offers/${offers.automatic.id}/registrations`, who, {}, warm)),
    )),
    await post(base, `/registrations/${randomUUID()}/accept`, members[0]!, {}, warm),
  ];
  checks.equal(
    'échauffement : refusé sans rien prendre (400 sans session, 404 sans inscription)',
    warmUp.map((a) => a.status),
    [...people.slice(0, 3).map(() => 400), 404],
  );

  // ---- 1. Automatic seats: everyone at once ----------------------------------------------------
  const automatic = offers.automatic;
  const registerAll = { n: 0 };
  const p1 = await phase(
    checks,
    'inscriptions (automatiques)',
    people.map(
      (who) => () =>
        post(base, `/offers/${automatic.id}/registrations`, who, { sessionId: automatic.session }, registerAll),
    ),
    201,
  );
  const expectAccepted = Math.min(SEATS, PEOPLE);
  const expectWaiting = PEOPLE - expectAccepted;
  const regOf = new Map<string, number>(); // registration id → index of its person
  p1.answers.forEach((a, i) => typeof a.body.id === 'string' && regOf.set(a.body.id, i));
  const acceptedIds = p1.answers.filter((a) => a.body.status === 'accepted').map((a) => a.body.id as string);
  const waitingAnswers = p1.answers.filter((a) => a.body.status === 'waitlisted');
  checks.equal('inscriptions : acceptées', acceptedIds.length, expectAccepted);
  checks.equal('inscriptions : en liste d’attente', waitingAnswers.length, expectWaiting);
  const positions = new Map(waitingAnswers.map((a) => [a.body.id as string, a.body.waitlistPosition as number]));
  checks.equal(
    'inscriptions : positions 1..n',
    [...positions.values()].sort((a, b) => a - b),
    range(expectWaiting),
  );
  const received1 = [...p1.answers].sort((a, b) => a.received - b.received).map((a) => a.body.id as string);
  const rows1 = await checkCounters('inscriptions', automatic.session, expectAccepted, expectWaiting);
  checks.equal('inscriptions : une ligne par personne', rows1.length, PEOPLE);
  const arrival1 = checkArrival('inscriptions', rows1, positions, acceptedIds, received1);
  log(
    `  ordre d’arrivée : positions = ordre de validation ${arrival1.positionsMatchCommitOrder ? 'oui' : 'NON'}, = ordre de waitlisted_at ${arrival1.positionsMatchWaitlistedAtOrder ? 'oui' : 'NON'}, acceptés validés d’abord ${arrival1.acceptedCommittedFirst ? 'oui' : 'NON'} ; ordre de réception côté client : discordance ${arrival1.clientReceiptOrderDiscordance}`,
  );

  // ---- 2. Every accepted person cancels at once: the first in line get the seats, in order -----
  const cancelAll = { n: 0 };
  const p2 = await phase(
    checks,
    'annulations',
    acceptedIds.map((id) => () => post(base, `/registrations/${id}/cancel`, people[regOf.get(id)!]!, {}, cancelAll)),
    200,
  );
  const expectPromoted = Math.min(acceptedIds.length, expectWaiting);
  checks.that(
    'annulations : toutes annulées',
    p2.answers.every((a) => a.body.status === 'cancelled'),
    p2.answers.find((a) => a.body.status !== 'cancelled')?.body,
  );
  const rows2 = await checkCounters(
    'annulations',
    automatic.session,
    expectAccepted - acceptedIds.length + expectPromoted,
    expectWaiting - expectPromoted,
  );
  const firstInLine = [...positions].filter(([, p]) => p <= expectPromoted).map(([id]) => id);
  const promotedRows = rows2.filter((r) => r.promoted && r.status === 'accepted');
  checks.equal('annulations : promues', promotedRows.length, expectPromoted);
  checks.equal(
    'annulations : les promues sont les premières de la liste',
    promotedRows.map((r) => r.id).sort(),
    [...firstInLine].sort(),
  );
  // In order: each promotion's event, by the commit of its transaction, follows the positions.
  const { rows: promotions } = await superuser.query<{ registration_id: string; committed_us: number }>(
    `SELECT e.registration_id, ${US('pg_xact_commit_timestamp(e.xmin)')} AS committed_us
       FROM registration_event e JOIN registration r ON r.id = e.registration_id
      WHERE r.session_id = $1 AND e.event = 'promoted'
      ORDER BY pg_xact_commit_timestamp(e.xmin), e.id`,
    [automatic.session],
  );
  const promotionOrder = promotions.map((e) => positions.get(e.registration_id));
  checks.equal('annulations : promues dans l’ordre de la liste', promotionOrder, range(expectPromoted));
  // The ones still waiting keep their order, now from 1.
  const stillWaiting = rows2
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => a.waitlisted_us! - b.waitlisted_us! || a.id.localeCompare(b.id))
    .map((r) => positions.get(r.id)! - expectPromoted);
  checks.equal('annulations : la liste restante garde son ordre', stillWaiting, range(expectWaiting - expectPromoted));
  const promotionCommitSpan = promotions.length
    ? round2((promotions.at(-1)!.committed_us - promotions[0]!.committed_us) / 1000)
    : 0;
  log(
    `  ${promotedRows.length} promues, ordre des promotions = ordre de la liste : ${promotionOrder.every((p, i) => p === i + 1) ? 'oui' : 'NON'}`,
  );

  // ---- 3. Review: pending registrations, then the structure's members accept them all at once --
  const review = offers.review;
  const reviewers = people.slice(0, REVIEWS);
  const registerReview = { n: 0 };
  const p3a = await phase(
    checks,
    'demandes (après examen)',
    reviewers.map(
      (who) => () =>
        post(base, `/offers/${review.id}/registrations`, who, { sessionId: review.session }, registerReview),
    ),
    201,
  );
  checks.that(
    'demandes : toutes en attente de décision',
    p3a.answers.every((a) => a.body.status === 'pending'),
    p3a.answers.find((a) => a.body.status !== 'pending')?.body,
  );
  await checkCounters('demandes', review.session, 0, 0);
  const pendingIds = p3a.answers.map((a) => a.body.id as string);
  const acceptAll = { n: 0 };
  const p3b = await phase(
    checks,
    'acceptations',
    pendingIds.map((id, i) => () => post(base, `/registrations/${id}/accept`, members[i % MEMBERS]!, {}, acceptAll)),
    200,
  );
  const expectReviewAccepted = Math.min(REVIEW_SEATS, REVIEWS);
  const expectReviewWaiting = REVIEWS - expectReviewAccepted;
  const reviewAccepted = p3b.answers.filter((a) => a.body.status === 'accepted').map((a) => a.body.id as string);
  const reviewWaiting = p3b.answers.filter((a) => a.body.status === 'waitlisted');
  checks.equal('acceptations : acceptées', reviewAccepted.length, expectReviewAccepted);
  checks.equal('acceptations : en liste d’attente', reviewWaiting.length, expectReviewWaiting);
  const reviewPositions = new Map(reviewWaiting.map((a) => [a.body.id as string, a.body.waitlistPosition as number]));
  checks.equal(
    'acceptations : positions 1..n',
    [...reviewPositions.values()].sort((a, b) => a - b),
    range(expectReviewWaiting),
  );
  const rows3 = await checkCounters('acceptations', review.session, expectReviewAccepted, expectReviewWaiting);
  const received3 = [...p3b.answers].sort((a, b) => a.received - b.received).map((a) => a.body.id as string);
  const arrival3 = checkArrival('acceptations', rows3, reviewPositions, reviewAccepted, received3);
  log(
    `  ordre d’arrivée : positions = ordre de validation ${arrival3.positionsMatchCommitOrder ? 'oui' : 'NON'}, = ordre de waitlisted_at ${arrival3.positionsMatchWaitlistedAtOrder ? 'oui' : 'NON'}, acceptées validées d’abord ${arrival3.acceptedCommittedFirst ? 'oui' : 'NON'}`,
  );

  const out = {
    generatedAt: new Date().toISOString(),
    machine: {
      ...machineInfo(),
      postgres: (await superuser.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v,
      loadAverage: { before: loadBefore, after: loadavg().map(round2) },
    },
    setup: {
      beneficiaries: PEOPLE,
      seats: SEATS,
      reviews: REVIEWS,
      reviewSeats: REVIEW_SEATS,
      structureMembers: MEMBERS,
      apiDatabasePool: 10,
    },
    method: {
      http: 'the real API (apps/api/dist/main.js) as a separate process, application role under RLS; each person signed in with a session cookie and its CSRF token (sessions opened in the database as apps/api/src/testing/accounts.ts does); every request of a phase sent at once, each on a connection of its own',
      phases:
        'automatic: every person POSTs /offers/{id}/registrations {sessionId} to a session of `seats` seats; cancellations: every accepted person POSTs /registrations/{id}/cancel; review: `reviews` people register to a review session of `reviewSeats` seats (pending), then the structure members (round robin) POST /registrations/{id}/accept',
      latency:
        'clientMs: from sending to the last byte of the answer (includes waiting for a connection of the API pool and for the offer and session locks); serverTimingMs: the Server-Timing header; perSecond: requests over the phase’s wall time',
      arrival:
        'arrival order = the order in which PostgreSQL committed the transactions (pg_xact_commit_timestamp of the row, track_commit_timestamp on; each transaction holds the session row lock until it commits); the wait-list positions answered by the API are compared with it and with the order of registration.waitlisted_at',
      note: 'embedded PostgreSQL without fsync (synchronous_commit off): a durable server adds a disk flush to each commit, which the session lock serialises',
    },
    results: {
      automatic: { ...p1.measure, accepted: acceptedIds.length, waitlisted: waitingAnswers.length, arrival: arrival1 },
      cancellations: {
        ...p2.measure,
        promoted: promotedRows.length,
        promotedInOrder: promotionOrder.every((p, i) => p === i + 1),
        promotionCommitSpanMs: promotionCommitSpan,
      },
      reviewRegistrations: { ...p3a.measure, pending: p3a.answers.filter((a) => a.body.status === 'pending').length },
      reviewAccepts: {
        ...p3b.measure,
        accepted: reviewAccepted.length,
        waitlisted: reviewWaiting.length,
        arrival: arrival3,
      },
    },
    checks: { passed: checks.list.length - checks.failed.length, failed: checks.failed },
    goalMet: checks.failed.length === 0,
  };
  const file = writeResults(options, 'registrations.json', out);
  log(`Résultats : ${file} (${checks.list.length} vérifications, ${checks.failed.length} en échec)`);
  if (checks.failed.length)
    throw new Error(
      `${checks.failed.length} vérification(s) en échec :\n  ${checks.failed.map((c) => `${c.check} : ${c.detail}`).join('\n  ')}`,
    );
}

// An explicit exit: embedded-postgres's exit hook ends the process with code 0 on 'beforeExit'.
process.exit(await runBench(main));
