// The audit line of a state change names the request that made it: the X-Request-Id its response
// carried (the client's own when well-formed, as a reverse proxy sends it), in the table and in the
// audit log's API; none for a line written outside a request.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { addMembership, clientWithRole, makeUser } from '../../testing/accounts.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { hashPassword } from '../auth/password.js';
import { uniqueIp } from '../auth/auth.test-helpers.js';

describe('request id in the audit log', () => {
  let api: ApiTest;
  before(async () => {
    api = await startApiTest();
  });
  after(() => api.close());

  it("keeps a well-formed incoming id and writes it in the audit line of the request's sign-in", async () => {
    const password = 'un-mot-de-passe-solide';
    const agent = await makeUser(api.owner, { passwordHash: await hashPassword(password) });
    await addMembership(api.owner, api.tenant, agent.id, 'agent');
    const requestId = `proxy-${Date.now()}.abc_DEF`;
    const res = await api.t.http
      .post('/api/v1/auth/login')
      .set('X-Request-Id', requestId)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: agent.email, password })
      .expect(200);
    assert.equal(res.headers['x-request-id'], requestId);

    const { rows } = await inTenantTransaction(api.owner, api.tenant.id, () =>
      api.owner.query<{ request_id: string | null }>(
        `SELECT request_id FROM audit_log WHERE tenant_id = $1 AND target_id = $2 AND action = 'auth.login'`,
        [api.tenant.id, agent.id],
      ),
    );
    assert.deepEqual(
      rows.map((r) => r.request_id),
      [requestId],
    );
    // And in the audit log's API, where the département's admins read it.
    const admin = await clientWithRole(api.owner, api.t.http, api.tenant, 'admin');
    const lines = (await admin.get(`/api/v1/tenants/${api.tenant.slug}/audit?target=${agent.id}`).expect(200))
      .body as AuditEntry[];
    assert.deepEqual(
      lines.map((l) => [l.action, l.requestId]),
      [['auth.login', requestId]],
    );
  });

  it('writes no request id for a line written outside any request (a job)', async () => {
    const target = `job-${Date.now()}`;
    await inTenantTransaction(api.owner, api.tenant.id, () =>
      new AuditLog().record(api.owner, {
        tenantId: api.tenant.id,
        actor: null,
        action: 'test.job',
        targetId: target,
        summary: 'Tâche',
      }),
    );
    const { rows } = await inTenantTransaction(api.owner, api.tenant.id, () =>
      api.owner.query<{ request_id: string | null }>(`SELECT request_id FROM audit_log WHERE target_id = $1`, [target]),
    );
    assert.deepEqual(rows, [{ request_id: null }]);
  });
});
