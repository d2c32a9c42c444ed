// Who may do what with the routes of this module (The admins' import of a data·inclusion file (structures and services), dry run first.). Filled with the module's routes.
import type { AccessCase } from '../../common/access/access-cases.js';

export const DATA_INCLUSION_IMPORT_CASES: AccessCase[] = [];
