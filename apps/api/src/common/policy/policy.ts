// The one permission policy: "may this actor do this to this resource". Services ask it first;
// anything not allowed here is refused (default deny). A resource the actor may not even see is
// "hidden" and answers 404 exactly like a missing one.
//
// It is also the only code that knows which role may do what: repositories ask `rolesAllowed`
// (or the role lists below) for their SQL parameters, and the web app reads the capabilities
// derived from here (`capabilitiesOf`, served by GET /me) instead of reading roles.
import type { AccessModeCode } from '@catalogue/contracts';
import type { Actor, ActorMembership } from '../auth/actor.js';

export type Action =
  // platform
  | 'tenant.create'
  // the account itself
  | 'account.delete'
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
  | 'offer.confirm'
  // registrations
  | 'registration.prescribe'
  | 'registration.self'
  | 'registration.read'
  | 'registration.cancel'
  | 'registration.decide'
  | 'registration.stats'
  // the insertion plan and its calls for projects
  | 'plan.edit'
  | 'call.manage'
  | 'call.instructors'
  | 'call.rank'
  | 'application.create'
  | 'application.read'
  | 'application.edit'
  | 'application.complete'
  | 'application.score'
  | 'application.decide'
  | 'agreement.read'
  | 'agreement.manage'
  | 'agreement.sign'
  | 'bilan.read'
  | 'bilan.edit'
  | 'bilan.review'
  | 'bilan.create'
  | 'indicators.read'
  | 'report.edit'
  // interoperability
  | 'offer.import'
  | 'data_inclusion.import'
  | 'api_key.manage';

export type Role = ActorMembership['role'];

/** The département's staff roles (an admin is also an agent in every rule). */
export const DEPARTMENT_ROLES = ['admin', 'agent'] as const satisfies readonly Role[];
export type DepartmentRole = (typeof DEPARTMENT_ROLES)[number];
/** The roles held in a structure. */
export const STRUCTURE_ROLES = ['structure_admin', 'structure_member'] as const satisfies readonly Role[];
/** Professional roles: a département or a structure one (not `beneficiary`). */
export const PROFESSIONAL_ROLES = [...DEPARTMENT_ROLES, ...STRUCTURE_ROLES] as const;
export const ROLES = [...PROFESSIONAL_ROLES, 'beneficiary'] as const satisfies readonly Role[];

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
  /** The offer's access mode (registrations only): a prescription-only offer takes no self-registration. */
  offerAccess?: AccessModeCode;
  /** A registration's person's account, and the referent who made it (registrations only). */
  personUserId?: string | null;
  referentId?: string | null;
  /** The actor is one of the agents the admins assigned to the call (calls and applications only). */
  instructor?: boolean;
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
const holds = (roles: readonly Role[], m: Pick<ActorMembership, 'role'>) => roles.includes(m.role);

export const isAgent = (actor: Actor, tenantId: string) =>
  active(actor, tenantId).some((m) => holds(DEPARTMENT_ROLES, m));
export const isTenantAdmin = (actor: Actor, tenantId: string) =>
  active(actor, tenantId).some((m) => m.role === 'admin');
export const memberRole = (actor: Actor, tenantId: string, organizationId: string | null | undefined) =>
  organizationId ? (active(actor, tenantId).find((m) => m.organizationId === organizationId)?.role ?? null) : null;

/**
 * The memberships that make someone staff in `role`: an admin holds the agent one too, so that
 * taking the admin role away leaves an agent.
 */
export const staffRolesOf = (role: DepartmentRole): DepartmentRole[] =>
  role === 'admin' ? ['admin', 'agent'] : ['agent'];

/** Holds an active département or structure role in this tenant. */
export const isProfessionalIn = (actor: Actor, tenantId: string) =>
  active(actor, tenantId).some((m) => holds(PROFESSIONAL_ROLES, m));

/** Holds one anywhere, or runs the platform (professionals get a shorter idle expiry). */
export const isProfessional = (a: Pick<Actor, 'platformAdmin' | 'memberships'>): boolean =>
  a.platformAdmin || a.memberships.some((m) => m.status === 'active' && holds(PROFESSIONAL_ROLES, m));

/** This membership makes its holder a referent: active, in a validated structure marked as prescriber. */
export const isPrescriberMembership = (m: ActorMembership): boolean =>
  m.prescriber && m.status === 'active' && m.organizationStatus === 'validated' && holds(STRUCTURE_ROLES, m);

/**
 * A referent of the tenant may register someone else on an offer (prescribe): an active member
 * of a validated structure marked as prescriber, or an agent or admin of the département.
 */
export const isReferent = (actor: Actor, tenantId: string): boolean =>
  isAgent(actor, tenantId) || active(actor, tenantId).some(isPrescriberMembership);

/**
 * A beneficiary of the tenant: a signed-in person with no active professional role in it (with or
 * without a `beneficiary` membership). Platform admins run the platform and are not beneficiaries.
 */
export const isBeneficiary = (actor: Actor, tenantId: string): boolean =>
  !actor.platformAdmin && !isProfessionalIn(actor, tenantId);

/** The person of the registration, or the referent who made it. */
const ownRegistration = (actor: Actor, r: Resource): boolean =>
  (!!r.personUserId && r.personUserId === actor.userId) || (!!r.referentId && r.referentId === actor.userId);

const probes = new Map<Action, readonly Role[]>();

/**
 * The roles whose active holders may do `action` (in their structure for structure actions): what
 * a query needs to find, say, who moderates (`m.role = ANY($n::text[])`). Derived from `decide`
 * itself, so that SQL cannot drift from the rules. Roles only: what a structure's prescriber flag
 * adds (referents) is not a role.
 */
export function rolesAllowed(action: Action): readonly Role[] {
  let roles = probes.get(action);
  if (!roles) {
    const resource: Resource = { tenantId: 'probe', organizationId: 'probe', organizationStatus: 'validated' };
    roles = ROLES.filter((role) => {
      const structure = holds(STRUCTURE_ROLES, { role });
      const probe: Actor = {
        userId: 'probe',
        email: '',
        name: '',
        platformAdmin: false,
        sessionId: '',
        csrfToken: '',
        oidcSiret: null,
        memberships: [
          {
            membershipId: 'probe',
            tenantId: 'probe',
            tenantSlug: 'probe',
            tenantName: 'probe',
            role,
            organizationId: structure ? 'probe' : null,
            organizationName: null,
            prescriber: false,
            organizationStatus: structure ? 'validated' : null,
            status: 'active',
          },
        ],
      };
      return decide(probe, action, resource) === 'allow';
    });
    probes.set(action, roles);
  }
  return roles;
}

export function decide(actor: Actor | null | undefined, action: Action, resource: Resource): Decision {
  const decision = decideRole(actor, action, resource);
  if (decision !== 'allow' || !APPROVALS.has(action) || !resource.fourEyes) return decision;
  const own = actor!.userId === resource.createdBy || actor!.userId === resource.lastEditedBy;
  return own ? 'four_eyes' : 'allow';
}

/**
 * What a machine with one of the tenant's API keys may do: read the registration statistics, the
 * exports and the indicators, of its own tenant. Nothing else, whatever the action.
 */
export const MACHINE_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'registration.stats',
  'export.read',
  'indicators.read',
]);

function decideRole(actor: Actor | null | undefined, action: Action, resource: Resource): Decision {
  if (!actor) return 'unauthenticated';
  // Machines first: a key sees nothing of another tenant (404, like a stranger).
  if (actor.apiKey) {
    if (actor.apiKey.tenantId !== resource.tenantId) return 'hidden';
    return MACHINE_ACTIONS.has(action) ? 'allow' : 'forbidden';
  }
  const { tenantId } = resource;
  if (action === 'tenant.create') return actor.platformAdmin ? 'allow' : 'forbidden';
  // Structures and départements count on their professionals' accounts: the role goes first.
  if (action === 'account.delete') return isProfessional(actor) ? 'forbidden' : 'allow';

  const agent = isAgent(actor, tenantId);
  const admin = isTenantAdmin(actor, tenantId);
  const role = memberRole(actor, tenantId, resource.organizationId);
  const member = role !== null && holds(STRUCTURE_ROLES, { role });
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
    case 'offer.import':
    case 'offer.edit':
    case 'offer.submit':
    case 'offer.confirm':
      return member ? (validated ? 'allow' : 'forbidden') : agent ? 'forbidden' : 'hidden';
    case 'offer.archive':
      return member || agent ? 'allow' : 'hidden';
    case 'offer.moderate':
    case 'offer.publish':
      return agent ? 'allow' : member ? 'forbidden' : 'hidden';
    case 'registration.prescribe':
      // The offer is public: refused, not hidden.
      return isReferent(actor, tenantId) ? 'allow' : 'forbidden';
    case 'registration.self':
      return isBeneficiary(actor, tenantId) && resource.offerAccess !== 'prescription' ? 'allow' : 'forbidden';
    // A registration (organizationId: its offer's structure) is the business of the person, the
    // referent who made it and the structure's members. An agent sees aggregate counts only
    // (registration.stats), not a person's registration, unless they prescribed it themselves.
    case 'registration.read':
    case 'registration.cancel': {
      const party = member || ownRegistration(actor, resource);
      return party ? 'allow' : 'hidden';
    }
    case 'registration.decide':
      return member ? 'allow' : ownRegistration(actor, resource) ? 'forbidden' : 'hidden';
    case 'registration.stats':
      return staffOnly(agent);
    case 'plan.edit':
    case 'call.instructors':
      return staffOnly(admin);
    // Drafting, editing, publishing and withdrawing calls, and their own documents.
    case 'call.manage':
      return staffOnly(agent);
    // The ranking and the committee: the admins and the agents assigned to the call.
    case 'call.rank':
      return staffOnly(admin || !!resource.instructor);
    // An application (organizationId: the applicant structure) is the business of its structure's
    // members, the call's assigned agents and the admins; another agent is refused, anyone else
    // does not see it.
    case 'application.create':
    case 'application.edit':
      return member ? (validated ? 'allow' : 'forbidden') : agent ? 'forbidden' : 'hidden';
    case 'application.read':
      return member || admin || resource.instructor ? 'allow' : agent ? 'forbidden' : 'hidden';
    case 'application.complete':
    case 'application.decide':
      return admin || resource.instructor ? 'allow' : agent || member ? 'forbidden' : 'hidden';
    // Scores are personal: only an assigned agent scores (an admin assigns themselves first).
    case 'application.score':
      return resource.instructor ? 'allow' : agent || member ? 'forbidden' : 'hidden';
    case 'agreement.read':
      return agent || member ? 'allow' : 'hidden';
    case 'agreement.manage':
      return agent ? 'allow' : member ? 'forbidden' : 'hidden';
    // The signed agreement comes back from the structure: its members or an agent upload it.
    case 'agreement.sign':
      return agent || member ? 'allow' : 'hidden';
    // A bilan (organizationId: the funded structure) is filed by its structure's members and
    // reviewed by the département's agents; anyone else does not see it.
    case 'bilan.read':
      return agent || member ? 'allow' : 'hidden';
    case 'bilan.edit':
      return member ? 'allow' : agent ? 'forbidden' : 'hidden';
    case 'bilan.review':
      return agent ? 'allow' : member ? 'forbidden' : 'hidden';
    // Asking for a bilan outside the agreements' schedule (any funded offer).
    case 'bilan.create':
      return staffOnly(agent);
    // Indicators, the coverage map and the execution report: the département's staff.
    case 'indicators.read':
    case 'report.edit':
      return staffOnly(agent);
    // Loading a data·inclusion file and the tenant's API keys: the département's admins.
    case 'data_inclusion.import':
    case 'api_key.manage':
      return staffOnly(admin);
  }
}
