// Whose address the rate limits, sessions and the audit log see: the socket's peer, unless the
// operator named a proxy (TRUST_PROXY); a forged X-Forwarded-For changes nothing by default.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { makeUser } from '../../testing/accounts.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { connect } from '../../testing/test-database.js';
import { request, startListeningApp, type ListeningApp } from '../../testing/remote-client.js';
import { hashPassword } from './password.js';
import { uniqueIp } from './auth.test-helpers.js';

const PASSWORD = 'une-phrase-de-passe-tres-longue';

describe('client address', () => {
  let owner: pg.Client;
  before(async () => {
    owner = await connect('owner');
  });
  after(() => owner.end());

  /** The address of the session opened by signing in with these headers. */
  async function sessionIp(t: TestApp, forwardedFor: string | null): Promise<string | null> {
    const user = await makeUser(owner, { passwordHash: await hashPassword(PASSWORD) });
    const req = t.http.post('/api/v1/auth/login');
    if (forwardedFor) void req.set('X-Forwarded-For', forwardedFor);
    const res = await req.send({ email: user.email, password: PASSWORD });
    assert.equal(res.status, 200);
    const { rows } = await owner.query<{ ip: string | null }>(`SELECT ip FROM user_session WHERE user_id = $1`, [
      user.id,
    ]);
    return rows[0]!.ip;
  }

  /** The per-address keys that one failed sign-in counted. */
  async function failedSignInKeys(t: TestApp, forwardedFor: string): Promise<string[]> {
    const email = `inconnu-${Math.random().toString(36).slice(2)}@test.local`;
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', forwardedFor)
      .send({ email, password: 'mauvais-mot-de-passe' });
    assert.equal(res.status, 401);
    const { rows } = await owner.query<{ key: string }>(`SELECT key FROM rate_limit WHERE key = ANY($1)`, [
      [`login:ip:${forwardedFor}`, 'login:ip:127.0.0.1', 'login:ip:::ffff:127.0.0.1'],
    ]);
    return rows.map((r) => r.key);
  }

  describe('with no proxy configured (the default)', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ settings: { trustProxy: false } });
    });
    after(() => t.close());

    it('ignores X-Forwarded-For from a local client: the session records the socket’s address', async () => {
      const ip = await sessionIp(t, '203.0.113.9');
      assert.ok(ip && /127\.0\.0\.1$/.test(ip), `session ip ${ip}`);
    });

    it('counts failed sign-ins against the socket’s address, whatever address the client claims', async () => {
      const claimed = uniqueIp();
      const keys = await failedSignInKeys(t, claimed);
      assert.ok(!keys.includes(`login:ip:${claimed}`), 'the claimed address counted nothing');
      assert.ok(
        keys.some((k) => /127\.0\.0\.1$/.test(k)),
        `counted: ${keys.join(', ')}`,
      );
    });
  });

  describe('behind a proxy named by TRUST_PROXY', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ settings: { trustProxy: ['loopback'] } });
    });
    after(() => t.close());

    it('takes the client’s address from the proxy’s X-Forwarded-For', async () => {
      assert.equal(await sessionIp(t, '203.0.113.9'), '203.0.113.9');
      const claimed = uniqueIp();
      assert.ok((await failedSignInKeys(t, claimed)).includes(`login:ip:${claimed}`));
    });

    it('takes the address the trusted proxy saw, not one the client put before it', async () => {
      assert.equal(await sessionIp(t, '198.51.100.1, 203.0.113.9'), '203.0.113.9');
    });
  });

  describe('when the proxy itself is not trusted', () => {
    let t: ListeningApp;
    before(async () => {
      t = await startListeningApp({ settings: { trustProxy: ['loopback'] } });
    });
    after(() => t.close());

    it('ignores X-Forwarded-For from a remote peer that is not a named proxy', async () => {
      t.peerSeenAs('192.0.2.44');
      try {
        const user = await makeUser(owner, { passwordHash: await hashPassword(PASSWORD) });
        const res = await request(t.base, '/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
          body: JSON.stringify({ email: user.email, password: PASSWORD }),
        });
        assert.equal(res.status, 200);
        const { rows } = await owner.query<{ ip: string }>(`SELECT ip FROM user_session WHERE user_id = $1`, [user.id]);
        assert.equal(rows[0]!.ip, '192.0.2.44');
      } finally {
        t.peerSeenAs(null);
      }
    });
  });
});
