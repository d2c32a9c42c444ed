// The one permission policy: "may this actor do this to this resource". Services ask it first;
// anything not allowed here is refused (default deny). A resource the actor may not even see is
// "hidden" and answers 404 exactly like a missing one.
import type { Actor, ActorMembership } from '../auth/actor.js';

export type Action =
  // platform
  | 'tenant.create'
  // département
  | 'tenant.settings'
  | 'tenant.staff.manage'
  | 'audit.read'
  | 'dashboard.read'
  | 'moderation.read'
  | 'export.read'
  | 'organization.list'
  | 'organization.validate'
  | 'organization.reject'
  | 'organization.change.accept'
  | 'organization.change.refuse'
  // structures
  | 'organization.create'
  | 'organization.join'
  | 'organization.read'
  | 'organization.edit'
  | 'organization.members.manage'
  | 'organization.change.withdraw'
  // offers
  | 'offer.create'
  | 'offer.read'
  | 'offer.edit'
  | 'offer.submit'
  | 'offer.moderate'
  | 'offer.publish'
  | 'offer.archive'
  | 'offer.confirm';

/** What the policy needs to know about the target. */
export interface Resource {
  tenantId: string;
  organizationId?: string | null;
  organizationStatus?: 'pending' | 'validated' | 'rejected';
  /** The tenant's « double validation » setting (approvals only). */
  fourEyes?: boolean;
  /** Who created, and who last edited, what is being approved (approvals only). */
  createdBy?: string | null;
  lastEditedBy?: string | null;
}

/** `four_eyes`: allowed, but not to the person who created or last edited it (another agent must). */
export type Decision = 'allow' | 'forbidden' | 'hidden' | 'unauthenticated' | 'four_eyes';

/** Approvals: what makes something public or official. Under four eyes, never one's own work. */
const APPROVALS: ReadonlySet<Action> = new Set<Action>([
  'organization.validate',
  'organization.change.accept',
  'offer.publish',
]);

const active = (actor: Actor, tenantId: string): ActorMembership[] =>
  actor.memberships.filter((m) => m.status === 'active' && m.tenantId === tenantId);

export const isAgent = (actor: Actor, tenantId: string) =>
  active(actor, tenantId).some((m) => m.role === 'agent' || m.role === 'admin');
export const isTenantAdmin = (actor: Actor, tenantId: string) =>
  active(actor, tenantId).some((m) => m.role === 'admin');
export const memberRole = (actor: Actor, tenantId: string, organizationId: string | null | undefined) =>
  organizationId ? (active(actor, tenantId).find((m) => m.organizationId === organizationId)?.role ?? null) : null;

export function decide(actor: Actor | null | undefined, action: Action, resource: Resource): Decision {
  const decision = decideRole(actor, action, resource);
  if (decision !== 'allow' || !APPROVALS.has(action) || !resource.fourEyes) return decision;
  const own = actor!.userId === resource.createdBy || actor!.userId === resource.lastEditedBy;
  return own ? 'four_eyes' : 'allow';
}

function decideRole(actor: Actor | null | undefined, action: Action, resource: Resource): Decision {
  if (!actor) return 'unauthenticated';
  const { tenantId } = resource;
  if (action === 'tenant.create') return actor.platformAdmin ? 'allow' : 'forbidden';

  const agent = isAgent(actor, tenantId);
  const admin = isTenantAdmin(actor, tenantId);
  const role = memberRole(actor, tenantId, resource.organizationId);
  const member = role === 'structure_admin' || role === 'structure_member';
  const validated = resource.organizationStatus === undefined || resource.organizationStatus === 'validated';
  // Someone with no role in this tenant sees none of its back office: 404, like another tenant's object.
  const staffOnly = (allowed: boolean): Decision =>
    allowed ? 'allow' : agent || active(actor, tenantId).length ? 'forbidden' : 'hidden';

  switch (action) {
    case 'tenant.settings':
    case 'tenant.staff.manage':
    case 'audit.read':
      return staffOnly(admin);
    case 'dashboard.read':
    case 'moderation.read':
    case 'export.read':
    case 'organization.list':
      return staffOnly(agent);
    case 'organization.validate':
    case 'organization.reject':
    case 'organization.change.accept':
    case 'organization.change.refuse':
      // A structure admin may read its structure, so it is refused rather than hidden.
      return staffOnly(agent);
    case 'organization.create':
    case 'organization.join':
      return 'allow';
    case 'organization.read':
      return agent || member ? 'allow' : 'hidden';
    case 'organization.edit':
      return agent || role === 'structure_admin' ? 'allow' : member ? 'forbidden' : 'hidden';
    case 'organization.members.manage':
    case 'organization.change.withdraw':
      return role === 'structure_admin' ? 'allow' : agent || member ? 'forbidden' : 'hidden';
    case 'offer.read':
      return agent || member ? 'allow' : 'hidden';
    case 'offer.create':
    case 'offer.edit':
    case 'offer.submit':
    case 'offer.confirm':
      return member ? (validated ? 'allow' : 'forbidden') : agent ? 'forbidden' : 'hidden';
    case 'offer.archive':
      return member || agent ? 'allow' : 'hidden';
    case 'offer.moderate':
    case 'offer.publish':
      return agent ? 'allow' : member ? 'forbidden' : 'hidden';
  }
}
