// API keys end to end: an admin creates a key (shown once), a machine reads the statistics and
// exports with it and nothing else, its use is recorded, it is rate-limited, and revoked at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { API_KEY_LIMITS } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { connect, createTenant, releaseTenant, type TestTenant } from '../../testing/test-database.js';
import { keysWorld, type KeysWorld } from './api-keys.test-helpers.js';

const READ_ROUTES = [
  '/registrations/stats',
  '/offers/export.csv',
  '/organizations/export.csv',
  '/indicators',
  '/indicators.csv?table=themes',
];

describe('API keys', () => {
  let api: ApiTest;
  let w: KeysWorld;
  let other: TestTenant;
  before(async () => {
    api = await startApiTest();
    w = await keysWorld(api);
    other = await createTenant(api.owner);
  });
  after(async () => {
    await releaseTenant(other.id);
    await api.close();
  });

  const rows = <T>(sql: string, params: unknown[]) =>
    inTenantTransaction(api.owner, api.tenant.id, async () => (await api.owner.query(sql, params)).rows as T[]);

  it('shows the secret once, keeps only its hash, and lists the key by its prefix', async () => {
    const key = await w.create('Tableau de bord du service');
    assert.match(key.secret, /^cik_[A-Za-z0-9_-]{43}$/);
    assert.ok(key.secret.startsWith(key.prefix));
    const list = await w.admin.get(`${w.base}/api-keys`);
    assert.equal(list.status, 200);
    const listed = list.body.find((k: { id: string }) => k.id === key.id);
    assert.equal(listed.name, 'Tableau de bord du service');
    assert.equal(listed.prefix, key.prefix);
    assert.equal(listed.lastUsedAt, null);
    assert.ok(listed.createdBy, 'the creator is named');
    assert.ok(!JSON.stringify(list.body).includes(key.secret), 'the list never shows a secret');
    assert.equal('secret' in listed, false);
    const [stored] = await rows<{ secret_hash: string }>(`SELECT secret_hash FROM api_key WHERE id = $1`, [key.id]);
    assert.match(stored!.secret_hash, /^[0-9a-f]{64}$/);
    assert.notEqual(stored!.secret_hash, key.secret);
    const audit = await rows<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1`, [key.id]);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['api_key.created'],
    );
  });

  it('opens each read route of its tenant, without cookie, and records its last use', async () => {
    const key = await w.create();
    for (const route of READ_ROUTES) {
      const res = await w.withKey(key.secret, `${w.base}${route}`);
      assert.equal(res.status, 200, `${route}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const listed = (await w.admin.get(`${w.base}/api-keys`)).body.find((k: { id: string }) => k.id === key.id);
    assert.ok(listed.lastUsedAt, 'last use shown');
    assert.ok(Date.now() - Date.parse(listed.lastUsedAt) < 60_000);
    // The export's audit entry names the key, not a person.
    const audit = await rows<{ actor_id: string | null; actor_email: string }>(
      `SELECT actor_id, actor_email FROM audit_log WHERE tenant_id = $1 AND action = 'export.organizations' ORDER BY id DESC LIMIT 1`,
      [api.tenant.id],
    );
    assert.equal(audit[0]!.actor_id, null);
    assert.ok(audit[0]!.actor_email.includes(key.prefix), audit[0]!.actor_email);
  });

  it('writes its last use at most once a minute, not on every request', async () => {
    const key = await w.create();
    await w.withKey(key.secret, `${w.base}/registrations/stats`).expect(200);
    const [first] = await rows<{ last_used_at: Date }>(`SELECT last_used_at FROM api_key WHERE id = $1`, [key.id]);
    await new Promise((r) => setTimeout(r, 20));
    await w.withKey(key.secret, `${w.base}/registrations/stats`).expect(200);
    const [second] = await rows<{ last_used_at: Date }>(`SELECT last_used_at FROM api_key WHERE id = $1`, [key.id]);
    assert.equal(second!.last_used_at.getTime(), first!.last_used_at.getTime());
  });

  it('refuses every state-changing method with a key (403), even on its own routes', async () => {
    const key = await w.create();
    for (const [method, path] of [
      ['post', `${w.base}/api-keys`],
      ['post', `${w.base}/api-keys/${key.id}/revoke`],
      ['put', `${w.base}/organizations/00000000-0000-4000-8000-000000000000/registration-notifications`],
      ['patch', `${w.base}/offers/00000000-0000-4000-8000-000000000000`],
      ['patch', `${w.base}/settings`],
    ] as const) {
      const res = await api.t.http[method](path).set('Authorization', `Bearer ${key.secret}`).send({ name: 'x' });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.code, 'api_key_read_only');
    }
  });

  it('opens no other signed-in route (403), and serves public routes as to anyone', async () => {
    const key = await w.create();
    for (const path of ['/api/v1/me', `${w.base}/api-keys`, `${w.base}/dashboard`, `${w.base}/audit`]) {
      const res = await w.withKey(key.secret, path);
      assert.equal(res.status, 403, `${path}: ${res.status}`);
      assert.equal(res.body.code, 'api_key_route', path);
    }
    assert.equal((await w.withKey(key.secret, `${w.base}/offers`)).status, 200);
  });

  it('sees nothing of another tenant (404, like a stranger)', async () => {
    const key = await w.create();
    for (const route of READ_ROUTES) {
      const res = await w.withKey(key.secret, `/api/v1/tenants/${other.slug}${route}`);
      assert.equal(res.status, 404, route);
    }
  });

  it('stops working at once when revoked (401, in French), and stays listed as revoked', async () => {
    const key = await w.create();
    await w.withKey(key.secret, `${w.base}/registrations/stats`).expect(200);
    const revoked = await w.admin.post(`${w.base}/api-keys/${key.id}/revoke`);
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.revokedAt);
    const res = await w.withKey(key.secret, `${w.base}/registrations/stats`);
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'api_key_invalid');
    assert.match(res.body.message, /révoquée/);
    // A second revocation changes nothing and adds no audit entry.
    assert.equal((await w.admin.post(`${w.base}/api-keys/${key.id}/revoke`)).status, 200);
    const audit = await rows<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [
      key.id,
    ]);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['api_key.created', 'api_key.revoked'],
    );
    const listed = (await w.admin.get(`${w.base}/api-keys`)).body.find((k: { id: string }) => k.id === key.id);
    assert.ok(listed.revokedAt);
  });

  it('declares the bearer scheme in OpenAPI on exactly the routes a key opens', async () => {
    const doc = (await api.t.http.get('/api/docs-json')).body as {
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    assert.deepEqual(doc.components.securitySchemes['cle-api'], {
      ...doc.components.securitySchemes['cle-api'],
      type: 'http',
      scheme: 'bearer',
    });
    const opened = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))
      .filter(({ op }) => op.security?.some((s) => 'cle-api' in s))
      .map(({ method, path }) => `${method.toUpperCase()} ${path.replace('/api/v1/tenants/{slug}', '')}`)
      .sort();
    assert.deepEqual(opened, [
      'GET /indicators',
      'GET /indicators.csv',
      'GET /offers/export.csv',
      'GET /organizations/export.csv',
      'GET /registrations/stats',
    ]);
  });

  it('answers an unknown key 401, never as anonymous', async () => {
    const res = await w.withKey(`cik_${'A'.repeat(43)}`, `${w.base}/offers`);
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'api_key_invalid');
  });

  it('limits each key to its rate (429 with Retry-After), other keys untouched', async () => {
    const key = await w.create();
    const spare = await w.create();
    await api.owner.query(
      `INSERT INTO rate_limit (key, hits, window_ends_at) VALUES ($1, 600, now() + interval '40 seconds')`,
      [`api_key:${key.id}`],
    );
    const res = await w.withKey(key.secret, `${w.base}/registrations/stats`);
    assert.equal(res.status, 429);
    const wait = Number(res.headers['retry-after']);
    assert.ok(wait >= 1 && wait <= 40, String(res.headers['retry-after']));
    assert.equal((await w.withKey(spare.secret, `${w.base}/registrations/stats`)).status, 200);
  });

  it('never lets concurrent creations pass the limit of active keys', async () => {
    const [{ n }] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM api_key WHERE tenant_id = $1 AND revoked_at IS NULL`,
      [api.tenant.id],
    );
    // Fill up to one below the limit, then race five creations for the last place.
    await rows(
      `INSERT INTO api_key (tenant_id, name, prefix, secret_hash)
       SELECT $1, 'Remplissage ' || i, 'cik_fill', md5(random()::text || i) || md5(random()::text)
         FROM generate_series(1, $2::int) i`,
      [api.tenant.id, API_KEY_LIMITS.perTenant - 1 - n],
    );
    // Every creation is held at its INSERT (a SHARE lock lets counts through, not writes) until
    // all of them have counted: without serialisation each would see one place left.
    let answers: { status: number; body: { code?: string } }[] = [];
    const blocker = await connect('owner');
    const watcher = await connect('owner');
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE api_key IN SHARE MODE');
      const pending = Promise.all(
        Array.from({ length: 5 }, (_, i) => w.admin.post(`${w.base}/api-keys`, { name: `Course ${i}` })),
      );
      for (let i = 0; i < 100; i++) {
        const { rows: waiting } = await watcher.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()
              AND (relation = 'api_key'::regclass OR locktype = 'advisory')`,
        );
        if (waiting[0]!.n >= 4) break; // the app's pool holds four connections
        await new Promise((r) => setTimeout(r, 50));
      }
      await blocker.query('COMMIT');
      answers = await pending;
    } finally {
      await blocker.end();
      await watcher.end();
    }
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409, 409]);
    assert.equal(answers.find((a) => a.status === 409)!.body.code, 'api_key_limit');
    const [after] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM api_key WHERE tenant_id = $1 AND revoked_at IS NULL`,
      [api.tenant.id],
    );
    assert.equal(after!.n, API_KEY_LIMITS.perTenant);
  });
});
