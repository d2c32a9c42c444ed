// Reading the audit log: the département's admins, newest first, by target and action, by page;
// only the tenant's own lines; bad parameters named.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { AUDIT_PAGE_SIZE } from './audit.dto.js';

describe('GET /tenants/:slug/audit', () => {
  let api: ApiTest;
  let tenant: TestTenant;
  let admin: SignedInClient;
  let path: string;
  const target = randomUUID();

  before(async () => {
    api = await startApiTest();
    // A tenant of its own: its log holds exactly the lines written here.
    tenant = await createTenant(api.owner);
    admin = await clientWithRole(api.owner, api.t.http, tenant, 'admin');
    path = `/api/v1/tenants/${tenant.slug}/audit`;
    const other = await createTenant(api.owner);
    const line = (t: TestTenant, action: string, targetId: string | null, summary: string) =>
      inTenantTransaction(api.owner, t.id, () =>
        api.owner.query(
          `INSERT INTO audit_log (tenant_id, actor_id, actor_email, action, target_type, target_id, summary, ip) VALUES ($1, NULL, 'agent@test.local', $2, 'offer', $3, $4, '10.0.0.1')`,
          [t.id, action, targetId, summary],
        ),
      );
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
      await line(tenant, 'offer.published', randomUUID(), `Publication ${i}`);
    await line(tenant, 'membership.granted', target, 'Rôle agent donné');
    await line(tenant, 'membership.revoked', target, 'Rôle agent retiré');
    await line(tenant, 'membershipx.other', target, 'Pas de la famille membership');
    await line(other, 'membership.granted', target, 'Ailleurs');
  });
  after(() => api.close());

  it('answers the newest lines first, fifty a page', async () => {
    const first = (await admin.get(path).expect(200)).body as AuditEntry[];
    assert.equal(first.length, AUDIT_PAGE_SIZE);
    assert.equal(first[0]!.summary, 'Pas de la famille membership');
    assert.deepEqual(Object.keys(first[0]!).sort(), [
      'action',
      'actor',
      'at',
      'id',
      'ip',
      'requestId',
      'summary',
      'target',
    ]);
    assert.deepEqual(first[0]!.actor, { id: null, email: 'agent@test.local' });
    assert.equal(first[0]!.target.type, 'offer');
    assert.equal(first[0]!.ip, '10.0.0.1');
    const times = first.map((e) => Date.parse(e.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const second = (await admin.get(`${path}?page=2`).expect(200)).body as AuditEntry[];
    assert.equal(second.length, 8);
    assert.equal(second.at(-1)!.summary, 'Publication 0');
    assert.deepEqual((await admin.get(`${path}?page=3`).expect(200)).body, []);
  });

  it('filters by target (its own tenant only) and by action or family of actions', async () => {
    const byTarget = (await admin.get(`${path}?target=${target}`).expect(200)).body as AuditEntry[];
    assert.deepEqual(
      byTarget.map((e) => e.summary),
      ['Pas de la famille membership', 'Rôle agent retiré', 'Rôle agent donné'],
    );
    const family = (await admin.get(`${path}?target=${target}&action=membership`).expect(200)).body as AuditEntry[];
    assert.deepEqual(
      family.map((e) => e.action),
      ['membership.revoked', 'membership.granted'],
    );
    const exact = (await admin.get(`${path}?action=membership.granted`).expect(200)).body as AuditEntry[];
    assert.deepEqual(
      exact.map((e) => e.summary),
      ['Rôle agent donné'],
    );
    assert.deepEqual((await admin.get(`${path}?target=inconnu-42`).expect(200)).body, []);
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const cases: [string, string][] = [
      ['target=a%20b', 'target'],
      ['target=' + 'x'.repeat(65), 'target'],
      ["target=x'--", 'target'],
      ['action=Membership', 'action'],
      ['action=membership.', 'action'],
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=1.5', 'page'],
      ['page=deux', 'page'],
      ['page=1&page=2', 'page'],
      ['page=100000', 'page'],
      ['tri=asc', 'tri'],
    ];
    for (const [query, field] of cases) {
      const res = await admin.get(`${path}?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.parameter, field, `${query}: ${JSON.stringify(res.body)}`);
    }
  });

  it('is for the département admins: an agent gets 403, another département’s admin 404', async () => {
    const agent = await clientWithRole(api.owner, api.t.http, tenant, 'agent');
    assert.equal((await agent.get(path)).status, 403);
    const stranger = await clientWithRole(api.owner, api.t.http, api.tenant, 'admin');
    assert.equal((await stranger.get(path)).status, 404);
    assert.equal((await api.t.http.get(path)).status, 401);
  });
});
