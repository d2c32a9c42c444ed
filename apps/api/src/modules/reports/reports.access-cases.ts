// Who may do what with the reports routes: the département's agents and admins read and write;
// other roles of the tenant are refused; strangers see nothing.
import { signedIn, type AccessCase, type MatrixContext, type MatrixRole } from '../../common/access/access-cases.js';
import type { Plan } from '@catalogue/contracts';
import { makePlan } from '../../testing/factories.js';

const staff: Record<MatrixRole, number> = signedIn(403, {
  agent: 200,
  admin: 200,
  other_agent: 404,
  platform_admin: 404,
});

/** The tenant's current plan, written once if it has none (other modules' cases may have made it). */
async function planOf(c: MatrixContext): Promise<Plan> {
  const path = `/api/v1/tenants/${c.tenant.slug}/plan`;
  let res = await c.t.http.get(path);
  if (res.status === 404) {
    await makePlan(c.owner, c.tenant);
    res = await c.t.http.get(path);
  }
  return res.body as Plan;
}

const read = (suffix: string) => async (c: MatrixContext) => {
  await planOf(c);
  return { path: `/tenants/${c.tenant.slug}/reports/execution${suffix}?year=2025` };
};

export const REPORTS_CASES: AccessCase[] = [
  { route: 'GET /tenants/:slug/reports/execution', expect: staff, request: read('') },
  { route: 'GET /tenants/:slug/reports/execution.pdf', expect: staff, request: read('.pdf') },
  { route: 'GET /tenants/:slug/reports/execution.xlsx', expect: staff, request: read('.xlsx') },
  {
    route: 'PUT /tenants/:slug/reports/execution/:year/fiches/:ficheId',
    expect: staff,
    request: async (c) => {
      const fiche = (await planOf(c)).axes[0]!.fiches[0]!;
      return {
        path: `/tenants/${c.tenant.slug}/reports/execution/2025/fiches/${fiche.id}`,
        body: { progress: 'Action lancée au printemps.' },
      };
    },
  },
];
