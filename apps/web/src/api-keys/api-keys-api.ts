// Client of the tenant's API keys routes (admins).
import type { ApiKeyCreate, ApiKeyCreated, ApiKeySummary } from '@catalogue/contracts';
import { request } from '../app/api.js';

const base = (slug: string) => `/tenants/${encodeURIComponent(slug)}/api-keys`;

export const apiKeys = {
  list: (slug: string, signal?: AbortSignal): Promise<ApiKeySummary[]> => request('GET', base(slug), undefined, signal),
  create: (slug: string, name: string): Promise<ApiKeyCreated> =>
    request('POST', base(slug), { name } satisfies ApiKeyCreate),
  revoke: (slug: string, id: string): Promise<ApiKeySummary> =>
    request('POST', `${base(slug)}/${encodeURIComponent(id)}/revoke`),
};

/** The read routes a key opens, as shown to admins (the API's policy decides the same). */
export const MACHINE_ROUTES: { path: string; what: string }[] = [
  { path: 'registrations/stats', what: 'statistiques des inscriptions' },
  { path: 'offers/export.csv', what: 'export CSV des offres' },
  { path: 'organizations/export.csv', what: 'export CSV des structures' },
  { path: 'indicators', what: 'indicateurs (JSON)' },
  {
    path: 'indicators.csv?table=themes',
    what: 'un tableau des indicateurs en CSV (paramètre table : plan, channels, themes…)',
  },
];
