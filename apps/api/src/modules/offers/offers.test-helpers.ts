// Shared set-up of the offers' back-office tests: a tenant with two structures, their members,
// agents, and a valid offer body; emails and audit lines read through the owner connection.
import type pg from 'pg';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { communesOf, makeOrganization, type CommunePoint } from '../../testing/factories.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import type { ApiTest } from '../../testing/test-app.js';
import type { TestTenant } from '../../testing/test-database.js';

export interface OffersWorld {
  tenant: TestTenant;
  communes: CommunePoint[];
  orgA: string;
  orgB: string;
  member: SignedInClient;
  colleague: SignedInClient;
  memberB: SignedInClient;
  agent: SignedInClient;
  base: string;
}

export async function offersWorld(api: ApiTest, tenant: TestTenant = api.tenant): Promise<OffersWorld> {
  const { owner, t } = api;
  const communes = await communesOf(owner, tenant);
  const orgA = await makeOrganization(owner, tenant);
  const orgB = await makeOrganization(owner, tenant);
  return {
    tenant,
    communes,
    orgA,
    orgB,
    member: await clientWithRole(owner, t.http, tenant, 'structure_admin', orgA),
    colleague: await clientWithRole(owner, t.http, tenant, 'structure_member', orgA),
    memberB: await clientWithRole(owner, t.http, tenant, 'structure_admin', orgB),
    agent: await clientWithRole(owner, t.http, tenant, 'agent'),
    base: `/api/v1/tenants/${tenant.slug}`,
  };
}

/** A complete, valid creation body for structure `orgId`. */
export function offerBody(w: OffersWorld, o: { title?: string; orgId?: string } = {}) {
  const [c0, c1] = w.communes;
  return {
    organization: { id: o.orgId ?? w.orgA },
    title: o.title ?? `Atelier ${Math.random().toString(36).slice(2, 8)}`,
    summary: 'Remettre le pied à l’étrier',
    description: 'Un atelier collectif chaque semaine.',
    themes: ['remobilisation--lien-social'],
    audiences: ['beneficiaires-des-minimas-sociaux'],
    serviceTypes: ['accompagnement'],
    cost: 'gratuit',
    modes: ['en-presentiel'],
    access: 'prescription',
    mobilisationModes: ['telephoner'],
    places: [
      {
        label: 'Maison des solidarités',
        address: '1 rue de la Gare',
        communeInsee: c0!.insee,
        lat: c0!.lat,
        lng: c0!.lng,
      },
    ],
    diffusionZone: { type: 'communes', areas: [{ code: c0!.insee }, { code: c1!.insee }] },
    contact: { name: 'Camille', email: 'contact@exemple.fr', phone: '04 75 00 00 00' },
    funding: ['pdi'],
    sessions: [{ startsAt: new Date(Date.now() + 7 * 86400_000).toISOString(), endsAt: null, capacity: 12 }],
    updateFrequencyMonths: 6,
  };
}

/** Emails queued for this address (the test app's outbox worker is off). */
export async function emailsTo(owner: pg.Client, email: string): Promise<{ subject: string; text_body: string }[]> {
  const { rows } = await owner.query<{ subject: string; text_body: string }>(
    `SELECT subject, text_body FROM email_outbox WHERE to_address = $1 ORDER BY created_at`,
    [email],
  );
  return rows;
}

export async function auditActions(owner: pg.Client, tenantId: string, targetId: string): Promise<string[]> {
  return inTenantTransaction(owner, tenantId, async () => {
    const { rows } = await owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND target_id = $2 ORDER BY id`,
      [tenantId, targetId],
    );
    return rows.map((r) => r.action);
  });
}
