/**
 * Every table that belongs to one tenant. Each has `tenant_id`, an index starting with it and a
 * row-level security policy (ENABLE + FORCE); the isolation tests run over this whole list, so a
 * new tenant table is added here in the same change as its migration.
 */
export const TENANT_TABLES = [
  'territory',
  'organization',
  'offer',
  'offer_place',
  'offer_session',
  'search_term',
  'catalogue_version',
  'membership',
  'invitation',
  'offer_revision',
  'offer_event',
  'audit_log',
  'organization_change',
  'registration_person',
  'registration',
  'registration_event',
  'registration_notification_opt_out',
  'insertion_plan',
  'plan_axis',
  'plan_fiche',
  'plan_indicator',
  'funding_call',
  'funding_call_fiche',
  'funding_call_document',
  'funding_call_instructor',
  'funding_call_event',
  'application',
  'application_document',
  'application_event',
  'application_score',
  'agreement',
  'agreement_event',
] as const;
