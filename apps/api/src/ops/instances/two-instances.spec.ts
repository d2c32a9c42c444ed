// The API is stateless: two real processes (A and B) on one database share sessions, sign-in
// limits, the outbox, seat counts and catalogue changes, because all of it lives in PostgreSQL.
// docs/plusieurs-instances.md documents what each instance keeps in memory (the search index).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { AUTH_LIMITS } from '@catalogue/contracts';
import {
  scratchDatabaseAvailable,
  openScratchDatabase,
  type OpenScratchDatabase,
} from '../../testing/scratch-database.js';
import { startApiProcess, type ApiProcess } from '../../testing/api-process.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { addMembership, makeUser } from '../../testing/accounts.js';
import { communesOf, makeOffer, makeOrganization } from '../../testing/factories.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { hashPassword } from '../../modules/auth/password.js';
import { OUTBOX_CHANNEL } from '../../modules/mail/mail-worker.js';
import { startSmtpServer, type TestSmtpServer } from '../../modules/mail/mail.test-helpers.js';
import { call, openSession, PUBLIC_URL, sessionCookieOf, sleep, waitFor } from './instances.test-helpers.js';

/** The delay docs/plusieurs-instances.md promises for a tenant under SYNC_REBUILD_MAX_OFFERS: the next search. */
const SMALL_TENANT_DELAY_BOUND_MS = 1_000;

const skip = scratchDatabaseAvailable()
  ? false
  : 'needs TEST_DATABASE_SUPERUSER_URL (the embedded test server) for a database of its own';

describe('two API instances on one database', { skip }, () => {
  let db: OpenScratchDatabase;
  let owner: pg.Client;
  let smtp: TestSmtpServer;
  let a: ApiProcess;
  let b: ApiProcess;
  let tenant: TestTenant;
  let org: string;

  before(async () => {
    db = await openScratchDatabase();
    owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    tenant = await createTenant(owner);
    org = await makeOrganization(owner, tenant);
    smtp = await startSmtpServer();
    const env = { SMTP_URL: smtp.url, PUBLIC_URL, WARM_SEARCH_INDEX: 'false' };
    [a, b] = await Promise.all([
      startApiProcess({ appUrl: db.appUrl, ownerUrl: db.ownerUrl, env }),
      startApiProcess({ appUrl: db.appUrl, ownerUrl: db.ownerUrl, env }),
    ]);
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await owner?.end();
    await db?.drop();
  });

  it('accepts on B a session opened on A, and ends it on A when B signs out', async () => {
    const password = 'Deux-instances-2026';
    const user = await makeUser(owner, { passwordHash: await hashPassword(password) });
    const login = await call(a.url, 'POST', '/api/v1/auth/login', { body: { email: user.email, password } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const cookie = sessionCookieOf(login);
    assert.ok(cookie, 'A set the session cookie');
    const onB = await call(b.url, 'GET', '/api/v1/me', { cookie });
    assert.equal(onB.status, 200);
    assert.equal(onB.body.email, user.email);
    const out = await call(b.url, 'POST', '/api/v1/auth/logout', { cookie, csrf: onB.body.csrfToken as string });
    assert.equal(out.status, 204);
    assert.equal((await call(a.url, 'GET', '/api/v1/me', { cookie })).status, 401, 'signed out on A too');
  });

  it('counts failed sign-ins of one account across both instances', async () => {
    const user = await makeUser(owner, { passwordHash: await hashPassword('Le-bon-mot-de-passe') });
    const max = AUTH_LIMITS.loginFailuresPerAccount;
    const statuses: number[] = [];
    for (let i = 0; i <= max; i++) {
      const via = i % 2 ? b : a;
      const res = await call(via.url, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: `mauvais-${i}` },
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [...Array<number>(max).fill(401), 429], `refused after ${max} failures in all`);
  });

  it('sends each email of the outbox once, with a worker in each instance', async () => {
    const count = 60;
    const to = Array.from({ length: count }, (_, i) => `envoi-${i}@instances.test`);
    await owner.query(
      `INSERT INTO email_outbox (to_address, subject, text_body, html_body)
         SELECT t, 'Essai', 'Bonjour', '<p>Bonjour</p>' FROM unnest($1::text[]) t`,
      [to],
    );
    await owner.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    await waitFor('every email sent', async () => {
      const { rows } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM email_outbox WHERE to_address = ANY($1) AND sent_at IS NULL`,
        [to],
      );
      return rows[0]!.n === 0;
    });
    await sleep(300); // a second delivery, if any, would arrive now
    const times = new Map<string, number>();
    for (const mail of smtp.received) for (const r of mail.to) times.set(r, (times.get(r) ?? 0) + 1);
    assert.deepEqual(
      to.filter((t) => times.get(t) !== 1),
      [],
      'each address received exactly one email',
    );
  });

  it('keeps a session’s capacity with registrations spread over both instances', async () => {
    const capacity = 5;
    const communes = await communesOf(owner, tenant);
    const offerId = await makeOffer(owner, tenant, org, {
      access: 'self_registration',
      places: [communes[0]!],
      sessions: [{ startsAt: new Date(Date.now() + 7 * 86_400_000), endsAt: null, capacity, booked: 0 }],
    });
    const sessionId = await inTenantTransaction(owner, tenant.id, async () => {
      await owner.query(`UPDATE offer SET seat_allocation = 'automatic' WHERE id = $1`, [offerId]);
      return (await owner.query<{ id: string }>(`SELECT id FROM offer_session WHERE offer_id = $1`, [offerId])).rows[0]!
        .id;
    });
    const people = [];
    for (let i = 0; i < 3 * capacity; i++)
      people.push(await openSession(owner, (await makeUser(owner, { name: `Personne ${i}` })).id));
    const results = await Promise.all(
      people.map((p, i) =>
        call((i % 2 ? b : a).url, 'POST', `/api/v1/tenants/${tenant.slug}/offers/${offerId}/registrations`, {
          ...p,
          body: { sessionId },
        }),
      ),
    );
    assert.deepEqual(
      results.filter((r) => r.status !== 201).map((r) => r.body),
      [],
    );
    assert.equal(results.filter((r) => r.body.status === 'accepted').length, capacity);
    const seats = await inTenantTransaction(
      owner,
      tenant.id,
      async () =>
        (await owner.query<{ booked: number }>(`SELECT booked FROM offer_session WHERE id = $1`, [sessionId])).rows[0]!,
    );
    assert.equal(seats.booked, capacity);
  });

  it('finds on B an offer published through A, at B’s next search', async (t) => {
    const agent = await makeUser(owner);
    await addMembership(owner, tenant, agent.id, 'agent');
    const session = await openSession(owner, agent.id);
    const word = `xylophonique${Date.now().toString(36)}`;
    const communes = await communesOf(owner, tenant);
    const offerId = await makeOffer(owner, tenant, org, {
      title: `Atelier ${word}`,
      status: 'submitted',
      places: [communes[0]!],
    });
    const search = `/api/v1/tenants/${tenant.slug}/offers?q=${word}`;
    const found = async () => {
      const res = await call(b.url, 'GET', search);
      assert.equal(res.status, 200);
      return (res.body.items as { id: string }[]).some((o) => o.id === offerId);
    };
    assert.equal(await found(), false, 'not found before it is published (B has built its index)');
    const published = await call(a.url, 'POST', `/api/v1/tenants/${tenant.slug}/offers/${offerId}/publish`, session);
    assert.ok(published.status < 300, JSON.stringify(published.body));
    const start = Date.now();
    await waitFor('B finds the offer', found, 10_000, 50);
    const delay = Date.now() - start;
    t.diagnostic(`published through A, found by B's search after ${delay} ms`);
    assert.ok(delay < SMALL_TENANT_DELAY_BOUND_MS, `${delay} ms`);
  });
});
