import type { AccessCase } from '../common/access/access-cases.js';
import { PUBLIC_CASES } from '../common/access/public.access-cases.js';
import { AUTH_CASES } from '../modules/auth/auth.access-cases.js';
import { ORGANIZATION_CASES } from '../modules/organizations/organizations.access-cases.js';
import { OFFERS_CASES } from '../modules/offers/offers.access-cases.js';
import { MAIL_CASES } from '../modules/mail/mail.access-cases.js';
import { AUDIT_CASES } from '../modules/audit/audit.access-cases.js';
import { PLATFORM_CASES } from '../modules/platform/platform.access-cases.js';
import { PRIVACY_CASES } from '../modules/privacy/privacy.access-cases.js';
import { REGISTRATIONS_CASES } from '../modules/registrations/registrations.access-cases.js';
import { PLAN_CASES } from '../modules/plan/plan.access-cases.js';
import { APPLICATIONS_CASES } from '../modules/applications/applications.access-cases.js';
import { AGREEMENTS_CASES } from '../modules/agreements/agreements.access-cases.js';
import { CALLS_CASES } from '../modules/calls/calls.access-cases.js';
import { BILANS_CASES } from '../modules/bilans/bilans.access-cases.js';
import { INDICATORS_CASES } from '../modules/indicators/indicators.access-cases.js';
import { COVERAGE_CASES } from '../modules/coverage/coverage.access-cases.js';
import { REPORTS_CASES } from '../modules/reports/reports.access-cases.js';
import { DATA_INCLUSION_EXPORT_CASES } from '../modules/data-inclusion-export/data-inclusion-export.access-cases.js';
import { DATA_INCLUSION_IMPORT_CASES } from '../modules/data-inclusion-import/data-inclusion-import.access-cases.js';
import { OFFER_IMPORT_CASES } from '../modules/offer-import/offer-import.access-cases.js';
import { API_KEYS_CASES } from '../modules/api-keys/api-keys.access-cases.js';

/** Every module's cases. A module that adds routes adds its list here. */
export const ALL_ACCESS_CASES: AccessCase[] = [
  ...PUBLIC_CASES,
  ...AUTH_CASES,
  ...ORGANIZATION_CASES,
  ...OFFERS_CASES,
  ...MAIL_CASES,
  ...AUDIT_CASES,
  ...PLATFORM_CASES,
  ...REGISTRATIONS_CASES,
  ...PRIVACY_CASES,
  ...PLAN_CASES,
  ...APPLICATIONS_CASES,
  ...AGREEMENTS_CASES,
  ...CALLS_CASES,
  ...BILANS_CASES,
  ...INDICATORS_CASES,
  ...COVERAGE_CASES,
  ...REPORTS_CASES,
  ...DATA_INCLUSION_EXPORT_CASES,
  ...DATA_INCLUSION_IMPORT_CASES,
  ...OFFER_IMPORT_CASES,
  ...API_KEYS_CASES,
];
