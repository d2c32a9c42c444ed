// The vocabulary of registrations (inscriptions and prescriptions), shared by the API and the web.

/** Where a registration stands. See apps/api/src/modules/registrations/registration-lifecycle.ts. */
export const REGISTRATION_STATUSES = [
  'pending',
  'accepted',
  'waitlisted',
  'refused',
  'cancelled',
  'expired',
  'attended',
  'absent',
  'completed',
  'dropped_out',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** How an offer gives its seats: at once while there are some, or once the structure accepts. */
export type SeatAllocation = 'automatic' | 'review';

/** Why a structure refuses a registration (« autre » comes with a message). */
export const REFUSAL_REASONS = ['full', 'prerequisites_not_met', 'unreachable', 'duplicate', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** What became of the person at the end of the action. */
export const REGISTRATION_OUTCOMES = [
  'employment',
  'training',
  'other_insertion_action',
  'no_follow_up',
  'gave_up',
] as const;
export type RegistrationOutcome = (typeof REGISTRATION_OUTCOMES)[number];

/** Who acts on a registration. */
export type RegistrationActorKind = 'person' | 'referent' | 'structure' | 'system';

/** A session's attendance, as the structure records it. */
export type AttendanceValue = 'present' | 'absent' | 'excused';
