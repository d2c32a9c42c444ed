// Client of the spreadsheet import: the template's addresses and the upload (dry run or import).
import type { ImportReport } from '@catalogue/contracts';
import { request } from '../app/api.js';

const base = (slug: string, organizationId: string) =>
  `/tenants/${encodeURIComponent(slug)}/organizations/${encodeURIComponent(organizationId)}/offers`;

export const offerImportApi = {
  /** Downloads (Content-Disposition attachment): the browser saves them. */
  templateUrl: (slug: string, organizationId: string, format: 'csv' | 'xlsx') =>
    `/api/v1${base(slug, organizationId)}/import-template.${format}`,
  upload: (slug: string, organizationId: string, file: File, dryRun: boolean): Promise<ImportReport> => {
    const form = new FormData();
    form.append('dryRun', String(dryRun));
    form.append('file', file);
    return request('POST', `${base(slug, organizationId)}/import`, form);
  },
};
