// Client of the registrations API (issue 13), typed by @catalogue/contracts: nothing declared here.
import type {
  AttendanceValue,
  RefusalReason,
  RegistrationCreated,
  RegistrationDetail,
  RegistrationItem,
  RegistrationOutcome,
  RegistrationPage,
  RegistrationRequest,
  RegistrationStatus,
} from '@catalogue/contracts';
import { request } from '../app/api.js';

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;

export type RegistrationView = 'mine' | 'prescribed' | 'inbox';

export interface RegistrationFilters {
  status?: readonly RegistrationStatus[];
  offerId?: string;
  sessionId?: string;
  organizationId?: string;
  /** The person's name. */
  q?: string;
  page?: number;
}

/** The query string of a list (empty filters left out). */
export function listQuery(view: RegistrationView, f: RegistrationFilters = {}): string {
  const qs = new URLSearchParams({ view });
  if (f.status?.length) qs.set('status', f.status.join(','));
  if (f.offerId) qs.set('offerId', f.offerId);
  if (f.sessionId) qs.set('sessionId', f.sessionId);
  if (f.organizationId) qs.set('organizationId', f.organizationId);
  if (f.q?.trim()) qs.set('q', f.q.trim());
  if (f.page && f.page > 1) qs.set('page', String(f.page));
  return qs.toString();
}

const act = (slug: string, id: string, action: string, body?: unknown): Promise<RegistrationItem> =>
  request('POST', `${t(slug)}/registrations/${e(id)}/${action}`, body);

export const registrations = {
  create: (slug: string, offerId: string, body: RegistrationRequest): Promise<RegistrationCreated> =>
    request('POST', `${t(slug)}/offers/${e(offerId)}/registrations`, body),
  list: (
    slug: string,
    view: RegistrationView,
    filters: RegistrationFilters,
    signal?: AbortSignal,
  ): Promise<RegistrationPage> =>
    request('GET', `${t(slug)}/registrations?${listQuery(view, filters)}`, undefined, signal),
  get: (slug: string, id: string, signal?: AbortSignal): Promise<RegistrationDetail> =>
    request('GET', `${t(slug)}/registrations/${e(id)}`, undefined, signal),
  cancel: (slug: string, id: string, reason?: string): Promise<RegistrationItem> =>
    act(slug, id, 'cancel', reason ? { reason } : {}),
  accept: (slug: string, id: string): Promise<RegistrationItem> => act(slug, id, 'accept'),
  waitlist: (slug: string, id: string): Promise<RegistrationItem> => act(slug, id, 'waitlist'),
  refuse: (slug: string, id: string, reason: RefusalReason, message?: string): Promise<RegistrationItem> =>
    act(slug, id, 'refuse', message ? { reason, message } : { reason }),
  attendance: (slug: string, id: string, value: AttendanceValue, sessionId?: string): Promise<RegistrationItem> =>
    act(slug, id, 'attendance', sessionId ? { sessionId, value } : { value }),
  outcome: (
    slug: string,
    id: string,
    status: 'completed' | 'dropped_out',
    outcome: RegistrationOutcome,
  ): Promise<RegistrationItem> => act(slug, id, 'outcome', { status, outcome }),
};
