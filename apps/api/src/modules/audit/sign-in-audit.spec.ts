// Sign-ins reach the audit log of each département where the person holds a role, and only those.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { addMembership, clientWithRole, makeUser } from '../../testing/accounts.js';
import { hashPassword } from '../auth/password.js';

describe('sign-ins in the audit log', () => {
  let api: ApiTest;
  let other: TestTenant;

  before(async () => {
    api = await startApiTest();
    other = await createTenant(api.owner);
  });
  after(() => api.close());

  it("shows an agent's sign-in to the admins of the agent's département, not to another département", async () => {
    const password = 'un-mot-de-passe-solide';
    const agent = await makeUser(api.owner, { passwordHash: await hashPassword(password) });
    await addMembership(api.owner, api.tenant, agent.id, 'agent');
    await api.t.http.post('/api/v1/auth/login').send({ email: agent.email, password }).expect(200);

    const admin = await clientWithRole(api.owner, api.t.http, api.tenant, 'admin');
    const lines = (await admin.get(`/api/v1/tenants/${api.tenant.slug}/audit?target=${agent.id}`).expect(200))
      .body as AuditEntry[];
    assert.deepEqual(
      lines.map((l) => [l.action, l.actor.email]),
      [['auth.login', agent.email]],
    );

    const otherAdmin = await clientWithRole(api.owner, api.t.http, other, 'admin');
    assert.deepEqual(
      (await otherAdmin.get(`/api/v1/tenants/${other.slug}/audit?target=${agent.id}`).expect(200)).body,
      [],
    );
  });
});
