// Who may do what with the routes of this module (The partners' spreadsheet import of offers (CSV or XLSX), dry run first, drafts submitted for moderation.). Filled with the module's routes.
import type { AccessCase } from '../../common/access/access-cases.js';

export const OFFER_IMPORT_CASES: AccessCase[] = [];
