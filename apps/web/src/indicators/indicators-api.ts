// Client of the indicators API (types from @catalogue/contracts).
import type { IndicatorsReport } from '@catalogue/contracts';
import { request } from '../app/api.js';

export const indicatorsApi = {
  report: (slug: string, query: string, signal?: AbortSignal): Promise<IndicatorsReport> =>
    request('GET', `/tenants/${encodeURIComponent(slug)}/indicators${query ? `?${query}` : ''}`, undefined, signal),
};
