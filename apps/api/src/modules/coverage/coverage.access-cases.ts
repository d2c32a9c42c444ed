// Who may do what with the coverage routes: the département's staff (agents, admins); other
// professionals of the tenant are refused, another tenant's staff does not see it exists.
import { signedIn, type AccessCase } from '../../common/access/access-cases.js';

export const COVERAGE_CASES: AccessCase[] = [
  {
    route: 'GET /tenants/:slug/coverage',
    expect: signedIn(403, { agent: 200, admin: 200, other_agent: 404, platform_admin: 404 }),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/coverage?theme=mobilite` }),
  },
];
