// Who may do what with the bilans routes, route by route (filled in with the module's routes).
import type { AccessCase } from '../../common/access/access-cases.js';

export const BILANS_CASES: AccessCase[] = [];
