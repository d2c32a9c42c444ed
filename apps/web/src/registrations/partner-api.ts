// Client of the registration routes a structure's members and the département's agents use (the
// inbox, decisions, capacity, attendance, outcomes, email choices, aggregate counts). Every body
// and answer is a type of @catalogue/contracts.
import type {
  AttendanceValue,
  RefusalReason,
  RegistrationItem,
  RegistrationNotificationSettings,
  RegistrationOutcome,
  RegistrationPage,
  RegistrationStats,
  SessionCapacityResult,
} from '@catalogue/contracts';
import { request } from '../app/api.js';

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;

export interface InboxQuery {
  organizationId?: string;
  sessionId?: string;
  offerId?: string;
  /** Comma-separated states; empty for every state. */
  status?: string;
  page?: number;
}

export type CapacityResult = SessionCapacityResult;

export const partner = {
  inbox: (slug: string, query: InboxQuery, signal?: AbortSignal): Promise<RegistrationPage> => {
    const qs = new URLSearchParams({ view: 'inbox' });
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, String(v));
    return request('GET', `${t(slug)}/registrations?${qs.toString()}`, undefined, signal);
  },
  accept: (slug: string, id: string): Promise<RegistrationItem> =>
    request('POST', `${t(slug)}/registrations/${e(id)}/accept`),
  waitlist: (slug: string, id: string): Promise<RegistrationItem> =>
    request('POST', `${t(slug)}/registrations/${e(id)}/waitlist`),
  refuse: (slug: string, id: string, reason: RefusalReason, message?: string): Promise<RegistrationItem> =>
    request('POST', `${t(slug)}/registrations/${e(id)}/refuse`, message ? { reason, message } : { reason }),
  /** By the structure: the reason is required (sent to the person and the referent). */
  cancel: (slug: string, id: string, reason: string): Promise<RegistrationItem> =>
    request('POST', `${t(slug)}/registrations/${e(id)}/cancel`, { reason }),
  attendance: (slug: string, id: string, sessionId: string, value: AttendanceValue): Promise<RegistrationItem> =>
    request('POST', `${t(slug)}/registrations/${e(id)}/attendance`, { sessionId, value }),
  outcome: (
    slug: string,
    id: string,
    status: 'completed' | 'dropped_out',
    outcome: RegistrationOutcome,
  ): Promise<RegistrationItem> => request('POST', `${t(slug)}/registrations/${e(id)}/outcome`, { status, outcome }),
  capacity: (slug: string, offerId: string, sessionId: string, capacity: number): Promise<CapacityResult> =>
    request('POST', `${t(slug)}/offers/${e(offerId)}/sessions/${e(sessionId)}/capacity`, { capacity }),
  notifications: (
    slug: string,
    organizationId: string,
    signal?: AbortSignal,
  ): Promise<RegistrationNotificationSettings> =>
    request('GET', `${t(slug)}/organizations/${e(organizationId)}/registration-notifications`, undefined, signal),
  saveNotifications: (
    slug: string,
    organizationId: string,
    settings: RegistrationNotificationSettings,
  ): Promise<RegistrationNotificationSettings> =>
    request('PUT', `${t(slug)}/organizations/${e(organizationId)}/registration-notifications`, settings),
  stats: (slug: string, signal?: AbortSignal): Promise<RegistrationStats> =>
    request('GET', `${t(slug)}/registrations/stats`, undefined, signal),
};
