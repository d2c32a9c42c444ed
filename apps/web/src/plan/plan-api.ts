// The plan's API calls (GET public, PUT for the admins).
import type { Plan, PlanSaved, PlanWrite } from '@catalogue/contracts';
import { request } from '../app/api.js';

const path = (slug: string) => `/tenants/${encodeURIComponent(slug)}/plan`;

export const planApi = {
  get: (slug: string, signal?: AbortSignal): Promise<Plan> => request('GET', path(slug), undefined, signal),
  /** The plan or null while the département has not entered one (404). */
  find: (slug: string, signal?: AbortSignal): Promise<Plan | null> =>
    planApi.get(slug, signal).catch((e: { status?: number }) => {
      if (e.status === 404) return null;
      throw e;
    }),
  save: (slug: string, body: PlanWrite & { expectedUpdatedAt?: string | null }): Promise<PlanSaved> =>
    request('PUT', path(slug), body),
};
