import { everyone, type AccessCase, type MatrixContext } from '../../common/access/access-cases.js';
import { addMembership, makeUser } from '../../testing/accounts.js';
import { ADMIN_ONLY } from '../audit/audit.access-cases.js';
import { freeDepartementCode, staffEmail } from './platform.test-helpers.js';

/** A new agent of the matrix tenant: what each role's DELETE aims at (refused or removed). */
async function freshAgentMembership(c: MatrixContext): Promise<string> {
  const user = await makeUser(c.owner);
  return addMembership(c.owner, c.tenant, user.id, 'agent');
}

export const PLATFORM_CASES: AccessCase[] = [
  {
    route: 'POST /tenants',
    expect: { ...everyone(403), anonymous: 401, platform_admin: 201 },
    request: async (c) => ({
      path: '/tenants',
      body: { code: await freeDepartementCode(c.owner), admins: [staffEmail('premier-admin')] },
    }),
  },
  { route: 'GET /tenants/:slug/staff', expect: ADMIN_ONLY },
  {
    route: 'POST /tenants/:slug/staff',
    expect: { ...ADMIN_ONLY, admin: 201 },
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/staff`, body: { email: staffEmail(), role: 'agent' } }),
  },
  {
    route: 'DELETE /tenants/:slug/staff/people/:userId',
    expect: { ...ADMIN_ONLY, admin: 204 },
    request: async (c) => {
      const user = await makeUser(c.owner);
      await addMembership(c.owner, c.tenant, user.id, 'agent');
      return { path: `/tenants/${c.tenant.slug}/staff/people/${user.id}` };
    },
  },
  {
    route: 'DELETE /tenants/:slug/staff/:membershipId',
    expect: { ...ADMIN_ONLY, admin: 204 },
    request: async (c) => ({ path: `/tenants/${c.tenant.slug}/staff/${await freshAgentMembership(c)}` }),
  },
  { route: 'GET /tenants/:slug/settings', expect: ADMIN_ONLY },
  // The default value: other cases of the matrix tenant see no change.
  {
    route: 'PATCH /tenants/:slug/settings',
    expect: ADMIN_ONLY,
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/settings`, body: { moderation: 'before', fourEyes: false } }),
  },
];
