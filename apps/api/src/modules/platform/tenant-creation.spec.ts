// The platform admin opens a département: frame from the reference data, first admins (new
// accounts get a link to choose their password), audit, served at once; conflicts and bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadDepartements } from '@catalogue/domain/geo';
import { slugify } from '@catalogue/domain';
import type { TenantDetail } from '@catalogue/contracts';
import { hashToken } from '../../common/auth/session-cookie.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { clientWithRole, makeUser, signedIn, type SignedInClient } from '../../testing/accounts.js';
import { emailsTo, tokenIn } from '../auth/auth.test-helpers.js';
import { freeDepartementCode, staffEmail } from './platform.test-helpers.js';
import { setTransactionTenant } from '../../common/tenancy/transaction-tenant.js';

describe('POST /tenants (platform admin)', () => {
  let api: ApiTest;
  let platform: SignedInClient;

  before(async () => {
    api = await startApiTest();
    platform = await signedIn(api.owner, api.t.http, await makeUser(api.owner, { platformAdmin: true }));
  });
  after(() => api.close());

  it('opens the département from its code: frame from the reference data, admins named, served at once', async () => {
    const { owner, t } = api;
    // Fill the directory cache first: the new tenant must show without waiting for it to expire.
    await t.http.get('/api/v1/tenants').expect(200);
    const code = await freeDepartementCode(owner);
    const dep = loadDepartements().find((d) => d.code === code)!;
    const existing = await makeUser(owner, { passwordHash: 'hash', name: 'Agente existante' });
    const newcomer = staffEmail('nouvel-admin');

    const res = await platform.post('/api/v1/tenants', { code, admins: [existing.email.toUpperCase(), newcomer] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const body = res.body as TenantDetail;
    assert.deepEqual(
      { code: body.code, slug: body.slug, name: body.name, bbox: body.bbox },
      { code, slug: slugify(dep.name), name: dep.name, bbox: dep.bbox },
    );
    assert.ok('outline' in body);

    const list = (await t.http.get('/api/v1/tenants').expect(200)).body as { slug: string }[];
    assert.ok(
      list.some((x) => x.slug === body.slug),
      'listed at once',
    );
    assert.deepEqual((await t.http.get(`/api/v1/tenants/${body.slug}`).expect(200)).body, res.body);

    const { rows: tenantRows } = await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE code = $1`, [code]);
    const tenantId = tenantRows[0]!.id;
    const roles = async (email: string) => {
      await owner.query('BEGIN');
      await setTransactionTenant(owner, tenantId);
      const { rows } = await owner.query<{ role: string; status: string }>(
        `SELECT m.role, m.status FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1 ORDER BY m.role`,
        [email],
      );
      await owner.query('COMMIT');
      return rows.map((r) => `${r.role}:${r.status}`);
    };
    assert.deepEqual(await roles(existing.email), ['admin:active', 'agent:active']);
    assert.deepEqual(await roles(newcomer), ['admin:active', 'agent:active']);

    // The newcomer: an unverified account without password, and a link valid 7 days.
    const { rows: users } = await owner.query<{
      id: string;
      password_hash: string | null;
      email_verified_at: Date | null;
    }>(`SELECT id, password_hash, email_verified_at FROM app_user WHERE email = $1`, [newcomer]);
    assert.deepEqual(
      { hash: users[0]!.password_hash, verified: users[0]!.email_verified_at },
      { hash: null, verified: null },
    );
    const [welcome] = await emailsTo(owner, newcomer);
    assert.ok(welcome, 'a welcome email');
    assert.match(welcome.subject, new RegExp(`Votre accès au catalogue de l’offre d’insertion — ${dep.name}`));
    assert.match(
      welcome.text_body,
      /Choisir mon mot de passe : http:\/\/localhost:3000\/connexion\/nouveau-mot-de-passe\?jeton=/,
    );
    assert.match(welcome.text_body, /valable 7 jours/);
    assert.match(welcome.html_body, /<a href="http:\/\/localhost:3000\/connexion\/nouveau-mot-de-passe\?jeton=/);
    const token = tokenIn(welcome, '/connexion/nouveau-mot-de-passe');
    const { rows: tokens } = await owner.query<{ purpose: string; user_id: string; days: string }>(
      `SELECT purpose, user_id, extract(epoch FROM expires_at - created_at) / 86400 AS days FROM auth_token WHERE token_hash = $1`,
      [hashToken(token)],
    );
    assert.equal(tokens[0]?.purpose, 'password_reset');
    assert.equal(tokens[0]?.user_id, users[0]!.id);
    assert.ok(Math.abs(Number(tokens[0]!.days) - 7) < 0.01);
    // The existing account is told, without a link to a password it already has.
    const [told] = await emailsTo(owner, existing.email);
    assert.match(told!.subject, /Nouveau rôle/);
    assert.ok(!/jeton=/.test(told!.text_body));

    // Audited under the new tenant, which its first admin reads at once.
    const admin = await signedIn(owner, t.http, existing);
    const audit = (await admin.get(`/api/v1/tenants/${body.slug}/audit`).expect(200)).body as {
      action: string;
      target: { id: string };
    }[];
    assert.equal(audit.filter((a) => a.action === 'membership.granted').length, 4);
    assert.ok(audit.some((a) => a.action === 'tenant.created' && a.target.id === tenantId));
    const staff = (await admin.get(`/api/v1/tenants/${body.slug}/staff`).expect(200)).body as { email: string }[];
    assert.deepEqual(new Set(staff.map((s) => s.email)), new Set([existing.email, newcomer]));
  });

  it('takes the slug and the name given', async () => {
    const code = await freeDepartementCode(api.owner);
    const slug = `espace-${code.toLowerCase()}-${Date.now().toString(36)}`;
    const res = await platform.post('/api/v1/tenants', {
      code,
      slug,
      name: '  Mon département  ',
      admins: [staffEmail()],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual({ slug: res.body.slug, name: res.body.name }, { slug, name: 'Mon département' });
  });

  it('answers 409 when the code or the slug is taken, and creates nothing', async () => {
    const { owner, tenant } = api;
    const admin = staffEmail('conflit');
    const byCode = await platform.post('/api/v1/tenants', { code: tenant.code, admins: [admin] });
    assert.equal(byCode.status, 409);
    assert.equal(byCode.body.parameter, 'code');
    const bySlug = await platform.post('/api/v1/tenants', {
      code: await freeDepartementCode(owner),
      slug: tenant.slug,
      admins: [admin],
    });
    assert.equal(bySlug.status, 409);
    assert.equal(bySlug.body.parameter, 'slug');
    assert.equal((await owner.query(`SELECT 1 FROM app_user WHERE email = $1`, [admin])).rowCount, 0);
    assert.deepEqual(await emailsTo(owner, admin), []);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const code = await freeDepartementCode(api.owner);
    const cases: [object, string][] = [
      [{ admins: [staffEmail()] }, 'code'],
      [{ code: 'ZZ', admins: [staffEmail()] }, 'code'],
      [{ code: 26, admins: [staffEmail()] }, 'code'],
      [{ code: '975', admins: [staffEmail()] }, 'code'],
      [{ code, slug: 'Pas Un Slug', admins: [staffEmail()] }, 'slug'],
      [{ code, slug: 'x'.repeat(61), admins: [staffEmail()] }, 'slug'],
      [{ code, name: 'x', admins: [staffEmail()] }, 'name'],
      [{ code, name: 'x'.repeat(81), admins: [staffEmail()] }, 'name'],
      [{ code }, 'admins'],
      [{ code, admins: [] }, 'admins'],
      [{ code, admins: 'a@b.fr' }, 'admins'],
      [{ code, admins: ['pas-une-adresse'] }, 'admins'],
      [{ code, admins: [`${'x'.repeat(250)}@b.fr`] }, 'admins'],
      [{ code, admins: Array.from({ length: 21 }, () => staffEmail()) }, 'admins'],
      [{ code, admins: [staffEmail()], bbox: [0, 0, 1, 1] }, 'bbox'],
    ];
    for (const [body, field] of cases) {
      const res = await platform.post('/api/v1/tenants', body);
      assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${res.status}`);
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    }
    assert.equal((await api.owner.query(`SELECT 1 FROM tenant WHERE code = $1`, [code])).rowCount, 0);
  });

  it('is refused to a département agent (403) and to anonymous callers (401)', async () => {
    const agent = await clientWithRole(api.owner, api.t.http, api.tenant, 'admin');
    const body = { code: await freeDepartementCode(api.owner), admins: [staffEmail()] };
    assert.equal((await agent.post('/api/v1/tenants', body)).status, 403);
    assert.equal((await api.t.http.post('/api/v1/tenants').send(body)).status, 401);
  });
});
