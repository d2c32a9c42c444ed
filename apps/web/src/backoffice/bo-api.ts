// Client of the back-office API (accounts, structures, offers' lifecycle, moderation, admin),
// typed by the contracts the API's DTOs implement: every body and answer is a type of
// @catalogue/contracts, none is declared here.
import type {
  AuditEntry,
  BackOfficeOffer,
  BackOfficeOrganization,
  BackOfficeOrganizationList,
  BeneficiaryRegisterRequest,
  CreateTenantRequest,
  Dashboard,
  EmailRequest,
  InvitationRequest,
  JoinOrganizationRequest,
  LoginRequest,
  Me,
  MemberRoleRequest,
  ModerationQueue,
  OfferHistoryEntry,
  OfferWrite,
  OidcInfo,
  OrganizationBySiret,
  OrganizationInput,
  OrganizationMembers,
  OrganizationOfferItem,
  PasswordResetConfirm,
  RefusalRequest,
  RegisterRequest,
  ReviewCommentRequest,
  StaffGrantRequest,
  StaffMember,
  StaffRole,
  StructureRole,
  TenantDetail,
  TenantSettings,
  TokenRequest,
} from '@catalogue/contracts';
import { request } from '../app/api.js';

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;

export const auth = {
  login: (email: string, password: string): Promise<Me> =>
    request('POST', '/auth/login', { email, password } satisfies LoginRequest),
  register: (email: string, password: string, name: string): Promise<void> =>
    request('POST', '/auth/register', { email, password, name } satisfies RegisterRequest),
  /** A personal account (a beneficiary's) in a département; without password, sign-in by emailed link. */
  registerBeneficiary: (body: BeneficiaryRegisterRequest): Promise<void> =>
    request('POST', '/auth/register-beneficiary', body),
  verifyEmail: (token: string): Promise<Me> => request('POST', '/auth/verify-email', { token } satisfies TokenRequest),
  passwordReset: (email: string): Promise<void> =>
    request('POST', '/auth/password-reset', { email } satisfies EmailRequest),
  passwordResetConfirm: (token: string, password: string): Promise<void> =>
    request('POST', '/auth/password-reset/confirm', { token, password } satisfies PasswordResetConfirm),
  magicLink: (email: string): Promise<void> => request('POST', '/auth/magic-link', { email } satisfies EmailRequest),
  magicLinkConfirm: (token: string): Promise<Me> =>
    request('POST', '/auth/magic-link/confirm', { token } satisfies TokenRequest),
  oidc: (): Promise<OidcInfo> => request('GET', '/auth/oidc'),
  oidcLoginUrl: '/api/v1/auth/oidc/login',
};

/** The signed-in person's own data. */
export const myData = {
  /** A JSON file (the browser downloads it: Content-Disposition attachment). */
  exportUrl: '/api/v1/me/export',
  /** Deletes the account (registrations kept anonymised); refused while a professional role is held. */
  deleteAccount: (): Promise<void> => request('DELETE', '/me'),
};

export const orgs = {
  create: (slug: string, input: OrganizationInput): Promise<BackOfficeOrganization> =>
    request('POST', `${t(slug)}/organizations`, input),
  bySiret: (slug: string, siret: string, signal?: AbortSignal): Promise<OrganizationBySiret> =>
    request('GET', `${t(slug)}/organizations/by-siret/${e(siret)}`, undefined, signal),
  list: (
    slug: string,
    params: { status?: string; pendingChange?: boolean; q?: string; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ): Promise<BackOfficeOrganizationList> => {
    const qs = new URLSearchParams(
      Object.entries(params)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    );
    return request('GET', `${t(slug)}/organizations?${qs.toString()}`, undefined, signal);
  },
  get: (slug: string, id: string, signal?: AbortSignal): Promise<BackOfficeOrganization> =>
    request('GET', `${t(slug)}/organizations/${e(id)}/back-office`, undefined, signal),
  update: (slug: string, id: string, input: Partial<OrganizationInput>): Promise<BackOfficeOrganization> =>
    request('PATCH', `${t(slug)}/organizations/${e(id)}`, input),
  validate: (slug: string, id: string): Promise<BackOfficeOrganization> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/validate`),
  reject: (slug: string, id: string, reason: string): Promise<BackOfficeOrganization> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/reject`, { reason } satisfies RefusalRequest),
  acceptChange: (slug: string, id: string, changeId: string): Promise<BackOfficeOrganization> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/identity-changes/${e(changeId)}/accept`),
  refuseChange: (slug: string, id: string, changeId: string, reason: string): Promise<BackOfficeOrganization> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/identity-changes/${e(changeId)}/refuse`, {
      reason,
    } satisfies RefusalRequest),
  withdrawChange: (slug: string, id: string, changeId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/organizations/${e(id)}/identity-changes/${e(changeId)}`),
  join: (slug: string, id: string, message?: string): Promise<unknown> =>
    request(
      'POST',
      `${t(slug)}/organizations/${e(id)}/join`,
      (message ? { message } : {}) satisfies JoinOrganizationRequest,
    ),
  members: (slug: string, id: string, signal?: AbortSignal): Promise<OrganizationMembers> =>
    request('GET', `${t(slug)}/organizations/${e(id)}/members`, undefined, signal),
  acceptMember: (slug: string, id: string, membershipId: string): Promise<unknown> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/members/${e(membershipId)}/accept`),
  refuseMember: (slug: string, id: string, membershipId: string): Promise<unknown> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/members/${e(membershipId)}/refuse`),
  setRole: (slug: string, id: string, membershipId: string, role: StructureRole): Promise<unknown> =>
    request('PATCH', `${t(slug)}/organizations/${e(id)}/members/${e(membershipId)}`, {
      role,
    } satisfies MemberRoleRequest),
  removeMember: (slug: string, id: string, membershipId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/organizations/${e(id)}/members/${e(membershipId)}`),
  invite: (slug: string, id: string, email: string, role: StructureRole): Promise<unknown> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/invitations`, { email, role } satisfies InvitationRequest),
  cancelInvitation: (slug: string, id: string, invitationId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/organizations/${e(id)}/invitations/${e(invitationId)}`),
  acceptInvitation: (slug: string, token: string): Promise<unknown> =>
    request('POST', `${t(slug)}/invitations/accept`, { token } satisfies TokenRequest),
  offers: (slug: string, id: string, signal?: AbortSignal): Promise<OrganizationOfferItem[]> =>
    request('GET', `${t(slug)}/organizations/${e(id)}/offers`, undefined, signal),
  exportUrl: (slug: string): string => `/api/v1${t(slug)}/organizations/export.csv`,
};

export const offers = {
  create: (slug: string, body: OfferWrite): Promise<BackOfficeOffer> => request('POST', `${t(slug)}/offers`, body),
  get: (slug: string, id: string, signal?: AbortSignal): Promise<BackOfficeOffer> =>
    request('GET', `${t(slug)}/offers/${e(id)}`, undefined, signal),
  update: (slug: string, id: string, body: Partial<OfferWrite>): Promise<BackOfficeOffer> =>
    request('PATCH', `${t(slug)}/offers/${e(id)}`, body),
  submit: (slug: string, id: string): Promise<BackOfficeOffer> => request('POST', `${t(slug)}/offers/${e(id)}/submit`),
  requestChanges: (slug: string, id: string, comment: string): Promise<BackOfficeOffer> =>
    request('POST', `${t(slug)}/offers/${e(id)}/request-changes`, { comment } satisfies ReviewCommentRequest),
  publish: (slug: string, id: string): Promise<BackOfficeOffer> =>
    request('POST', `${t(slug)}/offers/${e(id)}/publish`),
  archive: (slug: string, id: string): Promise<BackOfficeOffer> =>
    request('POST', `${t(slug)}/offers/${e(id)}/archive`),
  confirm: (slug: string, id: string): Promise<BackOfficeOffer> =>
    request('POST', `${t(slug)}/offers/${e(id)}/confirm`),
  history: (slug: string, id: string, signal?: AbortSignal): Promise<OfferHistoryEntry[]> =>
    request('GET', `${t(slug)}/offers/${e(id)}/history`, undefined, signal),
  moderation: (slug: string, status: string, signal?: AbortSignal): Promise<ModerationQueue> =>
    request('GET', `${t(slug)}/moderation/offers?status=${e(status)}`, undefined, signal),
  dashboard: (slug: string, signal?: AbortSignal): Promise<Dashboard> =>
    request('GET', `${t(slug)}/dashboard`, undefined, signal),
  exportUrl: (slug: string): string => `/api/v1${t(slug)}/offers/export.csv`,
};

export const admin = {
  staff: (slug: string, signal?: AbortSignal): Promise<StaffMember[]> =>
    request('GET', `${t(slug)}/staff`, undefined, signal),
  addStaff: (slug: string, email: string, role: StaffRole): Promise<StaffMember> =>
    request('POST', `${t(slug)}/staff`, { email, role } satisfies StaffGrantRequest),
  /** One role only (e.g. admin: the person stays agent). */
  removeStaffRole: (slug: string, membershipId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/staff/${e(membershipId)}`),
  /** The person and every role they hold. */
  removeStaffPerson: (slug: string, userId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/staff/people/${e(userId)}`),
  settings: (slug: string, signal?: AbortSignal): Promise<TenantSettings> =>
    request('GET', `${t(slug)}/settings`, undefined, signal),
  /** PATCH: the settings given change, the others stay. */
  saveSettings: (slug: string, settings: Partial<TenantSettings>): Promise<TenantSettings> =>
    request('PATCH', `${t(slug)}/settings`, settings),
  audit: (slug: string, target: string | null, signal?: AbortSignal): Promise<AuditEntry[]> =>
    request('GET', `${t(slug)}/audit${target ? `?target=${e(target)}` : ''}`, undefined, signal),
  createTenant: (body: CreateTenantRequest): Promise<TenantDetail> => request('POST', '/tenants', body),
};
