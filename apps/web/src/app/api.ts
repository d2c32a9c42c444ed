// Typed client of the catalogue API (same origin). Types come from @catalogue/contracts.
import type {
  ApiError,
  CommuneSummary,
  DiffusionZones,
  OfferDetail,
  OfferMapResult,
  OfferSearchResult,
  OrganizationDetail,
  Taxonomy,
  TenantDetail,
  TenantSummary,
} from '@catalogue/contracts';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameter?: string,
    /** The whole error body (some errors carry more, e.g. `organizationId` for `siret_exists`). */
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
  get notFound(): boolean {
    return this.status === 404;
  }
}

const BASE = '/api/v1';

/** The session's CSRF token (from GET /me), sent with every state-changing request. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Any call to the API (cookies same-origin); an answer without body (202, 204) gives undefined. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A FormData body (a file upload) goes as multipart: the browser writes its Content-Type.
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : multipart ? (body as FormData) : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiRequestError(0, 'network_error', 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.');
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as (Partial<ApiError> & Record<string, unknown>) | null;
    const fallback =
      res.status === 429
        ? 'Trop de tentatives : patientez quelques minutes avant de réessayer.'
        : `Erreur ${res.status}`;
    throw new ApiRequestError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? fallback,
      err?.parameter,
      err ?? undefined,
    );
  }
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> => request<T>('GET', path, undefined, signal);

/** Responses that never change while the page is open (tenants list, taxonomy, a tenant). */
const memo = new Map<string, Promise<unknown>>();
function cached<T>(path: string): Promise<T> {
  let p = memo.get(path) as Promise<T> | undefined;
  if (!p) {
    p = getJson<T>(path);
    memo.set(path, p);
    p.catch(() => memo.delete(path));
  }
  return p;
}

const t = (slug: string): string => `/tenants/${encodeURIComponent(slug)}`;

export const api = {
  tenants: (): Promise<TenantSummary[]> => cached('/tenants'),
  tenant: (slug: string): Promise<TenantDetail> => cached(t(slug)),
  taxonomy: (): Promise<Taxonomy> => cached('/taxonomy'),
  communes: (slug: string, q: string, signal?: AbortSignal): Promise<CommuneSummary[]> =>
    getJson(`${t(slug)}/communes?q=${encodeURIComponent(q)}`, signal),
  /** EPCI and territories of the diffusion-zone picker (reference data: kept while the page is open). */
  zones: (slug: string): Promise<DiffusionZones> => cached(`${t(slug)}/zones`),
  commune: (slug: string, insee: string): Promise<CommuneSummary> =>
    cached(`${t(slug)}/communes/${encodeURIComponent(insee)}`),
  search: (slug: string, query: URLSearchParams, signal?: AbortSignal): Promise<OfferSearchResult> =>
    getJson(`${t(slug)}/offers?${query.toString()}`, signal),
  map: (slug: string, query: URLSearchParams, signal?: AbortSignal): Promise<OfferMapResult> =>
    getJson(`${t(slug)}/offers/map?${query.toString()}`, signal),
  offer: (slug: string, id: string, signal?: AbortSignal): Promise<OfferDetail> =>
    getJson(`${t(slug)}/offers/${encodeURIComponent(id)}`, signal),
  organization: (slug: string, id: string, signal?: AbortSignal): Promise<OrganizationDetail> =>
    getJson(`${t(slug)}/organizations/${encodeURIComponent(id)}`, signal),
};
