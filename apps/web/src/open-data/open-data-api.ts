// The open data page's API call, and the export's addresses (known from the slug alone, so the
// links show at once, before the metadata arrives).
import type { DataInclusionExportInfo } from '@catalogue/contracts';
import { request } from '../app/api.js';

export type ExportKind = 'structures' | 'services';
export type ExportFormat = 'json' | 'csv';

const base = (slug: string) => `/api/v1/tenants/${encodeURIComponent(slug)}/data-inclusion`;

export const openDataApi = {
  info: (slug: string, signal?: AbortSignal): Promise<DataInclusionExportInfo> =>
    request('GET', `/tenants/${encodeURIComponent(slug)}/data-inclusion`, undefined, signal),
  /** The file's address on this site (a download link). */
  file: (slug: string, kind: ExportKind, format: ExportFormat): string => `${base(slug)}/${kind}.${format}`,
  /** The bare API address, absolute (to copy into another tool). */
  endpoint: (slug: string, kind: ExportKind): string => `${window.location.origin}${base(slug)}/${kind}`,
};
