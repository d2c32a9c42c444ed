// The execution report's API calls (agents and admins of the département).
import type { ExecutionReport, ReportFiche, ReportFicheWrite } from '@catalogue/contracts';
import { request } from '../app/api.js';

const base = (slug: string) => `/tenants/${encodeURIComponent(slug)}/reports/execution`;

export const reportApi = {
  get: (slug: string, year: number, signal?: AbortSignal): Promise<ExecutionReport> =>
    request('GET', `${base(slug)}?year=${year}`, undefined, signal),
  saveFiche: (slug: string, year: number, ficheId: string, body: ReportFicheWrite): Promise<ReportFiche> =>
    request('PUT', `${base(slug)}/${year}/fiches/${encodeURIComponent(ficheId)}`, body),
  pdfUrl: (slug: string, year: number): string => `/api/v1${base(slug)}.pdf?year=${year}`,
  xlsxUrl: (slug: string, year: number): string => `/api/v1${base(slug)}.xlsx?year=${year}`,
};
