// Who may do what with the routes of this module (The open data export in the data·inclusion schema (structures and services, JSON and CSV).). Filled with the module's routes.
import type { AccessCase } from '../../common/access/access-cases.js';

export const DATA_INCLUSION_EXPORT_CASES: AccessCase[] = [];
