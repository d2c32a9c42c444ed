// Client of the data·inclusion import (multipart: the file and the admin's choices).
import type { ImportReport } from '@catalogue/contracts';
import { request } from '../app/api.js';

export interface ImportChoices {
  offerStatus: 'draft' | 'published';
  structureStatus: 'validated' | 'pending';
}

export const dataInclusionImportApi = {
  run: (slug: string, file: File, choices: ImportChoices, dryRun: boolean): Promise<ImportReport> => {
    const form = new FormData();
    form.append('dryRun', String(dryRun));
    form.append('offerStatus', choices.offerStatus);
    form.append('structureStatus', choices.structureStatus);
    form.append('file', file);
    return request('POST', `/tenants/${encodeURIComponent(slug)}/data-inclusion/import`, form);
  },
};
