// A beneficiary's personal account (not the professionals' sign-up): made in a département, with
// or without a password; its verification link signs in and makes the person a beneficiary there.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Me } from '@catalogue/contracts';
import { sessionCookieName } from '../../common/auth/session-cookie.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { makeUser } from '../../testing/accounts.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { cookieFrom, emailsTo, lastEmailTo, setCookies, tokenIn, uniqueEmail, uniqueIp } from './auth.test-helpers.js';
import { hashPassword } from './password.js';

const PASSWORD = 'une-phrase-de-passe-tres-longue';
const COOKIE = sessionCookieName(false);
const VERIFY = 'http://localhost:3000/connexion/verifier-email';

describe('beneficiary sign-up', () => {
  let api: ApiTest;
  before(async () => {
    api = await startApiTest();
  });
  after(() => api.close());

  const post = (path: string, body: object, ip = uniqueIp()) =>
    api.t.http.post(`/api/v1${path}`).set('X-Forwarded-For', ip).send(body);
  const signUp = (body: { email: string; name: string; password?: string | null }, tenant: TestTenant = api.tenant) =>
    post('/auth/register-beneficiary', { ...body, tenant: tenant.slug });
  const meWith = async (cookie: string) =>
    (await api.t.http.get('/api/v1/me').set('Cookie', cookie).expect(200)).body as Me;
  const userRow = async (email: string) =>
    (
      await api.owner.query<{ id: string; password_hash: string | null; email_verified_at: Date | null }>(
        `SELECT id, password_hash, email_verified_at FROM app_user WHERE email = $1`,
        [email],
      )
    ).rows[0];
  const membershipsOf = async (tenant: TestTenant, userId: string) =>
    inTenantTransaction(api.owner, tenant.id, async () => {
      const { rows } = await api.owner.query<{ role: string; status: string }>(
        `SELECT role, status FROM membership WHERE tenant_id = $1 AND user_id = $2`,
        [tenant.id, userId],
      );
      return rows;
    });

  /** Follows the verification link of the last email to `email`: the session cookie. */
  async function verify(email: string): Promise<string> {
    const res = await post('/auth/verify-email', { token: tokenIn(await lastEmailTo(api.owner, email), VERIFY) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const cookie = cookieFrom(setCookies(res), COOKIE);
    assert.ok(cookie, 'signed in by the link');
    return cookie;
  }

  it('makes a personal account whose verification link signs in as a beneficiary of the département', async () => {
    const email = uniqueEmail('beneficiaire');
    const res = await signUp({ email: email.toUpperCase(), name: ' Camille Martin ', password: PASSWORD });
    assert.equal(res.status, 202);
    const row = await userRow(email);
    assert.ok(row, 'account created, address lower-cased');
    assert.equal(row.email_verified_at, null);
    assert.match(row.password_hash ?? '', /^\$argon2id\$/);
    assert.deepEqual(await membershipsOf(api.tenant, row.id), [], 'no role before the address is proven');

    const mail = await lastEmailTo(api.owner, email);
    assert.equal(mail.subject, 'Activez votre compte personnel');
    assert.match(mail.text_body, /Bonjour Camille Martin/);
    assert.match(mail.text_body, /compte personnel/);
    assert.match(mail.text_body, /vous inscrire vous-même aux actions/);
    assert.match(mail.text_body, /Ce n’est pas un compte de professionnel/);
    assert.ok(
      mail.text_body.includes(`http://localhost:3000/${api.tenant.slug}/donnees-personnelles`),
      'links to the département’s personal-data notice',
    );
    assert.match(mail.text_body, /48 heures/);
    const { rows: tokens } = await api.owner.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM auth_token WHERE user_id = $1 AND purpose = 'verify_email'`,
      [row.id],
    );
    assert.deepEqual(tokens[0]?.data, { beneficiaryTenant: api.tenant.id });

    const me = await meWith(await verify(email));
    assert.equal(me.id, row.id);
    assert.deepEqual(
      me.memberships.map((m) => [m.tenant, m.role, m.status]),
      [[api.tenant.slug, 'beneficiary', 'active']],
    );
    const here = me.capabilities.tenants.find((t) => t.tenant === api.tenant.slug);
    assert.ok(here, 'the département is listed in the capabilities');
    assert.equal(here.capabilities.registerSelf, true);
    assert.equal(here.capabilities.prescribe, false);
    assert.equal(here.capabilities.moderateOffers, false);
    assert.equal(me.capabilities.account.deleteAccount, true, 'a personal account may be deleted by its owner');
    assert.ok((await userRow(email))!.email_verified_at);
    // The sign-in is recorded in the département's audit log, now that the person has a role there.
    const audit = await inTenantTransaction(api.owner, api.tenant.id, async () => {
      const { rows } = await api.owner.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE tenant_id = $1 AND actor_id = $2`,
        [api.tenant.id, row.id],
      );
      return rows.map((r) => r.action);
    });
    assert.deepEqual(audit, ['auth.email_verified']);
    assert.equal((await post('/auth/login', { email, password: PASSWORD })).status, 200, 'the password works');
  });

  it('without a password, the person signs in by emailed link', async () => {
    const email = uniqueEmail('sans-mot-de-passe');
    await signUp({ email, name: 'Sacha Bernard' }).expect(202);
    await signUp({ email: uniqueEmail('mot-de-passe-nul'), name: 'Nul', password: null }).expect(202);
    const row = await userRow(email);
    assert.equal(row?.password_hash, null);
    assert.match((await lastEmailTo(api.owner, email)).text_body, /Vous n’avez pas choisi de mot de passe/);
    const me = await meWith(await verify(email));
    assert.deepEqual(
      me.memberships.map((m) => m.role),
      ['beneficiary'],
    );
    // Later: no password to type, a link instead.
    assert.equal((await post('/auth/login', { email, password: PASSWORD })).status, 401);
    await post('/auth/magic-link', { email }).expect(202);
    const link = tokenIn(await lastEmailTo(api.owner, email), 'http://localhost:3000/connexion/lien-magique');
    const signedIn = await post('/auth/magic-link/confirm', { token: link });
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.body.id, row!.id);
  });

  it('answers the same for a taken address, and reminds its owner instead of creating anything', async () => {
    const existing = await makeUser(api.owner, {
      email: uniqueEmail('deja'),
      name: 'Déjà Là',
      passwordHash: await hashPassword(PASSWORD),
    });
    const hashBefore = (await userRow(existing.email))!.password_hash;
    const fresh = await signUp({ email: uniqueEmail('nouvelle'), name: 'Nouvelle', password: PASSWORD });
    const taken = await signUp({ email: existing.email, name: 'Intrus', password: 'un-autre-mot-de-passe-long' });
    const takenWithout = await signUp({ email: existing.email, name: 'Intrus' });
    assert.equal(fresh.status, 202);
    assert.equal(taken.status, 202);
    assert.deepEqual(taken.body, fresh.body);
    assert.deepEqual(takenWithout.body, fresh.body);
    assert.equal((await userRow(existing.email))!.password_hash, hashBefore, 'password untouched');
    assert.deepEqual(await membershipsOf(api.tenant, existing.id), [], 'no role given to an unproven request');
    const mails = await emailsTo(api.owner, existing.email);
    assert.equal(mails.length, 2);
    assert.equal(mails[0]!.subject, 'Vous avez déjà un compte');
    assert.match(mails[0]!.text_body, /Bonjour Déjà Là/);
    assert.ok(mails[0]!.text_body.includes(api.tenant.name), 'names the département');
    assert.match(mails[0]!.text_body, /http:\/\/localhost:3000\/connexion\b/);
    assert.doesNotMatch(mails[0]!.text_body, /jeton=/);
  });

  it('makes the person a beneficiary of the sign-up’s département only', async () => {
    const other = await createTenant(api.owner);
    // A new département is known to the directory within a second; here, at once.
    api.t.app.get(TenantDirectory).invalidate();
    const email = uniqueEmail('deux');
    await signUp({ email, name: 'Deux Départements' }, other).expect(202);
    const me = await meWith(await verify(email));
    assert.deepEqual(
      me.memberships.map((m) => m.tenant),
      [other.slug],
    );
  });

  it('shares the professionals’ sign-up limit per address: 5 an hour, then 429', async () => {
    const email = uniqueEmail('limite');
    for (let i = 0; i < 3; i++) await signUp({ email, name: 'Nom' }).expect(202);
    for (let i = 0; i < 2; i++) await post('/auth/register', { email, name: 'Nom', password: PASSWORD }).expect(202);
    const res = await signUp({ email, name: 'Nom' });
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers['retry-after']) > 0);
  });

  it('refuses an unknown département by name, before any account or email', async () => {
    const email = uniqueEmail('inconnu');
    const res = await post('/auth/register-beneficiary', { email, name: 'Nom', tenant: 'nulle-part' });
    assert.equal(res.status, 400);
    assert.equal(res.body.parameter, 'tenant');
    assert.equal(await userRow(email), undefined);
    assert.equal((await emailsTo(api.owner, email)).length, 0);
  });
});
