// Who may read the indicators: the département's agents and admins; a structure's people are
// refused (403), anyone else (another département, the platform, a person) sees nothing (404).
import { signedIn, type AccessCase, type MatrixRole } from '../../common/access/access-cases.js';

const staffOnly: Record<MatrixRole, number> = signedIn(403, {
  agent: 200,
  admin: 200,
  other_agent: 404,
  platform_admin: 404,
});

export const INDICATORS_CASES: AccessCase[] = [
  { route: 'GET /tenants/:slug/indicators', expect: staffOnly },
  {
    route: 'GET /tenants/:slug/indicators.csv',
    expect: staffOnly,
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/indicators.csv?table=themes` }),
  },
];
