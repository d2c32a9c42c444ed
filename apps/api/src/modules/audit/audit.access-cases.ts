import { signedIn, type AccessCase } from '../../common/access/access-cases.js';

/** Département admins only; anyone else of the tenant 403, strangers to it 404. */
export const ADMIN_ONLY = signedIn(403, { admin: 200, other_agent: 404, platform_admin: 404 });

export const AUDIT_CASES: AccessCase[] = [{ route: 'GET /tenants/:slug/audit', expect: ADMIN_ONLY }];
