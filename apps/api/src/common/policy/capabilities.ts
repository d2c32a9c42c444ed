// What GET /me tells the web app the person may do: each capability is one policy action,
// decided by `decide`, so the web app shows exactly what the API will allow.
import type { MeCapabilities, MeTenant, StructureCapabilities, TenantCapabilities } from '@catalogue/contracts';
import type { Actor } from '../auth/actor.js';
import { decide, type Action } from './policy.js';

/** Asked without a structure: true when allowed whatever the structure. */
const TENANT: Record<keyof TenantCapabilities, Action> = {
  moderateOffers: 'offer.moderate',
  reviewStructures: 'organization.validate',
  editStructures: 'organization.edit',
  readDashboard: 'dashboard.read',
  exportCsv: 'export.read',
  manageSettings: 'tenant.settings',
  manageStaff: 'tenant.staff.manage',
  readAudit: 'audit.read',
  prescribe: 'registration.prescribe',
  registerSelf: 'registration.self',
  editPlan: 'plan.edit',
  manageCalls: 'call.manage',
  assignInstructors: 'call.instructors',
  manageAgreements: 'agreement.manage',
  reviewBilans: 'bilan.review',
  readIndicators: 'indicators.read',
  editReport: 'report.edit',
  importDataInclusion: 'data_inclusion.import',
  manageApiKeys: 'api_key.manage',
};

const STRUCTURE: Record<keyof StructureCapabilities, Action> = {
  editStructure: 'organization.edit',
  manageMembers: 'organization.members.manage',
  withdrawChange: 'organization.change.withdraw',
  readOffers: 'offer.read',
  editOffers: 'offer.edit',
  manageRegistrations: 'registration.decide',
  applyToCalls: 'application.create',
  fileBilans: 'bilan.edit',
  importOffers: 'offer.import',
};

function ask<K extends string>(actions: Record<K, Action>, allowed: (action: Action) => boolean): Record<K, boolean> {
  return Object.fromEntries(Object.entries<Action>(actions).map(([k, action]) => [k, allowed(action)])) as Record<
    K,
    boolean
  >;
}

const tenantCapabilities = (actor: Actor, tenantId: string): TenantCapabilities =>
  ask(TENANT, (action) => decide(actor, action, { tenantId }) === 'allow');

/** One entry per tenant where the person holds an active membership (a beneficiary's included). */
function tenantsOf(actor: Actor): MeTenant[] {
  const tenants = new Map<string, MeTenant>();
  for (const m of actor.memberships) {
    if (m.status !== 'active') continue;
    let t = tenants.get(m.tenantId);
    if (!t) {
      t = {
        tenant: m.tenantSlug,
        tenantName: m.tenantName,
        capabilities: tenantCapabilities(actor, m.tenantId),
        structures: [],
      };
      tenants.set(m.tenantId, t);
    }
    if (m.organizationId && !t.structures.some((s) => s.organizationId === m.organizationId)) {
      const resource = {
        tenantId: m.tenantId,
        organizationId: m.organizationId,
        organizationStatus: m.organizationStatus ?? undefined,
      };
      t.structures.push({
        organizationId: m.organizationId,
        capabilities: ask(STRUCTURE, (action) => decide(actor, action, resource) === 'allow'),
      });
    }
  }
  return [...tenants.values()];
}

/** Everything the person may do, as GET /me tells it. */
export function capabilitiesOf(actor: Actor): MeCapabilities {
  return {
    tenants: tenantsOf(actor),
    // No membership has an empty tenant id: this asks about a tenant where the person has no role.
    otherTenants: tenantCapabilities(actor, ''),
    platform: { createTenants: decide(actor, 'tenant.create', { tenantId: '' }) === 'allow' },
    account: { deleteAccount: decide(actor, 'account.delete', { tenantId: '' }) === 'allow' },
  };
}
