// Client of the calls for projects API, typed by the contracts (Call, CallSummary, CallWrite…).
import type {
  Application,
  ApplicationListItem,
  Call,
  CallStatus,
  CallSummary,
  CallWrite,
  Plan,
  StaffMember,
} from '@catalogue/contracts';
import { ApiRequestError, request } from '../app/api.js';

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;

export const callsApi = {
  list: (slug: string, status?: CallStatus, signal?: AbortSignal): Promise<{ items: CallSummary[] }> =>
    request('GET', `${t(slug)}/calls${status ? `?status=${status}` : ''}`, undefined, signal),
  get: (slug: string, id: string, signal?: AbortSignal): Promise<Call> =>
    request('GET', `${t(slug)}/calls/${e(id)}`, undefined, signal),
  create: (slug: string, body: Partial<CallWrite>): Promise<Call> => request('POST', `${t(slug)}/calls`, body),
  update: (slug: string, id: string, body: Partial<CallWrite> & { version: number }): Promise<Call> =>
    request('PATCH', `${t(slug)}/calls/${e(id)}`, body),
  publish: (slug: string, id: string): Promise<Call> => request('POST', `${t(slug)}/calls/${e(id)}/publish`),
  withdraw: (slug: string, id: string, reason: string): Promise<Call> =>
    request('POST', `${t(slug)}/calls/${e(id)}/withdraw`, { reason }),
  results: (slug: string, id: string, results: string): Promise<Call> =>
    request('POST', `${t(slug)}/calls/${e(id)}/results`, { results }),
  instructors: (slug: string, id: string, userIds: string[]): Promise<Call> =>
    request('PUT', `${t(slug)}/calls/${e(id)}/instructors`, { userIds }),
  removeDocument: (slug: string, id: string, docId: string): Promise<Call> =>
    request('DELETE', `${t(slug)}/calls/${e(id)}/documents/${e(docId)}`),
  documentUrl: (slug: string, id: string, docId: string): string =>
    `/api/v1${t(slug)}/calls/${e(id)}/documents/${e(docId)}`,
  /** Multipart: `label` and `file`; the session's CSRF token goes with it. */
  async addDocument(slug: string, id: string, label: string, file: File, csrfToken: string): Promise<Call> {
    const form = new FormData();
    form.append('label', label);
    form.append('file', file);
    const res = await fetch(`/api/v1${t(slug)}/calls/${e(id)}/documents`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
      body: form,
      credentials: 'same-origin',
    }).catch(() => {
      throw new ApiRequestError(0, 'network_error', 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.');
    });
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!res.ok)
      throw new ApiRequestError(
        res.status,
        String(body?.code ?? 'http_error'),
        String(body?.message ?? `Erreur ${res.status}`),
        body?.parameter as string | undefined,
        body ?? undefined,
      );
    return body as unknown as Call;
  },
  /** The applications module's routes this module's pages use. */
  applications: (slug: string, id: string, signal?: AbortSignal): Promise<{ items: ApplicationListItem[] }> =>
    request('GET', `${t(slug)}/calls/${e(id)}/applications`, undefined, signal),
  apply: (slug: string, id: string, organizationId: string): Promise<Application> =>
    request('POST', `${t(slug)}/calls/${e(id)}/applications`, { organizationId }),
  plan: (slug: string, signal?: AbortSignal): Promise<Plan> => request('GET', `${t(slug)}/plan`, undefined, signal),
  staff: (slug: string, signal?: AbortSignal): Promise<StaffMember[]> =>
    request('GET', `${t(slug)}/staff`, undefined, signal),
};

/** The existing application a 409 `already_applied` names (its id), if any. */
export function existingApplicationId(err: ApiRequestError): string | null {
  const b = err.body ?? {};
  const existing = b.existing as { id?: unknown } | undefined;
  const id = existing?.id ?? b.applicationId ?? b.existingId;
  return typeof id === 'string' ? id : null;
}
