// Who may do what with registrations, route by route. Cells that change state each get a fresh
// offer of structure A (with one session) and a fresh registration made by another beneficiary:
// the matrix's beneficiary is never the person of the registration it tries to read or change.
import { signedIn, type AccessCase, type MatrixContext, type MatrixRole } from '../../common/access/access-cases.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { makeOffer } from '../../testing/factories.js';

/** Structure A's members; anyone else sees nothing (404): an agent sees counts, not people. */
const membersOnly = (ok: number): Record<MatrixRole, number> => signedIn(404, { org_admin: ok, org_member: ok });

async function freshOffer(c: MatrixContext, o: { review?: boolean; startsInHours?: number } = {}) {
  const id = await makeOffer(c.owner, c.tenant, c.orgA, {
    access: 'self_registration',
    places: [{ ...c.commune, epci: null }],
    sessions: [
      { startsAt: new Date(Date.now() + (o.startsInHours ?? 72) * 3_600_000), endsAt: null, capacity: 5, booked: 0 },
    ],
  });
  return inTenantTransaction(c.owner, c.tenant.id, async () => {
    if (o.review) await c.owner.query(`UPDATE offer SET seat_allocation = 'review' WHERE id = $1`, [id]);
    const { rows } = await c.owner.query<{ id: string }>(`SELECT id FROM offer_session WHERE offer_id = $1`, [id]);
    return { id, sessionId: rows[0]!.id };
  });
}

/** A registration of a fresh beneficiary: pending (review) or accepted; `started`: its session began. */
async function freshRegistration(c: MatrixContext, o: { review?: boolean; started?: boolean } = {}) {
  const offer = await freshOffer(c, o);
  const person = (await c.freshClient('beneficiary'))!;
  const res = await person.post(`/api/v1/tenants/${c.tenant.slug}/offers/${offer.id}/registrations`, {
    sessionId: offer.sessionId,
  });
  if (res.status !== 201) throw new Error(`registration: ${res.status} ${JSON.stringify(res.body)}`);
  if (o.started)
    await inTenantTransaction(c.owner, c.tenant.id, () =>
      c.owner.query(`UPDATE offer_session SET starts_at = now() - interval '1 hour' WHERE id = $1`, [offer.sessionId]),
    );
  return { ...offer, registrationId: res.body.id as string };
}

const onFresh =
  (action: string, o: { review?: boolean; started?: boolean; attended?: boolean } = {}, body?: object) =>
  async (c: MatrixContext) => {
    const r = await freshRegistration(c, o);
    if (o.attended) {
      const member = (await c.freshClient('org_admin'))!;
      await member.post(`/api/v1/tenants/${c.tenant.slug}/registrations/${r.registrationId}/attendance`, {
        value: 'present',
      });
    }
    return { path: `/tenants/${c.tenant.slug}/registrations/${r.registrationId}${action}`, ...(body ? { body } : {}) };
  };

export const REGISTRATIONS_CASES: AccessCase[] = [
  {
    // Oneself, as a person: anyone without a professional role here (an agent of another département too).
    route: 'POST /tenants/:slug/offers/:offerId/registrations',
    expect: signedIn(403, { beneficiary: 201, other_agent: 201 }),
    request: async (c) => {
      const offer = await freshOffer(c);
      return {
        path: `/tenants/${c.tenant.slug}/offers/${offer.id}/registrations`,
        body: { sessionId: offer.sessionId },
      };
    },
  },
  {
    route: 'GET /tenants/:slug/registrations',
    expect: membersOnly(200),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/registrations?view=inbox&organizationId=${c.orgA}` }),
  },
  {
    route: 'GET /tenants/:slug/registrations/stats',
    expect: signedIn(403, { agent: 200, admin: 200, other_agent: 404, platform_admin: 404 }),
  },
  { route: 'GET /tenants/:slug/registrations/:id', expect: membersOnly(200), request: onFresh('') },
  {
    route: 'POST /tenants/:slug/registrations/:id/accept',
    expect: membersOnly(200),
    request: onFresh('/accept', { review: true }),
  },
  {
    route: 'POST /tenants/:slug/registrations/:id/waitlist',
    expect: membersOnly(200),
    request: onFresh('/waitlist', { review: true }),
  },
  {
    route: 'POST /tenants/:slug/registrations/:id/refuse',
    expect: membersOnly(200),
    request: onFresh('/refuse', { review: true }, { reason: 'full' }),
  },
  {
    route: 'POST /tenants/:slug/registrations/:id/cancel',
    expect: membersOnly(200),
    request: onFresh('/cancel', {}, { reason: 'Session déplacée' }),
  },
  {
    route: 'POST /tenants/:slug/registrations/:id/attendance',
    expect: membersOnly(200),
    request: onFresh('/attendance', { started: true }, { value: 'absent' }),
  },
  {
    route: 'POST /tenants/:slug/registrations/:id/outcome',
    expect: membersOnly(200),
    request: onFresh('/outcome', { started: true, attended: true }, { status: 'completed', outcome: 'employment' }),
  },
  {
    route: 'POST /tenants/:slug/offers/:offerId/sessions/:sessionId/capacity',
    expect: membersOnly(200),
    request: async (c) => {
      const offer = await freshOffer(c);
      return {
        path: `/tenants/${c.tenant.slug}/offers/${offer.id}/sessions/${offer.sessionId}/capacity`,
        body: { capacity: 9 },
      };
    },
  },
  {
    route: 'GET /tenants/:slug/organizations/:id/registration-notifications',
    expect: membersOnly(200),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/organizations/${c.orgA}/registration-notifications` }),
  },
  {
    route: 'PUT /tenants/:slug/organizations/:id/registration-notifications',
    expect: membersOnly(200),
    request: (c) => ({
      path: `/tenants/${c.tenant.slug}/organizations/${c.orgA}/registration-notifications`,
      body: { cancellation: false },
    }),
  },
];
