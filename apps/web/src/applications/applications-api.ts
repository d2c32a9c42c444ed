// Client of the applications API (dossiers, instruction, committee), typed by the contracts.
import type {
  Application,
  ApplicationDocument,
  ApplicationListItem,
  Call,
  CallDecision,
  Ranking,
} from '@catalogue/contracts';
import { request } from '../app/api.js';

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;
const a = (slug: string, id: string): string => `${t(slug)}/applications/${e(id)}`;

export const applicationsApi = {
  /** A structure's applications. */
  ofOrganization: (
    slug: string,
    organizationId: string,
    signal?: AbortSignal,
  ): Promise<{ items: ApplicationListItem[] }> =>
    request('GET', `${t(slug)}/applications?organizationId=${e(organizationId)}`, undefined, signal),
  /** A call's applications (its instructors and the admins). */
  ofCall: (slug: string, callId: string, signal?: AbortSignal): Promise<{ items: ApplicationListItem[] }> =>
    request('GET', `${t(slug)}/calls/${e(callId)}/applications`, undefined, signal),
  call: (slug: string, callId: string, signal?: AbortSignal): Promise<Call> =>
    request('GET', `${t(slug)}/calls/${e(callId)}`, undefined, signal),
  get: (slug: string, id: string, signal?: AbortSignal): Promise<Application> =>
    request('GET', a(slug, id), undefined, signal),
  save: (
    slug: string,
    id: string,
    body: { answers: Application['answers']; amountRequested: number | null; version: number },
  ): Promise<Application> => request('PATCH', a(slug, id), body),
  upload: (slug: string, id: string, key: string, file: File): Promise<ApplicationDocument> => {
    const form = new FormData();
    form.append('key', key);
    form.append('file', file);
    return request('POST', `${a(slug, id)}/documents`, form);
  },
  /** Downloaded as an attachment (never shown inline). */
  documentUrl: (slug: string, id: string, docId: string): string => `/api/v1${a(slug, id)}/documents/${e(docId)}`,
  removeDocument: (slug: string, id: string, docId: string): Promise<void> =>
    request('DELETE', `${a(slug, id)}/documents/${e(docId)}`),
  submit: (slug: string, id: string): Promise<Application> => request('POST', `${a(slug, id)}/submit`),
  withdraw: (slug: string, id: string, reason?: string): Promise<Application> =>
    request('POST', `${a(slug, id)}/withdraw`, reason ? { reason } : {}),
  requestCompletion: (slug: string, id: string, body: { message: string; dueAt: string }): Promise<Application> =>
    request('POST', `${a(slug, id)}/completion-request`, body),
  score: (
    slug: string,
    id: string,
    body: { scores: Record<string, number>; comment: string; noConflictOfInterest: true },
  ): Promise<Application> => request('POST', `${a(slug, id)}/scores`, body),
  ranking: (slug: string, callId: string, signal?: AbortSignal): Promise<Ranking> =>
    request('GET', `${t(slug)}/calls/${e(callId)}/ranking`, undefined, signal),
  decide: (
    slug: string,
    id: string,
    body: { decision: CallDecision; amountGranted?: number; reasons: string },
  ): Promise<Application> => request('POST', `${a(slug, id)}/decision`, body),
  letterUrl: (slug: string, id: string): string => `/api/v1${a(slug, id)}/letter.pdf`,
};
