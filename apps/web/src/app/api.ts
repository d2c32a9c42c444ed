// Typed client of the catalogue API (same origin). Types come from @catalogue/contracts.
import type {
  ApiError,
  CommuneSummary,
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
  ) {
    super(message);
  }
  get notFound(): boolean {
    return this.status === 404;
  }
}

const BASE = '/api/v1';

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(BASE + path, { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiRequestError(0, 'network_error', 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as Partial<ApiError> | null;
    throw new ApiRequestError(res.status, body?.code ?? 'http_error', body?.message ?? `Erreur ${res.status}`, body?.parameter);
  }
  return (await res.json()) as T;
}

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
  commune: (slug: string, insee: string): Promise<CommuneSummary> => cached(`${t(slug)}/communes/${encodeURIComponent(insee)}`),
  search: (slug: string, query: URLSearchParams, signal?: AbortSignal): Promise<OfferSearchResult> =>
    getJson(`${t(slug)}/offers?${query.toString()}`, signal),
  map: (slug: string, query: URLSearchParams, signal?: AbortSignal): Promise<OfferMapResult> =>
    getJson(`${t(slug)}/offers/map?${query.toString()}`, signal),
  offer: (slug: string, id: string, signal?: AbortSignal): Promise<OfferDetail> => getJson(`${t(slug)}/offers/${encodeURIComponent(id)}`, signal),
  organization: (slug: string, id: string, signal?: AbortSignal): Promise<OrganizationDetail> =>
    getJson(`${t(slug)}/organizations/${encodeURIComponent(id)}`, signal),
};
