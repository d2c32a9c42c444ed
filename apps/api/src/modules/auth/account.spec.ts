// Sign-up, email verification, password reset and magic link, over HTTP against the real app.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { sessionCookieName } from '../../common/auth/session-cookie.js';
import { makeUser, signedIn } from '../../testing/accounts.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { connect } from '../../testing/test-database.js';
import {
  cookieFrom,
  emailsTo,
  lastEmailTo,
  platformAudit,
  setCookies,
  tokenIn,
  uniqueEmail,
  uniqueIp,
} from './auth.test-helpers.js';
import { hashPassword } from './password.js';

const PASSWORD = 'une-phrase-de-passe-tres-longue';
const COOKIE = sessionCookieName(false);

describe('account flows', () => {
  let t: TestApp;
  let owner: pg.Client;

  before(async () => {
    t = await startTestApp();
    owner = await connect('owner');
  });
  after(async () => {
    await owner.end();
    await t.close();
  });

  const post = (path: string, body: object, ip = uniqueIp()) =>
    t.http.post(`/api/v1${path}`).set('X-Forwarded-For', ip).send(body);
  const meWith = (cookie: string) => t.http.get('/api/v1/me').set('Cookie', cookie);
  const userRow = async (email: string) =>
    (
      await owner.query<{ id: string; password_hash: string | null; email_verified_at: Date | null; name: string }>(
        `SELECT id, password_hash, email_verified_at, name FROM app_user WHERE email = $1`,
        [email],
      )
    ).rows[0];
  const passwordUser = async (o: { verified?: boolean } = {}) =>
    makeUser(owner, { email: uniqueEmail(), passwordHash: await hashPassword(PASSWORD), verified: o.verified ?? true });

  describe('sign-up and email verification', () => {
    it('creates an unverified account (argon2id) and emails a 48-hour verification link; the link signs in once', async () => {
      const email = uniqueEmail('inscription');
      const res = await post('/auth/register', {
        email: email.toUpperCase(),
        password: PASSWORD,
        name: '  Camille Martin ',
      });
      assert.equal(res.status, 202);
      const row = await userRow(email);
      assert.ok(row, 'account created, address lower-cased');
      assert.equal(row.email_verified_at, null);
      assert.match(row.password_hash ?? '', /^\$argon2id\$/);
      assert.equal(row.name, 'Camille Martin');

      const mail = await lastEmailTo(owner, email);
      assert.equal(mail.subject, 'Confirmez votre adresse e-mail');
      assert.match(mail.text_body, /Bonjour Camille Martin/);
      assert.match(mail.text_body, /48 heures/);
      assert.match(mail.html_body, /connexion\/verifier-email\?jeton=/);
      const token = tokenIn(mail, 'http://localhost:3000/connexion/verifier-email');
      const { rows: stored } = await owner.query(
        `SELECT purpose, extract(epoch FROM expires_at - created_at)::int AS ttl FROM auth_token WHERE user_id = $1`,
        [row.id],
      );
      assert.equal(stored.length, 1);
      assert.equal(stored[0].purpose, 'verify_email');
      assert.equal(stored[0].ttl, 48 * 3600);
      assert.equal(
        (await owner.query(`SELECT 1 FROM auth_token WHERE token_hash = $1`, [token])).rowCount,
        0,
        'only the hash is stored',
      );

      const before = await post('/auth/login', { email, password: PASSWORD });
      assert.equal(before.status, 403);
      assert.equal(before.body.code, 'email_not_verified');

      const verified = await post('/auth/verify-email', { token });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.equal(verified.body.email, email);
      assert.equal(typeof verified.body.csrfToken, 'string');
      const cookie = cookieFrom(setCookies(verified), COOKIE);
      assert.ok(cookie, 'session cookie set');
      const me = (await meWith(cookie).expect(200)).body;
      assert.equal(me.id, row.id);
      // A new account holds no role: GET /me says what the policy allows it, a beneficiary anywhere.
      assert.deepEqual(me.capabilities.tenants, []);
      assert.equal(me.capabilities.otherTenants.registerSelf, true);
      assert.equal(me.capabilities.otherTenants.moderateOffers, false);
      assert.equal(me.capabilities.platform.createTenants, false);
      assert.ok((await userRow(email))!.email_verified_at);

      const again = await post('/auth/verify-email', { token });
      assert.equal(again.status, 400);
      assert.equal(again.body.code, 'invalid_token');
      assert.equal(again.body.parameter, 'token');
      assert.equal((await post('/auth/login', { email, password: PASSWORD })).status, 200);
    });

    it('answers the same for a taken address, and emails its owner instead of creating anything', async () => {
      const user = await passwordUser();
      const hashBefore = (await userRow(user.email))!.password_hash;
      const fresh = await post('/auth/register', {
        email: uniqueEmail(),
        password: PASSWORD,
        name: 'Nouvelle personne',
      });
      const taken = await post('/auth/register', {
        email: user.email,
        password: 'un-autre-mot-de-passe-long',
        name: 'Intrus',
      });
      assert.equal(taken.status, 202);
      assert.deepEqual(taken.body, fresh.body);
      assert.equal((await userRow(user.email))!.password_hash, hashBefore, 'password untouched');
      const mails = await emailsTo(owner, user.email);
      assert.equal(mails.length, 1);
      assert.equal(mails[0]!.subject, 'Vous avez déjà un compte');
      assert.match(mails[0]!.text_body, /http:\/\/localhost:3000\/connexion\b/);
      assert.match(mails[0]!.text_body, /http:\/\/localhost:3000\/mot-de-passe-oublie/);
      assert.doesNotMatch(mails[0]!.text_body, /jeton=/);
    });

    it('refuses an unknown or expired verification token', async () => {
      assert.equal((await post('/auth/verify-email', { token: 'x'.repeat(43) })).body.code, 'invalid_token');
      const email = uniqueEmail();
      await post('/auth/register', { email, password: PASSWORD, name: 'Expirée' }).expect(202);
      const token = tokenIn(await lastEmailTo(owner, email), '/connexion/verifier-email');
      await owner.query(
        `UPDATE auth_token SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`,
        [email],
      );
      const res = await post('/auth/verify-email', { token });
      assert.equal(res.status, 400);
      assert.deepEqual([res.body.code, res.body.parameter], ['invalid_token', 'token']);
      assert.equal((await userRow(email))!.email_verified_at, null);
    });
  });

  describe('password reset', () => {
    it('sends a one-hour link; the new password ends every session and every other link, once', async () => {
      const user = await passwordUser();
      const session1 = await signedIn(owner, t.http, user);
      const session2 = await signedIn(owner, t.http, user);
      await session1.get('/api/v1/me').expect(200);

      const first = await post('/auth/password-reset', { email: user.email });
      assert.equal(first.status, 202);
      const older = tokenIn(await lastEmailTo(owner, user.email), '/connexion/nouveau-mot-de-passe');
      await post('/auth/password-reset', { email: user.email }).expect(202);
      await post('/auth/magic-link', { email: user.email }).expect(202);
      const magic = tokenIn(await lastEmailTo(owner, user.email), '/connexion/lien-magique');
      const mails = await emailsTo(owner, user.email);
      const resetMail = mails.at(-2)!;
      assert.equal(resetMail.subject, 'Choisissez un nouveau mot de passe');
      assert.match(resetMail.text_body, /60 minutes/);
      const token = tokenIn(resetMail, 'http://localhost:3000/connexion/nouveau-mot-de-passe');
      const { rows } = await owner.query(
        `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM auth_token WHERE user_id = $1 AND purpose = 'password_reset'`,
        [user.id],
      );
      assert.deepEqual(
        rows.map((r) => r.ttl),
        [3600, 3600],
      );

      const NEW = 'un-tout-nouveau-mot-de-passe';
      assert.equal((await post('/auth/password-reset/confirm', { token, password: NEW })).status, 204);
      await session1.get('/api/v1/me').expect(401);
      await session2.get('/api/v1/me').expect(401);
      assert.equal((await post('/auth/login', { email: user.email, password: PASSWORD })).status, 401);
      assert.equal((await post('/auth/login', { email: user.email, password: NEW })).status, 200);

      const reused = await post('/auth/password-reset/confirm', { token, password: 'encore-un-autre-mot-de-passe' });
      assert.deepEqual([reused.status, reused.body.code, reused.body.parameter], [400, 'invalid_token', 'token']);
      assert.equal(
        (await post('/auth/password-reset/confirm', { token: older, password: 'encore-un-autre-mot-de-passe' })).status,
        400,
        'other reset links revoked',
      );
      assert.equal((await post('/auth/magic-link/confirm', { token: magic })).status, 400, 'magic links revoked');
      assert.equal((await post('/auth/login', { email: user.email, password: NEW })).status, 200);

      const audit = await platformAudit(
        `SELECT actor_id, tenant_id FROM audit_log WHERE action = 'auth.password_reset' AND target_id = $1`,
        [user.id],
      );
      if (audit) assert.deepEqual(audit, [{ actor_id: user.id, tenant_id: null }]);
    });

    it('marks the address verified (the link proved it)', async () => {
      const user = await passwordUser({ verified: false });
      await post('/auth/password-reset', { email: user.email }).expect(202);
      const token = tokenIn(await lastEmailTo(owner, user.email), '/connexion/nouveau-mot-de-passe');
      await post('/auth/password-reset/confirm', { token, password: 'un-tout-nouveau-mot-de-passe' }).expect(204);
      assert.ok((await userRow(user.email))!.email_verified_at);
    });

    it('answers 202 with the same body for an unknown address, and sends nothing', async () => {
      const user = await passwordUser();
      const known = await post('/auth/password-reset', { email: user.email });
      const unknownEmail = uniqueEmail('inconnu');
      const unknown = await post('/auth/password-reset', { email: unknownEmail });
      assert.equal(unknown.status, 202);
      assert.deepEqual(unknown.body, known.body);
      assert.equal((await emailsTo(owner, unknownEmail)).length, 0);
    });

    it('refuses an expired reset link', async () => {
      const user = await passwordUser();
      await post('/auth/password-reset', { email: user.email }).expect(202);
      const token = tokenIn(await lastEmailTo(owner, user.email), '/connexion/nouveau-mot-de-passe');
      await owner.query(`UPDATE auth_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      const res = await post('/auth/password-reset/confirm', { token, password: 'un-tout-nouveau-mot-de-passe' });
      assert.deepEqual([res.status, res.body.code, res.body.parameter], [400, 'invalid_token', 'token']);
      assert.equal(
        (await post('/auth/login', { email: user.email, password: PASSWORD })).status,
        200,
        'old password still works',
      );
    });

    it('does not take a magic-link or verification token as a reset token', async () => {
      const user = await passwordUser();
      await post('/auth/magic-link', { email: user.email }).expect(202);
      const magic = tokenIn(await lastEmailTo(owner, user.email), '/connexion/lien-magique');
      assert.equal(
        (await post('/auth/password-reset/confirm', { token: magic, password: 'un-tout-nouveau-mot-de-passe' })).status,
        400,
      );
      assert.equal((await post('/auth/verify-email', { token: magic })).status, 400);
      assert.equal((await post('/auth/magic-link/confirm', { token: magic })).status, 200, 'still unused');
    });
  });

  describe('magic link', () => {
    it('sends a 15-minute link that signs in once and proves the address', async () => {
      const user = await passwordUser({ verified: false });
      await post('/auth/magic-link', { email: user.email }).expect(202);
      const mail = await lastEmailTo(owner, user.email);
      assert.equal(mail.subject, 'Votre lien de connexion');
      assert.match(mail.text_body, /15 minutes/);
      const token = tokenIn(mail, 'http://localhost:3000/connexion/lien-magique');
      const res = await post('/auth/magic-link/confirm', { token });
      assert.equal(res.status, 200);
      assert.equal(res.body.id, user.id);
      const cookie = cookieFrom(setCookies(res), COOKIE);
      assert.ok(cookie);
      await meWith(cookie).expect(200);
      assert.ok((await userRow(user.email))!.email_verified_at);
      const reused = await post('/auth/magic-link/confirm', { token });
      assert.deepEqual([reused.status, reused.body.code, reused.body.parameter], [400, 'invalid_token', 'token']);
    });

    it('answers 202 for an unknown address and sends nothing; refuses an expired link', async () => {
      const unknownEmail = uniqueEmail('inconnu');
      assert.equal((await post('/auth/magic-link', { email: unknownEmail })).status, 202);
      assert.equal((await emailsTo(owner, unknownEmail)).length, 0);
      const user = await passwordUser();
      await post('/auth/magic-link', { email: user.email }).expect(202);
      const token = tokenIn(await lastEmailTo(owner, user.email), '/connexion/lien-magique');
      await owner.query(`UPDATE auth_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      assert.equal((await post('/auth/magic-link/confirm', { token })).status, 400);
    });
  });

  describe('rate limits (stored in the database)', () => {
    for (const [kind, path] of [
      ['reset', '/auth/password-reset'],
      ['magic link', '/auth/magic-link'],
    ] as const) {
      it(`${kind}: 5 requests an hour per address, from any IP, then 429 with Retry-After`, async () => {
        const user = await passwordUser();
        for (let i = 0; i < 5; i++) await post(path, { email: user.email }).expect(202);
        const res = await post(path, { email: user.email });
        assert.equal(res.status, 429);
        assert.equal(res.body.code, 'too_many_requests');
        const wait = Number(res.headers['retry-after']);
        assert.ok(wait > 3000 && wait <= 3600, `Retry-After ${res.headers['retry-after']}`);
        assert.equal((await emailsTo(owner, user.email)).length, 5);
        // The same for an address without account: the limit tells nothing either.
        const nobody = uniqueEmail('inconnu');
        for (let i = 0; i < 5; i++) await post(path, { email: nobody }).expect(202);
        assert.equal((await post(path, { email: nobody })).status, 429);
      });

      it(`${kind}: 30 requests an hour per IP, then 429`, async () => {
        const ip = uniqueIp();
        for (let i = 0; i < 30; i++) await post(path, { email: uniqueEmail('ip') }, ip).expect(202);
        const res = await post(path, { email: uniqueEmail('ip') }, ip);
        assert.equal(res.status, 429);
        assert.ok(Number(res.headers['retry-after']) > 0);
        assert.equal((await post(path, { email: uniqueEmail('ip') })).status, 202, 'another IP is not affected');
      });
    }

    it('sign-up: 30 an hour per IP, then 429', async () => {
      const ip = uniqueIp();
      for (let i = 0; i < 30; i++)
        await post('/auth/register', { email: uniqueEmail('ip'), password: PASSWORD, name: 'Nom' }, ip).expect(202);
      const res = await post('/auth/register', { email: uniqueEmail('ip'), password: PASSWORD, name: 'Nom' }, ip);
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers['retry-after']) > 0);
    });
  });

  describe('bad input: 400 naming the field', () => {
    const long = (n: number) => 'a'.repeat(n);
    const ok = { email: 'quelquun@test.local', password: PASSWORD, name: 'Nom' };
    const personal = { email: 'quelquun@test.local', name: 'Nom', tenant: 'drome' };
    const cases: [string, object, string][] = [
      ['/auth/register-beneficiary', { ...personal, email: 'pas-une-adresse' }, 'email'],
      ['/auth/register-beneficiary', { name: 'Nom', tenant: 'drome' }, 'email'],
      ['/auth/register-beneficiary', { ...personal, name: '  ' }, 'name'],
      ['/auth/register-beneficiary', { ...personal, name: long(121) }, 'name'],
      ['/auth/register-beneficiary', { email: personal.email, tenant: 'drome' }, 'name'],
      ['/auth/register-beneficiary', { email: personal.email, name: 'Nom' }, 'tenant'],
      ['/auth/register-beneficiary', { ...personal, tenant: 'Drôme' }, 'tenant'],
      ['/auth/register-beneficiary', { ...personal, tenant: 26 }, 'tenant'],
      ['/auth/register-beneficiary', { ...personal, tenant: `d${long(60)}` }, 'tenant'],
      ['/auth/register-beneficiary', { ...personal, tenant: 'nulle-part-inconnue' }, 'tenant'],
      ['/auth/register-beneficiary', { ...personal, password: 'court' }, 'password'],
      ['/auth/register-beneficiary', { ...personal, password: long(257) }, 'password'],
      ['/auth/register-beneficiary', { ...personal, password: 12345678901234 }, 'password'],
      ['/auth/register-beneficiary', { ...personal, role: 'admin' }, 'role'],
      ['/auth/register', { ...ok, email: 'pas-une-adresse' }, 'email'],
      ['/auth/register', { ...ok, email: 42 }, 'email'],
      ['/auth/register', { password: PASSWORD, name: 'Nom' }, 'email'],
      ['/auth/register', { ...ok, email: `${long(250)}@test.local` }, 'email'],
      ['/auth/register', { ...ok, password: 'court' }, 'password'],
      ['/auth/register', { ...ok, password: long(11) }, 'password'],
      ['/auth/register', { ...ok, password: long(257) }, 'password'],
      ['/auth/register', { ...ok, password: ['tableau-de-mots-de-passe'] }, 'password'],
      ['/auth/register', { email: ok.email, name: 'Nom' }, 'password'],
      ['/auth/register', { ...ok, name: '   ' }, 'name'],
      ['/auth/register', { ...ok, name: long(121) }, 'name'],
      ['/auth/register', { ...ok, name: { prenom: 'x' } }, 'name'],
      ['/auth/register', { email: ok.email, password: PASSWORD }, 'name'],
      ['/auth/register', { ...ok, admin: true }, 'admin'],
      ['/auth/verify-email', {}, 'token'],
      ['/auth/verify-email', { token: '' }, 'token'],
      ['/auth/verify-email', { token: 12 }, 'token'],
      ['/auth/verify-email', { token: long(201) }, 'token'],
      ['/auth/password-reset', {}, 'email'],
      ['/auth/password-reset', { email: 'nope' }, 'email'],
      ['/auth/password-reset/confirm', { password: PASSWORD }, 'token'],
      ['/auth/password-reset/confirm', { token: null, password: PASSWORD }, 'token'],
      ['/auth/password-reset/confirm', { token: 'abc', password: 'court' }, 'password'],
      ['/auth/password-reset/confirm', { token: 'abc', password: long(257) }, 'password'],
      ['/auth/password-reset/confirm', { token: 'abc' }, 'password'],
      ['/auth/magic-link', { email: '' }, 'email'],
      ['/auth/magic-link', { email: ['a@b.fr'] }, 'email'],
      ['/auth/magic-link/confirm', { token: ['abc'] }, 'token'],
      ['/auth/magic-link/confirm', {}, 'token'],
    ];
    for (const [path, body, field] of cases) {
      it(`${path} ${JSON.stringify(body).slice(0, 70)} → 400 on ${field}`, async () => {
        const res = await post(path, body);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.equal(res.body.parameter, field, JSON.stringify(res.body));
      });
    }

    it('refuses a body that is not JSON with a 400, never a 500', async () => {
      const res = await t.http.post('/api/v1/auth/register').set('Content-Type', 'application/json').send('{"email":');
      assert.equal(res.status, 400);
    });
  });
});
