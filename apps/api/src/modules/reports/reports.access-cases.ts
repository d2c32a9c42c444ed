// Who may do what with the reports routes, route by route (filled in with the module's routes).
import type { AccessCase } from '../../common/access/access-cases.js';

export const REPORTS_CASES: AccessCase[] = [];
