// Shapes of the back-office API (accounts, structures, offers' lifecycle, moderation, audit),
// shared by the API and the web app.
import type { MeCapabilities } from './capabilities.js';
import type {
  AccessModeCode,
  OfferContact,
  OfferDetail,
  OfferPlace,
  OfferSession,
  OrganizationDetail,
  ZoneTypeCode,
} from './catalogue.js';

/** A role held in a département. `referent` is derived: a member of a structure marked as prescriber. */
export type MembershipRole = 'admin' | 'agent' | 'structure_admin' | 'structure_member' | 'referent' | 'beneficiary';
export type MembershipStatus = 'pending' | 'active' | 'refused';

export interface MeMembership {
  /** The tenant's slug. */
  tenant: string;
  tenantName: string;
  role: MembershipRole;
  organizationId?: string;
  organizationName?: string;
  /** Only active memberships give rights; pending ones are access requests waiting for an answer. */
  status: MembershipStatus;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  platformAdmin: boolean;
  /** Roles, to show them; what the person may do is in `capabilities`. */
  memberships: MeMembership[];
  /** What the API's policy allows the person, per département. */
  capabilities: MeCapabilities;
  /** Send it back in the `X-CSRF-Token` header of every state-changing request. */
  csrfToken: string;
  /** SIRET given by the single sign-on provider: suggests the structure to join. */
  suggestedSiret: string | null;
}

export const AUTH_LIMITS = {
  passwordMinLength: 12,
  passwordMaxLength: 256,
  nameMaxLength: 120,
  /** Failed sign-ins per account in the window before 429. */
  loginFailuresPerAccount: 10,
  loginFailuresPerIp: 50,
  loginWindowMinutes: 15,
  resetTokenMinutes: 60,
  magicLinkMinutes: 15,
  verifyEmailHours: 48,
  invitationDays: 7,
  professionalIdleHours: 8,
  beneficiaryIdleHours: 24 * 7,
} as const;

/** The reason an agent gives when refusing a structure or its identity change (sent to its people). */
export const REFUSAL_REASON_LIMITS = { min: 3, max: 1000 } as const;

/**
 * How long the API keeps what it stores about people, beyond AUTH_LIMITS: the personal-data page
 * states these, and apps/api/src/web/retention.spec.ts checks them against what the API does.
 */
export const RETENTION = {
  /** A session ends this long after it opened, even in use. */
  sessionMaxDays: 30,
  /** An expired single-use link is deleted this long after it expired. */
  expiredLinkDays: 1,
  /** The link a new agent or administrator of a département gets to choose a password. */
  welcomeLinkDays: 7,
  /** Window of the counters of emails asked per address and per IP (sign-up, reset, sign-in link). */
  emailRequestWindowMinutes: 60,
  /** A reset or sign-in link request waits (address and IP) until handled, seconds after the answer; never longer than this. */
  pendingEmailRequestMaxMinutes: 60,
  /**
   * A registered person's identity and contact are anonymised this many months after their last
   * activity, once none of their registrations is still active (each département may set its own
   * delay: TenantSettings.personalDataRetentionMonths; this is the default).
   */
  registrationPersonDefaultMonths: 24,
} as const;

export interface EmailRequest {
  email: string;
}
export interface LoginRequest extends EmailRequest {
  password: string;
}
export interface RegisterRequest extends EmailRequest {
  password: string;
  name: string;
}
export interface TokenRequest {
  token: string;
}
export interface PasswordResetConfirm extends TokenRequest {
  password: string;
}
/** `GET /auth/oidc`: whether single sign-on is offered, and the provider's name. */
export interface OidcInfo {
  enabled: boolean;
  label: string | null;
}
/** The answer that does not tell whether an account exists (password reset, sign-in link). */
export interface Accepted {
  message: string;
}

// ---- Structures ----------------------------------------------------------------------------

export type OrganizationStatus = 'pending' | 'validated' | 'rejected';

export interface OrganizationInput {
  siret: string;
  name: string;
  /** A code of the structure kinds served by `GET /taxonomy` (`organizationKinds`, ORGANIZATION_KINDS). */
  kind: string;
  description?: string;
  address: string;
  communeInsee: string;
  lat?: number | null;
  lng?: number | null;
  website?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Prescriber structures' members are referents. */
  prescriber?: boolean;
  /** Its members are told by email of new calls for projects. */
  notifyCalls?: boolean;
}

/**
 * The fields that say who a structure is: once it is validated, a change to any of them waits for
 * an agent's review (the public, the search and the referent role keep the validated values).
 * Every other field (description, address, contact…) changes at once. See ADR 008.
 */
export const ORGANIZATION_IDENTITY_FIELDS = ['name', 'siret', 'prescriber'] as const;
export type OrganizationIdentityField = (typeof ORGANIZATION_IDENTITY_FIELDS)[number];

export interface OrganizationIdentity {
  name: string;
  siret: string | null;
  prescriber: boolean;
}

/** A proposed change of a validated structure's identity, and the agent's decision on it. */
export interface OrganizationIdentityChange {
  id: string;
  status: 'pending' | 'accepted' | 'refused';
  /** Only the fields the change touches, with their new values. */
  proposed: Partial<OrganizationIdentity>;
  /** The same fields' values when the change was proposed. */
  previous: Partial<OrganizationIdentity>;
  /** Why an agent refused it. */
  reason: string | null;
  requestedAt: string;
  requestedBy: { name: string; email: string } | null;
  decidedAt: string | null;
}

/** The public profile (without its published offers) and what only members and agents see. */
export interface BackOfficeOrganization extends Omit<OrganizationDetail, 'offers'> {
  prescriber: boolean;
  /** Its members are told by email of new calls for projects (issue 14). */
  notifyCalls: boolean;
  status: OrganizationStatus;
  rejectionReason: string | null;
  createdAt: string;
  offerCount: number;
  /** The pending identity change, or else the last decided one (null: none, or withdrawn). */
  identityChange: OrganizationIdentityChange | null;
}

export type StructureRole = 'structure_admin' | 'structure_member';

export interface OrganizationMember {
  membershipId: string;
  userId: string;
  email: string;
  name: string;
  role: StructureRole;
  status: MembershipStatus;
  message: string | null;
  createdAt: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: StructureRole;
  expiresAt: string;
}

/** `POST …/organizations/:id/invitations`. */
export type InvitationRequest = Pick<PendingInvitation, 'email' | 'role'>;
/** `PATCH …/organizations/:id/members/:membershipId`. */
export type MemberRoleRequest = Pick<OrganizationMember, 'role'>;
/** `POST …/organizations/:id/join`: a word for the structure's admins. */
export interface JoinOrganizationRequest {
  message?: string;
}
/** An agent's refusal of a structure or of its identity change (REFUSAL_REASON_LIMITS). */
export interface RefusalRequest {
  reason: string;
}

/** `GET …/organizations` (agents): one page of structures. */
export interface BackOfficeOrganizationList {
  total: number;
  items: BackOfficeOrganization[];
}

/** `GET …/organizations/:id/members`: invitations are listed for the structure's admins only. */
export interface OrganizationMembers {
  members: OrganizationMember[];
  invitations: PendingInvitation[];
}

/** `GET …/organizations/by-siret/:siret`: the validated structure to join. */
export interface OrganizationBySiret {
  id: string;
  name: string;
  status: OrganizationStatus;
}

// ---- Offers (back office) ------------------------------------------------------------------

export type OfferStatusCode = 'draft' | 'submitted' | 'published' | 'archived';
export type UpdateFrequencyMonths = 3 | 6 | 12;
export const UPDATE_FREQUENCIES: UpdateFrequencyMonths[] = [3, 6, 12];

export interface OfferPlaceWrite extends Pick<OfferPlace, 'address' | 'communeInsee' | 'lat' | 'lng'> {
  label?: string | null;
}
/** Existing sessions keep their id (and their bookings); a session without id is new. */
export interface OfferSessionWrite extends Pick<OfferSession, 'startsAt' | 'capacity'> {
  id?: string;
  endsAt?: string | null;
}
export interface OfferZoneWrite {
  type: ZoneTypeCode;
  /** Left out (or the département itself) for `departement`. */
  areas?: { code: string }[];
}

/**
 * What a member writes: the shape of the public offer (read-only fields ignored) plus back-office
 * fields. Creation needs `title`, `themes`, `access`, `diffusionZone` and `organization`; an edit
 * sends any part of it (`Partial<OfferWrite>`). Optional texts may be null (cleared).
 */
export interface OfferWrite {
  title: string;
  summary?: string | null;
  description?: string | null;
  organization?: { id: string };
  themes: string[];
  audiences?: string[];
  serviceTypes?: string[];
  eligibility?: string | null;
  cost?: 'gratuit' | 'payant';
  costDetails?: string | null;
  modes?: string[];
  access: AccessModeCode;
  mobilisationModes?: string[];
  places?: OfferPlaceWrite[];
  diffusionZone: OfferZoneWrite;
  contact?: Partial<OfferContact>;
  funding?: string[];
  /** The fiche action of the plan the offer serves (`GET …/plan`), or null for none. */
  ficheId?: string | null;
  sessions?: OfferSessionWrite[];
  updateFrequencyMonths?: UpdateFrequencyMonths;
  seatAllocation?: 'automatic' | 'review';
  /** 0 to LIMITS.registration.cutoffHoursMax; default 24. */
  cancellationCutoffHours?: number;
}

/** An agent asking for changes to an offer. */
export interface ReviewCommentRequest {
  comment: string;
}

/** The offer as its editors and the département's agents see it. */
export interface BackOfficeOffer extends OfferDetail {
  status: OfferStatusCode;
  updateFrequencyMonths: UpdateFrequencyMonths;
  confirmedAt: string;
  /** Past its update frequency: "à mettre à jour". */
  overdue: boolean;
  /** The agent's comment when changes were requested (cleared at the next submission). */
  reviewComment: string | null;
  /** Published under post-moderation and not reviewed yet. */
  needsReview: boolean;
  submittedAt: string | null;
  /** The pending edit of a published offer, moderated while this version stays visible. */
  revision: {
    status: 'draft' | 'submitted';
    reviewComment: string | null;
    updatedAt: string;
    offer: OfferDetail;
  } | null;
}

export interface OfferHistoryEntry {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  action: 'created' | 'edited' | 'submitted' | 'changes_requested' | 'published' | 'archived' | 'confirmed';
  from: OfferStatusCode | null;
  to: OfferStatusCode | null;
  comment: string | null;
  changedFields: string[];
  /** The event concerns the pending revision of a published offer. */
  onRevision: boolean;
}

/** One offer of a structure, in any state (GET /tenants/{slug}/organizations/{id}/offers). */
export interface OrganizationOfferItem {
  id: string;
  title: string;
  summary: string;
  themes: string[];
  status: OfferStatusCode;
  overdue: boolean;
  needsReview: boolean;
  reviewComment: string | null;
  /** The pending edit of a published offer, if any (as in BackOfficeOffer, without its content). */
  revision: { status: 'draft' | 'submitted' } | null;
  updateFrequencyMonths: UpdateFrequencyMonths;
  confirmedAt: string;
  publishedAt: string | null;
  updatedAt: string;
}

export interface ModerationItem {
  id: string;
  title: string;
  organization: { id: string; name: string };
  status: OfferStatusCode;
  /** `revision`: an edit of a published offer; `post`: published under post-moderation, to review. */
  kind: 'new' | 'revision' | 'post';
  submittedAt: string | null;
  themes: string[];
}

export interface ModerationQueue {
  total: number;
  items: ModerationItem[];
}

export interface Dashboard {
  organizations: { pending: number; validated: number; rejected: number };
  offers: Record<OfferStatusCode, number>;
  toModerate: number;
  overdue: number;
  organizationsMap: { id: string; name: string; status: OrganizationStatus; lat: number; lng: number }[];
}

// ---- Audit ---------------------------------------------------------------------------------

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null };
  action: string;
  target: { type: string | null; id: string | null };
  summary: string;
  ip: string | null;
  /** X-Request-Id of the request that wrote the line; null outside a request and for older lines. */
  requestId: string | null;
}

// ---- Platform ------------------------------------------------------------------------------

export interface CreateTenantRequest {
  code: string;
  slug?: string;
  name?: string;
  admins: string[];
}

export interface TenantSettings {
  moderation: 'before' | 'after';
  /**
   * « Double validation »: an agent may not validate a structure, accept a structure's identity
   * change, publish an offer or accept an offer's revision that they created or last edited.
   */
  fourEyes: boolean;
  /** A registration waiting for the structure reminds it after this many days… */
  registrationReminderDays: number;
  /** …and expires after this many. */
  registrationExpiryDays: number;
  /** A person's data is anonymised this many months after their last activity (statistics kept). */
  personalDataRetentionMonths: number;
}

/** A département role a tenant admin gives (`admin` comes with `agent`). */
export type StaffRole = 'admin' | 'agent';

/** `GET …/staff`: one person of the département's staff, with every role they hold (an admin is also an agent). */
/** One département role a person holds, with what DELETE …/staff/{membershipId} takes to remove it alone. */
export interface StaffRoleHeld {
  role: StaffRole;
  membershipId: string;
}

export interface StaffMember {
  userId: string;
  email: string;
  name: string;
  /** Highest first. */
  roles: StaffRoleHeld[];
  /** False until the person has chosen a password (or signed in another way). */
  accountReady: boolean;
}

/** `POST …/staff`: an existing account gets the role at once; a new address gets an account and an email. */
export interface StaffGrantRequest {
  email: string;
  role: StaffRole;
}

export interface MailboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  at: string;
  /** Files sent with the email (the .ics of an accepted session: text; a PDF letter: base64 with `encoding`). */
  attachments: { filename: string; contentType: string; content: string; encoding?: 'base64' }[];
}
