// Shared set-up of the registrations' tests: a tenant with a structure offering sessions, its
// members, a prescriber structure and its referent, agents, and beneficiaries signed in.
import type pg from 'pg';
import { clientWithRole, makeUser, signedIn, type SignedInClient } from '../../testing/accounts.js';
import { communesOf, makeOffer, makeOrganization, type CommunePoint } from '../../testing/factories.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import type { ApiTest } from '../../testing/test-app.js';
import type { TestTenant } from '../../testing/test-database.js';

export interface RegistrationsWorld {
  tenant: TestTenant;
  communes: CommunePoint[];
  /** The structure offering actions, and its members. */
  org: string;
  member: SignedInClient;
  colleague: SignedInClient;
  /** A prescriber structure's member (a referent), and an agent. */
  prescriberOrg: string;
  referent: SignedInClient;
  agent: SignedInClient;
  base: string;
  /** A new signed-in person without any role here. */
  beneficiary: (name?: string) => Promise<SignedInClient>;
  /** A published offer of `org` with one session per capacity (starting in `days` days). */
  offer: (o?: {
    capacities?: number[];
    days?: number;
    seatAllocation?: 'automatic' | 'review';
    access?: 'self_registration' | 'prescription' | 'open';
    cutoffHours?: number;
  }) => Promise<{ id: string; sessions: string[] }>;
}

export async function registrationsWorld(api: ApiTest, tenant: TestTenant = api.tenant): Promise<RegistrationsWorld> {
  const { owner, t } = api;
  const communes = await communesOf(owner, tenant);
  const org = await makeOrganization(owner, tenant);
  const prescriberOrg = await makeOrganization(owner, tenant);
  await inTenantTransaction(owner, tenant.id, () =>
    owner.query(`UPDATE organization SET prescriber = true WHERE tenant_id = $1 AND id = $2`, [
      tenant.id,
      prescriberOrg,
    ]),
  );
  let n = 0;
  return {
    tenant,
    communes,
    org,
    prescriberOrg,
    member: await clientWithRole(owner, t.http, tenant, 'structure_admin', org),
    colleague: await clientWithRole(owner, t.http, tenant, 'structure_member', org),
    referent: await clientWithRole(owner, t.http, tenant, 'structure_member', prescriberOrg),
    agent: await clientWithRole(owner, t.http, tenant, 'agent'),
    base: `/api/v1/tenants/${tenant.slug}`,
    beneficiary: async (name = `Camille Bénéficiaire${++n}`) =>
      signedIn(owner, t.http, await makeUser(owner, { name })),
    offer: async (o = {}) => {
      const days = o.days ?? 7;
      const id = await makeOffer(owner, tenant, org, {
        access: o.access ?? 'self_registration',
        places: [communes[0]!],
        sessions: (o.capacities ?? [10]).map((capacity, i) => ({
          startsAt: new Date(Date.now() + days * 86_400_000 + i * 3_600_000),
          endsAt: null,
          capacity,
          booked: 0,
        })),
      });
      await inTenantTransaction(owner, tenant.id, () =>
        owner.query(
          `UPDATE offer SET seat_allocation = $3, cancellation_cutoff_hours = $4 WHERE tenant_id = $1 AND id = $2`,
          [tenant.id, id, o.seatAllocation ?? 'automatic', o.cutoffHours ?? 24],
        ),
      );
      const sessions = await inTenantTransaction(owner, tenant.id, async () =>
        (
          await owner.query<{ id: string }>(`SELECT id FROM offer_session WHERE offer_id = $1 ORDER BY starts_at`, [id])
        ).rows.map((r) => r.id),
      );
      return { id, sessions };
    },
  };
}

/** A valid person for a prescription. */
export function personBody(w: RegistrationsWorld, o: Partial<Record<string, unknown>> = {}) {
  return {
    firstName: 'Dominique',
    lastName: 'Lefèvre',
    email: `dominique-${Math.random().toString(36).slice(2, 8)}@exemple.fr`,
    communeInsee: w.communes[0]!.insee,
    situation: 'rsa',
    ageBand: '26-44',
    sex: 'unspecified',
    ...o,
  };
}

export const consent = { obtained: true, how: 'oral' } as const;

/** A session's counters as stored. */
export async function seats(owner: pg.Client, tenantId: string, sessionId: string) {
  return inTenantTransaction(owner, tenantId, async () => {
    const { rows } = await owner.query<{ booked: number; waitlisted: number; capacity: number }>(
      `SELECT booked, waitlisted, capacity FROM offer_session WHERE id = $1`,
      [sessionId],
    );
    return rows[0]!;
  });
}

/** Moves a session into the past (it started `hoursAgo` hours ago). */
export async function startSession(owner: pg.Client, tenantId: string, sessionId: string, hoursAgo = 1) {
  await inTenantTransaction(owner, tenantId, () =>
    owner.query(`UPDATE offer_session SET starts_at = now() - make_interval(hours => $2) WHERE id = $1`, [
      sessionId,
      hoursAgo,
    ]),
  );
}
