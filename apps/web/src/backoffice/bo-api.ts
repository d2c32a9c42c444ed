// Client of the back-office API (accounts, structures, offers' lifecycle, moderation, admin).
import type {
  AuditEntry,
  BackOfficeOffer,
  BackOfficeOrganization,
  CreateTenantRequest,
  Dashboard,
  Me,
  ModerationQueue,
  OfferHistoryEntry,
  OfferWrite,
  OrganizationInput,
  OrganizationMember,
  PendingInvitation,
  StaffMember,
  TenantSettings,
} from '@catalogue/contracts';
import { request } from '../app/api.js';

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;

export interface OrganizationPage {
  items: BackOfficeOrganization[];
  total: number;
  page?: number;
  pageSize?: number;
}

export const auth = {
  login: (email: string, password: string): Promise<Me> => request('POST', '/auth/login', { email, password }),
  register: (email: string, password: string, name: string): Promise<void> =>
    request('POST', '/auth/register', { email, password, name }),
  verifyEmail: (token: string): Promise<Me> => request('POST', '/auth/verify-email', { token }),
  passwordReset: (email: string): Promise<void> => request('POST', '/auth/password-reset', { email }),
  passwordResetConfirm: (token: string, password: string): Promise<void> =>
    request('POST', '/auth/password-reset/confirm', { token, password }),
  magicLink: (email: string): Promise<void> => request('POST', '/auth/magic-link', { email }),
  magicLinkConfirm: (token: string): Promise<Me> => request('POST', '/auth/magic-link/confirm', { token }),
  oidc: (): Promise<{ enabled: boolean; label: string }> => request('GET', '/auth/oidc'),
  oidcLoginUrl: '/api/v1/auth/oidc/login',
};

export const orgs = {
  create: (slug: string, input: OrganizationInput): Promise<BackOfficeOrganization> =>
    request('POST', `${t(slug)}/organizations`, input),
  bySiret: (slug: string, siret: string, signal?: AbortSignal): Promise<BackOfficeOrganization> =>
    request('GET', `${t(slug)}/organizations/by-siret/${e(siret)}`, undefined, signal),
  list: (
    slug: string,
    params: { status?: string; pendingChange?: boolean; q?: string; page?: number },
    signal?: AbortSignal,
  ): Promise<OrganizationPage> => {
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
    request('POST', `${t(slug)}/organizations/${e(id)}/reject`, { reason }),
  acceptChange: (slug: string, id: string, changeId: string): Promise<BackOfficeOrganization> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/identity-changes/${e(changeId)}/accept`),
  refuseChange: (slug: string, id: string, changeId: string, reason: string): Promise<BackOfficeOrganization> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/identity-changes/${e(changeId)}/refuse`, { reason }),
  withdrawChange: (slug: string, id: string, changeId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/organizations/${e(id)}/identity-changes/${e(changeId)}`),
  join: (slug: string, id: string, message?: string): Promise<unknown> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/join`, message ? { message } : {}),
  members: (
    slug: string,
    id: string,
    signal?: AbortSignal,
  ): Promise<{ members: OrganizationMember[]; invitations: PendingInvitation[] }> =>
    request('GET', `${t(slug)}/organizations/${e(id)}/members`, undefined, signal),
  acceptMember: (slug: string, id: string, membershipId: string): Promise<unknown> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/members/${e(membershipId)}/accept`),
  refuseMember: (slug: string, id: string, membershipId: string): Promise<unknown> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/members/${e(membershipId)}/refuse`),
  setRole: (slug: string, id: string, membershipId: string, role: string): Promise<unknown> =>
    request('PATCH', `${t(slug)}/organizations/${e(id)}/members/${e(membershipId)}`, { role }),
  removeMember: (slug: string, id: string, membershipId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/organizations/${e(id)}/members/${e(membershipId)}`),
  invite: (slug: string, id: string, email: string, role: string): Promise<unknown> =>
    request('POST', `${t(slug)}/organizations/${e(id)}/invitations`, { email, role }),
  cancelInvitation: (slug: string, id: string, invitationId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/organizations/${e(id)}/invitations/${e(invitationId)}`),
  acceptInvitation: (slug: string, token: string): Promise<unknown> =>
    request('POST', `${t(slug)}/invitations/accept`, { token }),
  offers: (slug: string, id: string, signal?: AbortSignal): Promise<BackOfficeOffer[] | { items: BackOfficeOffer[] }> =>
    request('GET', `${t(slug)}/organizations/${e(id)}/offers`, undefined, signal),
  exportUrl: (slug: string): string => `/api/v1${t(slug)}/organizations/export.csv`,
};

export const offers = {
  create: (slug: string, body: OfferWrite): Promise<BackOfficeOffer> => request('POST', `${t(slug)}/offers`, body),
  get: (slug: string, id: string, signal?: AbortSignal): Promise<BackOfficeOffer> =>
    request('GET', `${t(slug)}/offers/${e(id)}`, undefined, signal),
  update: (slug: string, id: string, body: OfferWrite): Promise<BackOfficeOffer> =>
    request('PATCH', `${t(slug)}/offers/${e(id)}`, body),
  submit: (slug: string, id: string): Promise<BackOfficeOffer> => request('POST', `${t(slug)}/offers/${e(id)}/submit`),
  requestChanges: (slug: string, id: string, comment: string): Promise<BackOfficeOffer> =>
    request('POST', `${t(slug)}/offers/${e(id)}/request-changes`, { comment }),
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
  addStaff: (slug: string, email: string, role: string): Promise<StaffMember> =>
    request('POST', `${t(slug)}/staff`, { email, role }),
  /** One role only (e.g. admin: the person stays agent). */
  removeStaffRole: (slug: string, membershipId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/staff/${e(membershipId)}`),
  /** The person and every role they hold. */
  removeStaffPerson: (slug: string, userId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/staff/people/${e(userId)}`),
  settings: (slug: string, signal?: AbortSignal): Promise<TenantSettings> =>
    request('GET', `${t(slug)}/settings`, undefined, signal),
  saveSettings: (slug: string, settings: TenantSettings): Promise<TenantSettings> =>
    request('PATCH', `${t(slug)}/settings`, settings),
  audit: (slug: string, target: string | null, signal?: AbortSignal): Promise<AuditEntry[]> =>
    request('GET', `${t(slug)}/audit${target ? `?target=${e(target)}` : ''}`, undefined, signal),
  createTenant: (body: CreateTenantRequest): Promise<unknown> => request('POST', '/tenants', body),
};

/** Lists may come bare or wrapped in `{items}`: accept both. */
export function itemsOf<T>(value: T[] | { items: T[] }): T[] {
  return Array.isArray(value) ? value : value.items;
}
