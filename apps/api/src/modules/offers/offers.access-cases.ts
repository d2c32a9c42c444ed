// Who may do what with offers, route by route. State-changing cells each get a fresh offer of
// structure A in the state the call needs, so cells do not depend on one another's order.
import type { OfferStatus } from '@catalogue/domain';
import { signedIn, type AccessCase, type MatrixContext, type MatrixRole } from '../../common/access/access-cases.js';
import { makeOffer } from '../../testing/factories.js';

/** Structure A's members (201/200), agents refused (403), anyone else sees nothing (404). */
const membersOnly = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { org_admin: ok, org_member: ok, agent: 403, admin: 403 });
/** The tenant's agents; A's members are refused (403), anyone else sees nothing (404). */
const agentsOnly: Record<MatrixRole, number> = signedIn(404, {
  agent: 200,
  admin: 200,
  org_admin: 403,
  org_member: 403,
});
/** A's members and the tenant's agents. */
const membersAndAgents: Record<MatrixRole, number> = signedIn(404, {
  org_admin: 200,
  org_member: 200,
  agent: 200,
  admin: 200,
});
/** Département views: agents; anyone with another role here is refused, strangers see nothing. */
const staffViews: Record<MatrixRole, number> = signedIn(403, {
  agent: 200,
  admin: 200,
  other_agent: 404,
  platform_admin: 404,
});

const freshOffer = (c: MatrixContext, status: OfferStatus) =>
  makeOffer(c.owner, c.tenant, c.orgA, { status, places: [{ ...c.commune, epci: null }] });
const onFresh = (status: OfferStatus, action: string, body?: object) => async (c: MatrixContext) => ({
  path: `/tenants/${c.tenant.slug}/offers/${await freshOffer(c, status)}${action}`,
  ...(body ? { body } : {}),
});

export const OFFERS_CASES: AccessCase[] = [
  // The public sees published offers only (search specs); a draft shows to its structure and the agents.
  {
    route: 'GET /tenants/:slug/offers/:id',
    expect: { ...membersAndAgents, anonymous: 404 },
    request: onFresh('draft', ''),
  },
  {
    route: 'POST /tenants/:slug/offers',
    expect: { ...membersOnly(201) },
    request: (c) => ({
      path: `/tenants/${c.tenant.slug}/offers`,
      body: {
        organization: { id: c.orgA },
        title: 'Atelier matrice',
        themes: ['remobilisation--lien-social'],
        access: 'prescription',
        diffusionZone: { type: 'departement' },
      },
    }),
  },
  {
    route: 'PATCH /tenants/:slug/offers/:id',
    expect: membersOnly(200),
    request: onFresh('draft', '', { title: 'Titre modifié' }),
  },
  { route: 'POST /tenants/:slug/offers/:id/submit', expect: membersOnly(200), request: onFresh('draft', '/submit') },
  {
    route: 'POST /tenants/:slug/offers/:id/request-changes',
    expect: agentsOnly,
    request: onFresh('submitted', '/request-changes', { comment: 'Merci de préciser.' }),
  },
  { route: 'POST /tenants/:slug/offers/:id/publish', expect: agentsOnly, request: onFresh('submitted', '/publish') },
  {
    route: 'POST /tenants/:slug/offers/:id/archive',
    expect: membersAndAgents,
    request: onFresh('published', '/archive'),
  },
  {
    route: 'POST /tenants/:slug/offers/:id/confirm',
    expect: membersOnly(200),
    request: onFresh('published', '/confirm'),
  },
  {
    route: 'GET /tenants/:slug/offers/:id/history',
    expect: membersAndAgents,
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/offers/${c.publishedOffer}/history` }),
  },
  { route: 'GET /tenants/:slug/offers/export.csv', expect: staffViews },
  { route: 'GET /tenants/:slug/moderation/offers', expect: staffViews },
  { route: 'GET /tenants/:slug/dashboard', expect: staffViews },
  {
    route: 'GET /tenants/:slug/organizations/:id/offers',
    expect: membersAndAgents,
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/organizations/${c.orgA}/offers` }),
  },
];
