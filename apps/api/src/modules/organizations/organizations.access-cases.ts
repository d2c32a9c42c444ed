// Who may do what to structures and their members. Structure A (orgA) is the "own" structure of
// org_admin and org_member; other_org administers B. Cells that change state build their own data.
import { randomUUID } from 'node:crypto';
import { signedIn, type AccessCase, type MatrixContext, type MatrixRole } from '../../common/access/access-cases.js';
import { hashToken, newToken } from '../../common/auth/session-cookie.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { addMembership, makeUser } from '../../testing/accounts.js';
import { freshSiret, makeOrganization } from '../../testing/factories.js';

const base = (c: MatrixContext) => `/tenants/${c.tenant.slug}/organizations`;

/** Agents of the tenant only; other tenants' agents and outsiders do not see it (404), the tenant's other people are refused (403). */
const agentsOnly = signedIn(403, { agent: 200, admin: 200, other_agent: 404, platform_admin: 404 });
/** The structure's members and the tenant's agents; nobody else sees it. */
const membersAndAgents = (ok: number) => signedIn(404, { org_admin: ok, org_member: ok, agent: ok, admin: ok });
/** The structure's admins act; its members and the agents see it but are refused. */
const structureAdmins = (ok: number) => signedIn(404, { org_admin: ok, org_member: 403, agent: 403, admin: 403 });

const pendingOrg = (c: MatrixContext) =>
  makeOrganization(c.owner, c.tenant, { status: 'pending', siret: freshSiret() });

/** A new person's membership of A, in the given state. */
async function memberOfA(c: MatrixContext, status: 'active' | 'pending'): Promise<string> {
  const u = await makeUser(c.owner);
  return addMembership(c.owner, c.tenant, u.id, 'structure_member', c.orgA, status);
}

async function invitation(
  c: MatrixContext,
  organizationId: string,
  email: string,
): Promise<{ id: string; token: string }> {
  const token = newToken();
  const id = await inTenantTransaction(c.owner, c.tenant.id, async () => {
    const { rows } = await c.owner.query<{ id: string }>(
      `INSERT INTO invitation (tenant_id, organization_id, email, role, token_hash, expires_at)
       VALUES ($1, $2, $3, 'structure_member', $4, now() + interval '7 days') RETURNING id`,
      [c.tenant.id, organizationId, email, hashToken(token)],
    );
    return rows[0]!.id;
  });
  return { id, token };
}

/** A fresh pending identity change of A (the one before it, if any, is dropped: one pending at a time). */
async function pendingChangeOfA(c: MatrixContext): Promise<string> {
  return inTenantTransaction(c.owner, c.tenant.id, async () => {
    await c.owner.query(`DELETE FROM organization_change WHERE organization_id = $1 AND status = 'pending'`, [c.orgA]);
    const { rows } = await c.owner.query<{ id: string }>(
      `INSERT INTO organization_change (tenant_id, organization_id, proposed, previous) VALUES ($1, $2, '{"name": "Nom proposé"}', '{}') RETURNING id`,
      [c.tenant.id, c.orgA],
    );
    return rows[0]!.id;
  });
}

const organizationBody = (c: MatrixContext) => ({
  siret: freshSiret(),
  name: `Nouvelle structure ${randomUUID().slice(0, 6)}`,
  kind: 'association',
  address: '2 rue du Port',
  communeInsee: c.commune.insee,
});

/** Calls that give the caller a role in the tenant use a fresh user, so the role's usual client keeps its grants. */
const fresh = async (c: MatrixContext, role: MatrixRole) => (role === 'anonymous' ? null : c.freshClient(role));

export const ORGANIZATION_CASES: AccessCase[] = [
  {
    route: 'POST /tenants/:slug/organizations',
    expect: signedIn(201),
    request: async (c, role) => ({ path: base(c), body: organizationBody(c), as: await fresh(c, role) }),
  },
  { route: 'GET /tenants/:slug/organizations', expect: agentsOnly },
  { route: 'GET /tenants/:slug/organizations/export.csv', expect: agentsOnly },
  {
    route: 'GET /tenants/:slug/organizations/by-siret/:siret',
    expect: signedIn(200),
    request: async (c) => {
      const siret = freshSiret();
      await makeOrganization(c.owner, c.tenant, { siret });
      return { path: `${base(c)}/by-siret/${siret}` };
    },
  },
  {
    route: 'GET /tenants/:slug/organizations/:id/back-office',
    expect: membersAndAgents(200),
    request: (c) => ({ path: `${base(c)}/${c.orgA}/back-office` }),
  },
  {
    route: 'PATCH /tenants/:slug/organizations/:id',
    expect: signedIn(404, { org_admin: 200, org_member: 403, agent: 200, admin: 200 }),
    request: (c) => ({ path: `${base(c)}/${c.orgA}`, body: { phone: '04 75 00 00 00' } }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/validate',
    expect: signedIn(404, { agent: 200, admin: 200 }),
    request: async (c) => ({ path: `${base(c)}/${await pendingOrg(c)}/validate` }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/reject',
    expect: signedIn(404, { agent: 200, admin: 200 }),
    request: async (c) => ({
      path: `${base(c)}/${await pendingOrg(c)}/reject`,
      body: { reason: 'Hors du champ de l’insertion' },
    }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/identity-changes/:changeId/accept',
    expect: signedIn(404, { agent: 200, admin: 200, org_admin: 403, org_member: 403 }),
    request: async (c) => ({ path: `${base(c)}/${c.orgA}/identity-changes/${await pendingChangeOfA(c)}/accept` }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/identity-changes/:changeId/refuse',
    expect: signedIn(404, { agent: 200, admin: 200, org_admin: 403, org_member: 403 }),
    request: async (c) => ({
      path: `${base(c)}/${c.orgA}/identity-changes/${await pendingChangeOfA(c)}/refuse`,
      body: { reason: 'Nom sans rapport' },
    }),
  },
  {
    route: 'DELETE /tenants/:slug/organizations/:id/identity-changes/:changeId',
    expect: structureAdmins(204),
    request: async (c) => ({ path: `${base(c)}/${c.orgA}/identity-changes/${await pendingChangeOfA(c)}` }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/join',
    expect: signedIn(201),
    request: async (c, role) => ({
      path: `${base(c)}/${await makeOrganization(c.owner, c.tenant)}/join`,
      body: { message: 'Bonjour' },
      as: await fresh(c, role),
    }),
  },
  {
    route: 'GET /tenants/:slug/organizations/:id/members',
    expect: membersAndAgents(200),
    request: (c) => ({ path: `${base(c)}/${c.orgA}/members` }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/members/:membershipId/accept',
    expect: structureAdmins(200),
    request: async (c) => ({ path: `${base(c)}/${c.orgA}/members/${await memberOfA(c, 'pending')}/accept` }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/members/:membershipId/refuse',
    expect: structureAdmins(200),
    request: async (c) => ({ path: `${base(c)}/${c.orgA}/members/${await memberOfA(c, 'pending')}/refuse` }),
  },
  {
    route: 'PATCH /tenants/:slug/organizations/:id/members/:membershipId',
    expect: structureAdmins(200),
    request: async (c) => ({
      path: `${base(c)}/${c.orgA}/members/${await memberOfA(c, 'active')}`,
      body: { role: 'structure_admin' },
    }),
  },
  {
    route: 'DELETE /tenants/:slug/organizations/:id/members/:membershipId',
    expect: structureAdmins(204),
    request: async (c) => ({ path: `${base(c)}/${c.orgA}/members/${await memberOfA(c, 'active')}` }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/invitations',
    expect: structureAdmins(201),
    request: (c) => ({
      path: `${base(c)}/${c.orgA}/invitations`,
      body: { email: `invite-${randomUUID().slice(0, 8)}@test.local`, role: 'structure_member' },
    }),
  },
  {
    route: 'DELETE /tenants/:slug/organizations/:id/invitations/:invitationId',
    expect: structureAdmins(204),
    request: async (c) => ({
      path: `${base(c)}/${c.orgA}/invitations/${(await invitation(c, c.orgA, `invite-${randomUUID().slice(0, 8)}@test.local`)).id}`,
    }),
  },
  {
    // Whoever holds an invitation to their own address may accept it.
    route: 'POST /tenants/:slug/invitations/accept',
    expect: signedIn(200),
    request: async (c, role) => {
      const as = await fresh(c, role);
      const { token } = await invitation(
        c,
        await makeOrganization(c.owner, c.tenant),
        as?.user.email ?? `personne-${randomUUID().slice(0, 8)}@test.local`,
      );
      return { path: `/tenants/${c.tenant.slug}/invitations/accept`, body: { token }, as };
    },
  },
];
