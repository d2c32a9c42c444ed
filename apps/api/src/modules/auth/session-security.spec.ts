// Sessions and sign-in under attack: cookie flags, fixation, CSRF, sign out everywhere, idle
// expiry, and the failed sign-in limit that holds across restarts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import supertest from 'supertest';
import { AUTH_LIMITS } from '@catalogue/contracts';
import { hashToken, sessionCookieName } from '../../common/auth/session-cookie.js';
import { makeUser, signedIn } from '../../testing/accounts.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { connect } from '../../testing/test-database.js';
import { cookieFrom, lastEmailTo, setCookies, uniqueEmail, uniqueIp } from './auth.test-helpers.js';
import { hashPassword } from './password.js';

const PASSWORD = 'une-phrase-de-passe-tres-longue';
const COOKIE = sessionCookieName(false);

describe('session security', () => {
  let t: TestApp;
  let owner: pg.Client;
  let passwordHash: string;

  before(async () => {
    t = await startTestApp();
    owner = await connect('owner');
    passwordHash = await hashPassword(PASSWORD);
  });
  after(async () => {
    await owner.end();
    await t.close();
  });

  const user = () => makeUser(owner, { email: uniqueEmail(), passwordHash });
  const login = (http: ReturnType<typeof supertest>, email: string, password: string, ip: string, cookie?: string) => {
    const req = http.post('/api/v1/auth/login').set('X-Forwarded-For', ip);
    if (cookie) req.set('Cookie', cookie);
    return req.send({ email, password });
  };

  describe('cookie flags', () => {
    it('HttpOnly, SameSite=Lax, Path=/, not Secure outside production', async () => {
      const u = await user();
      const res = await login(t.http, u.email, PASSWORD, uniqueIp());
      assert.equal(res.status, 200);
      const line = setCookies(res).find((c) => c.startsWith(`${COOKIE}=`))!;
      assert.ok(line, 'session cookie set');
      assert.match(line, /; HttpOnly/i);
      assert.match(line, /; SameSite=Lax/i);
      assert.match(line, /; Path=\/(;|$)/);
      assert.doesNotMatch(line, /; Secure/i);
      assert.doesNotMatch(line, /; Domain=/i);
      assert.match(
        line,
        new RegExp(
          `Max-Age=${AUTH_LIMITS.professionalIdleHours * 3600}|Max-Age=${AUTH_LIMITS.beneficiaryIdleHours * 3600}`,
        ),
      );
    });

    it('in production: Secure and the __Host- prefix; the cookie without the prefix is ignored', async () => {
      const prod = await startTestApp({ settings: { production: true } });
      try {
        const u = await user();
        const res = await login(prod.http, u.email, PASSWORD, uniqueIp());
        assert.equal(res.status, 200);
        const name = sessionCookieName(true);
        assert.equal(name, '__Host-catalogue_session');
        const line = setCookies(res).find((c) => c.startsWith(`${name}=`))!;
        assert.ok(line, `cookie ${name} set: ${setCookies(res).join(' | ')}`);
        for (const flag of [/; HttpOnly/i, /; SameSite=Lax/i, /; Secure/i, /; Path=\/(;|$)/]) assert.match(line, flag);
        assert.doesNotMatch(line, /; Domain=/i);
        const token = cookieFrom([line], name)!.split('=')[1]!;
        await prod.http.get('/api/v1/me').set('Cookie', `${name}=${token}`).expect(200);
        await prod.http.get('/api/v1/me').set('Cookie', `${COOKIE}=${token}`).expect(401);
      } finally {
        await prod.close();
      }
    });
  });

  it('session fixation: the session a sign-in arrives with is dropped and a new id is issued', async () => {
    const u = await user();
    const planted = await signedIn(owner, t.http, u);
    const plantedToken = planted.cookie.split('=')[1]!;
    const res = await login(t.http, u.email, PASSWORD, uniqueIp(), planted.cookie).set(
      'X-CSRF-Token',
      planted.csrfToken,
    );
    assert.equal(res.status, 200);
    const fresh = cookieFrom(setCookies(res), COOKIE)!;
    assert.ok(fresh);
    assert.notEqual(fresh.split('=')[1], plantedToken, 'a new id');
    await t.http.get('/api/v1/me').set('Cookie', planted.cookie).expect(401);
    assert.equal(
      (await owner.query(`SELECT 1 FROM user_session WHERE id = $1`, [hashToken(plantedToken)])).rowCount,
      0,
    );
    await t.http.get('/api/v1/me').set('Cookie', fresh).expect(200);
  });

  describe('CSRF', () => {
    it('refuses (403) a state-changing request with the cookie but without or with a wrong X-CSRF-Token', async () => {
      const c = await signedIn(owner, t.http, await user());
      const missing = await t.http.post('/api/v1/auth/logout-everywhere').set('Cookie', c.cookie).send({});
      assert.equal(missing.status, 403);
      assert.equal(missing.body.code, 'csrf_refused');
      const wrong = await t.http
        .post('/api/v1/auth/logout-everywhere')
        .set('Cookie', c.cookie)
        .set('X-CSRF-Token', 'pas-le-bon-jeton')
        .send({});
      assert.equal(wrong.status, 403);
      await c.get('/api/v1/me').expect(200); // nothing happened
      // The token is the one /me gives.
      const me = await c.get('/api/v1/me').expect(200);
      assert.equal(me.body.csrfToken, c.csrfToken);
      assert.equal((await c.post('/api/v1/auth/logout-everywhere')).status, 204);
    });

    it('refuses (403) a foreign Origin, even without a cookie', async () => {
      const res = await t.http
        .post('/api/v1/auth/password-reset')
        .set('Origin', 'https://attaquant.example')
        .send({ email: uniqueEmail() });
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'csrf_refused');
      const loginRes = await t.http
        .post('/api/v1/auth/login')
        .set('Origin', 'https://attaquant.example')
        .send({ email: 'a@b.fr', password: 'x' });
      assert.equal(loginRes.status, 403);
      const own = await t.http
        .post('/api/v1/auth/password-reset')
        .set('Origin', 'http://localhost:3000')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: uniqueEmail() });
      assert.equal(own.status, 202, 'the configured origin is ours');
    });
  });

  it('sign out everywhere ends every session of the account, not others', async () => {
    const u = await user();
    const a = await signedIn(owner, t.http, u);
    const b = await signedIn(owner, t.http, u);
    const other = await signedIn(owner, t.http, await user());
    assert.equal((await a.post('/api/v1/auth/logout-everywhere')).status, 204);
    await a.get('/api/v1/me').expect(401);
    await b.get('/api/v1/me').expect(401);
    await other.get('/api/v1/me').expect(200);
  });

  it('sign out ends this session only', async () => {
    const u = await user();
    const a = await signedIn(owner, t.http, u);
    const b = await signedIn(owner, t.http, u);
    assert.equal((await a.post('/api/v1/auth/logout')).status, 204);
    await a.get('/api/v1/me').expect(401);
    await b.get('/api/v1/me').expect(200);
  });

  it('idle expiry: a session unused for longer than its idle time is over (401)', async () => {
    const u = await user();
    const c = await signedIn(owner, t.http, u, 8 * 3600);
    await c.get('/api/v1/me').expect(200);
    const id = hashToken(c.cookie.split('=')[1]!);
    await owner.query(`UPDATE user_session SET last_seen_at = now() - interval '7 hours 59 minutes' WHERE id = $1`, [
      id,
    ]);
    await c.get('/api/v1/me').expect(200); // still inside, and touched
    await owner.query(`UPDATE user_session SET last_seen_at = now() - interval '8 hours 1 minute' WHERE id = $1`, [id]);
    await c.get('/api/v1/me').expect(401);
  });

  it('a signed-in professional gets the 8-hour idle time', async () => {
    const u = await user();
    await owner.query(`UPDATE app_user SET platform_admin = true WHERE id = $1`, [u.id]);
    const res = await login(t.http, u.email, PASSWORD, uniqueIp());
    const token = cookieFrom(setCookies(res), COOKIE)!.split('=')[1]!;
    const { rows } = await owner.query(`SELECT idle_seconds FROM user_session WHERE id = $1`, [hashToken(token)]);
    assert.equal(rows[0].idle_seconds, AUTH_LIMITS.professionalIdleHours * 3600);
  });

  describe('failed sign-in limit', () => {
    it('after 10 failures in 15 minutes the account answers 429 with Retry-After, even to the right password, also after a restart', async () => {
      const u = await user();
      for (let i = 0; i < AUTH_LIMITS.loginFailuresPerAccount; i++) {
        // Failures from several addresses all count against the account.
        const res = await login(t.http, u.email, `mauvais-${i}`, uniqueIp());
        assert.equal(res.status, 401, `attempt ${i + 1}`);
        assert.equal(res.body.code, 'invalid_credentials');
      }
      const blocked = await login(t.http, u.email, PASSWORD, uniqueIp());
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.code, 'too_many_requests');
      const wait = Number(blocked.headers['retry-after']);
      assert.ok(
        Number.isInteger(wait) && wait > 0 && wait <= AUTH_LIMITS.loginWindowMinutes * 60,
        `Retry-After ${blocked.headers['retry-after']}`,
      );
      assert.equal(cookieFrom(setCookies(blocked), COOKIE), null, 'no session');

      // A second instance of the application (a restart, or another server) sees the same counters.
      const restarted = await startTestApp();
      try {
        const again = await login(restarted.http, u.email, PASSWORD, uniqueIp());
        assert.equal(again.status, 429);
        assert.ok(Number(again.headers['retry-after']) > 0);
      } finally {
        await restarted.close();
      }

      // When the window is over, the right password works again (and clears the count).
      await owner.query(`UPDATE rate_limit SET window_ends_at = now() - interval '1 second' WHERE key = $1`, [
        `login:account:${u.email}`,
      ]);
      assert.equal((await login(t.http, u.email, PASSWORD, uniqueIp())).status, 200);
    });

    it('an unknown address is limited the same way (the answer tells nothing)', async () => {
      const email = uniqueEmail('inconnu');
      for (let i = 0; i < AUTH_LIMITS.loginFailuresPerAccount; i++)
        assert.equal((await login(t.http, email, PASSWORD, uniqueIp())).status, 401);
      assert.equal((await login(t.http, email, PASSWORD, uniqueIp())).status, 429);
    });

    it(`limits one IP to ${AUTH_LIMITS.loginFailuresPerIp} failures whatever the accounts`, async () => {
      const ip = uniqueIp();
      for (let i = 0; i < AUTH_LIMITS.loginFailuresPerIp; i++)
        assert.equal((await login(t.http, uniqueEmail('ip'), 'mauvais-mot-de-passe', ip)).status, 401);
      const u = await user();
      const res = await login(t.http, u.email, PASSWORD, ip);
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers['retry-after']) > 0);
      assert.equal(
        (await login(t.http, u.email, PASSWORD, uniqueIp())).status,
        200,
        'the account itself is not blocked',
      );
    });

    it('a password reset lifts the account limit', async () => {
      const u = await user();
      for (let i = 0; i < AUTH_LIMITS.loginFailuresPerAccount; i++)
        await login(t.http, u.email, 'mauvais-mot-de-passe', uniqueIp());
      assert.equal((await login(t.http, u.email, PASSWORD, uniqueIp())).status, 429);
      await t.http
        .post('/api/v1/auth/password-reset')
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: u.email })
        .expect(202);
      const token = /jeton=([A-Za-z0-9_-]+)/.exec((await lastEmailTo(owner, u.email)).text_body)![1]!;
      await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .set('X-Forwarded-For', uniqueIp())
        .send({ token, password: 'un-tout-nouveau-mot-de-passe' })
        .expect(204);
      assert.equal((await login(t.http, u.email, 'un-tout-nouveau-mot-de-passe', uniqueIp())).status, 200);
    });
  });
});
