// Who may do what with the routes of this module (The tenants' API keys: machines reading the non-public read routes.). Filled with the module's routes.
import type { AccessCase } from '../../common/access/access-cases.js';

export const API_KEYS_CASES: AccessCase[] = [];
