import { everyone, type AccessCase, type MatrixContext } from '../../common/access/access-cases.js';
import { planToWrite, type Plan } from '@catalogue/contracts';
import { makePlan } from '../../testing/factories.js';
import { ADMIN_ONLY } from '../audit/audit.access-cases.js';

/** The tenant's plan, written once if it has none (other modules' cases may have made it). */
async function currentPlan(c: MatrixContext): Promise<Plan> {
  const path = `/api/v1/tenants/${c.tenant.slug}/plan`;
  let res = await c.t.http.get(path);
  if (res.status === 404) {
    await makePlan(c.owner, c.tenant);
    res = await c.t.http.get(path);
  }
  return res.body as Plan;
}

export const PLAN_CASES: AccessCase[] = [
  {
    route: 'GET /tenants/:slug/plan',
    expect: everyone(200),
    request: async (c) => {
      await currentPlan(c);
      return { path: `/tenants/${c.tenant.slug}/plan` };
    },
  },
  {
    // The plan sent back as it is (ids kept): what calls or agreements name stays.
    route: 'PUT /tenants/:slug/plan',
    expect: ADMIN_ONLY,
    request: async (c) => {
      const { expectedUpdatedAt: _, ...body } = planToWrite(await currentPlan(c));
      return { path: `/tenants/${c.tenant.slug}/plan`, body };
    },
  },
];
