// Client of the bilans' API, typed by the contracts (Bilan, BilanSummary, BilanWrite…).
import type { Bilan, BilanStatus, BilanSummary, BilanWrite } from '@catalogue/contracts';
import { request } from '../app/api.js';

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;

export const bilansApi = {
  list: (
    slug: string,
    q: {
      view: 'mine' | 'all';
      status?: BilanStatus | undefined;
      year?: number | undefined;
      agreementId?: string | undefined;
    },
    signal?: AbortSignal,
  ): Promise<{ items: BilanSummary[] }> => {
    const params = new URLSearchParams(
      Object.entries(q)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    );
    return request('GET', `${t(slug)}/bilans?${params.toString()}`, undefined, signal);
  },
  get: (slug: string, id: string, signal?: AbortSignal): Promise<Bilan> =>
    request('GET', `${t(slug)}/bilans/${e(id)}`, undefined, signal),
  save: (slug: string, id: string, body: BilanWrite): Promise<Bilan> =>
    request('PATCH', `${t(slug)}/bilans/${e(id)}`, body),
  submit: (slug: string, id: string): Promise<Bilan> => request('POST', `${t(slug)}/bilans/${e(id)}/submit`),
  requestChanges: (slug: string, id: string, message: string): Promise<Bilan> =>
    request('POST', `${t(slug)}/bilans/${e(id)}/request-changes`, { message }),
  validate: (slug: string, id: string): Promise<Bilan> => request('POST', `${t(slug)}/bilans/${e(id)}/validate`),
  /** Multipart (`file`); the answer is the bilan or the document: the page reloads the bilan. */
  addDocument: (slug: string, id: string, file: File): Promise<unknown> => {
    const form = new FormData();
    form.append('file', file);
    return request('POST', `${t(slug)}/bilans/${e(id)}/documents`, form);
  },
  removeDocument: (slug: string, id: string, docId: string): Promise<unknown> =>
    request('DELETE', `${t(slug)}/bilans/${e(id)}/documents/${e(docId)}`),
  documentUrl: (slug: string, id: string, docId: string): string =>
    `/api/v1${t(slug)}/bilans/${e(id)}/documents/${e(docId)}`,
};
