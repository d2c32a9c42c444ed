// GET /tenants/{slug}/zones: the choices of the diffusion-zone picker.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant } from '../../testing/test-database.js';
import { setTransactionTenant } from '../../common/tenancy/transaction-tenant.js';

describe('diffusion zones of a tenant', () => {
  let api: ApiTest;

  before(async () => {
    api = await startApiTest();
  });
  after(() => api.close());

  async function addTerritory(tenantId: string, code: string, name: string, communes: string[]): Promise<void> {
    const { owner } = api;
    await owner.query('BEGIN');
    await setTransactionTenant(owner, tenantId);
    await owner.query(`INSERT INTO territory (tenant_id, code, name, commune_codes) VALUES ($1, $2, $3, $4)`, [
      tenantId,
      code,
      name,
      communes,
    ]);
    await owner.query('COMMIT');
  }

  it('lists the EPCI of the département and the tenant’s own territories, by name in French order, cacheable', async () => {
    const { t, owner, tenant } = api;
    const { rows: communes } = await owner.query<{ insee: string }>(
      `SELECT insee FROM commune WHERE departement = $1 LIMIT 2`,
      [tenant.code],
    );
    await addTerritory(tenant.id, 'zz-sud', 'Vallée du Sud', [communes[0]!.insee]);
    await addTerritory(tenant.id, 'aa-est', 'Est', [communes[1]!.insee]);
    await addTerritory(tenant.id, 'ee-eco', 'Écrins', [communes[1]!.insee]);
    const other = await createTenant(owner);
    await addTerritory(other.id, 'ailleurs', 'Ailleurs', []);

    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/zones`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=300');
    assert.deepEqual(Object.keys(res.body).sort(), ['epcis', 'territories']);
    // Accents do not push "Écrins" after "Vallée"; another tenant's territory never shows.
    assert.deepEqual(res.body.territories, [
      { code: 'ee-eco', name: 'Écrins' },
      { code: 'aa-est', name: 'Est' },
      { code: 'zz-sud', name: 'Vallée du Sud' },
    ]);

    const { rows: expected } = await owner.query<{ code: string; name: string }>(
      `SELECT DISTINCT e.code, e.name FROM epci e JOIN commune c ON c.epci = e.code WHERE c.departement = $1`,
      [tenant.code],
    );
    const epcis = res.body.epcis as { code: string; name: string }[];
    assert.ok(epcis.length > 1, 'test départements have several EPCI');
    assert.deepEqual(
      [...epcis].sort((a, b) => a.code.localeCompare(b.code)),
      expected.sort((a, b) => a.code.localeCompare(b.code)),
    );
    for (const e of epcis) assert.deepEqual(Object.keys(e).sort(), ['code', 'name']);
    const names = epcis.map((e) => e.name);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base', numeric: true })),
    );
  });

  it('answers the usual 404 for an unknown département, not cached for five minutes', async () => {
    const res = await api.t.http.get('/api/v1/tenants/atlantide/zones');
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'not_found');
    assert.notEqual(res.headers['cache-control'], 'public, max-age=300');
  });

  it('is described in OpenAPI with a French summary', async () => {
    const res = await api.t.http.get('/api/docs-json');
    const op = res.body.paths['/api/v1/tenants/{slug}/zones']?.get;
    assert.ok(op, 'route missing from OpenAPI');
    assert.match(op.summary, /intercommunalités/i);
  });
});
