// Client of the agreements' API. The signed PDF goes up through XMLHttpRequest, the one browser API
// that reports an upload's progress.
import type { Agreement, AgreementListItem, AgreementStatus, AgreementWrite } from '@catalogue/contracts';
import { ApiRequestError, request } from '../app/api.js';

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;

export const agreementsApi = {
  list: (
    slug: string,
    q: { organizationId?: string; status?: AgreementStatus; callId?: string },
    signal?: AbortSignal,
  ): Promise<{ items: AgreementListItem[] }> => {
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]);
    const qs = params.toString();
    return request('GET', `${t(slug)}/agreements${qs ? `?${qs}` : ''}`, undefined, signal);
  },
  get: (slug: string, id: string, signal?: AbortSignal): Promise<Agreement> =>
    request('GET', `${t(slug)}/agreements/${e(id)}`, undefined, signal),
  edit: (slug: string, id: string, body: AgreementWrite): Promise<Agreement> =>
    request('PATCH', `${t(slug)}/agreements/${e(id)}`, body),
  send: (slug: string, id: string): Promise<Agreement> => request('POST', `${t(slug)}/agreements/${e(id)}/send`),
  close: (slug: string, id: string): Promise<Agreement> => request('POST', `${t(slug)}/agreements/${e(id)}/close`),
  /** The PDF (a download: Content-Disposition attachment). */
  pdfUrl: (slug: string, id: string): string => `/api/v1${t(slug)}/agreements/${e(id)}.pdf`,
  /** Uploads the signed PDF; `onProgress` gets 0–1. */
  uploadSigned: (
    slug: string,
    id: string,
    file: File,
    csrfToken: string,
    onProgress: (ratio: number) => void,
  ): Promise<Agreement> =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/v1${t(slug)}/agreements/${e(id)}/signed`);
      xhr.setRequestHeader('X-CSRF-Token', csrfToken);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (ev) => {
        if (ev.lengthComputable) onProgress(ev.loaded / ev.total);
      };
      xhr.onerror = () =>
        reject(
          new ApiRequestError(0, 'network_error', 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.'),
        );
      xhr.onload = () => {
        let body: Record<string, unknown> | null = null;
        try {
          body = JSON.parse(xhr.responseText) as Record<string, unknown>;
        } catch {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as unknown as Agreement);
        else
          reject(
            new ApiRequestError(
              xhr.status,
              String(body?.code ?? 'http_error'),
              String(body?.message ?? `Erreur ${xhr.status}`),
              body?.parameter as string | undefined,
              body ?? undefined,
            ),
          );
      };
      const form = new FormData();
      form.append('file', file);
      xhr.send(form);
    }),
};
