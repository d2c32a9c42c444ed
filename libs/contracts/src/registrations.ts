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

// ---- People -----------------------------------------------------------------------------------

/** The person's situation, for the département's statistics only. */
export const PERSON_SITUATIONS = ['rsa', 'young', 'job_seeker', 'other'] as const;
export type PersonSituation = (typeof PERSON_SITUATIONS)[number];
export const AGE_BANDS = ['under-26', '26-44', '45-54', '55-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const SEXES = ['female', 'male', 'unspecified'] as const;
export type Sex = (typeof SEXES)[number];
export const CONSENT_METHODS = ['oral', 'written'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const ATTENDANCE_VALUES = ['present', 'absent', 'excused'] as const satisfies readonly AttendanceValue[];
export const SEAT_ALLOCATIONS = ['automatic', 'review'] as const satisfies readonly SeatAllocation[];
/** How a registration was made. */
export type RegistrationChannel = 'self' | 'prescription';

/** The minimum a referent records about a person they register (no birth date, no social security or CAF number). */
export interface PersonInput {
  firstName: string;
  lastName: string;
  /** One contact channel at least: email or mobile. */
  email?: string | null;
  phone?: string | null;
  communeInsee: string;
  situation: PersonSituation;
  ageBand: AgeBand;
  sex: Sex;
}

/** « La personne est d'accord et a été informée du traitement de ses données ». */
export interface ConsentInput {
  obtained: true;
  how: ConsentMethod;
}

/** POST /tenants/{slug}/offers/{offerId}/registrations */
export interface RegistrationRequest {
  /** Required when the offer has upcoming sessions; absent for an offer with continuous intake. */
  sessionId?: string | null;
  /** A referent's registration of someone else; absent when a beneficiary registers themself. */
  person?: PersonInput;
  consent?: ConsentInput;
  /** To the structure: no sensitive data (health, justice, social security number…). */
  message?: string | null;
}

/** A warning that does not block the registration. */
export type RegistrationWarning = 'already_registered_to_offer';

export interface RegistrationCreated {
  id: string;
  status: RegistrationStatus;
  /** 1 for the first waiting, when wait-listed. */
  waitlistPosition?: number;
  warnings: RegistrationWarning[];
}

/** How a registration shows the person: to the person, their referent and the structure only. */
export interface RegistrationPerson {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  communeInsee: string | null;
  commune: string | null;
  situation: PersonSituation | null;
  ageBand: AgeBand | null;
  sex: Sex | null;
  /** The person has an account here (they follow the registration in their space). */
  hasAccount: boolean;
}

export interface RegistrationSessionRef {
  id: string;
  startsAt: string;
  endsAt: string | null;
  capacity: number;
  accepted: number;
  waitlist: number;
}

/** One line of a list (GET /tenants/{slug}/registrations). */
export interface RegistrationItem {
  id: string;
  status: RegistrationStatus;
  channel: RegistrationChannel;
  offer: { id: string; title: string; access: string; seatAllocation: SeatAllocation; cancellationCutoffHours: number };
  organization: { id: string; name: string };
  session: RegistrationSessionRef | null;
  person: RegistrationPerson;
  referent: { id: string; name: string; email: string; organizationName: string | null } | null;
  waitlistPosition: number | null;
  refusalReason: RefusalReason | null;
  refusalMessage: string | null;
  cancelledBy: RegistrationActorKind | null;
  /** An absence announced (late cancellation, or recorded « excusé »). */
  excused: boolean;
  /** The attendance recorded (kept once the outcome is noted); `excused` for a late cancellation. */
  attendance: AttendanceValue | null;
  outcome: RegistrationOutcome | null;
  message: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the one reading may do now (from the policy and the state machine). */
  can: {
    cancel: boolean;
    accept: boolean;
    refuse: boolean;
    waitlist: boolean;
    attendance: boolean;
    outcome: boolean;
  };
  /** Cancelling now would be recorded as an excused absence (past the offer's cut-off). */
  lateCancellation: boolean;
}

export interface RegistrationPage {
  total: number;
  page: number;
  pageSize: number;
  items: RegistrationItem[];
}

export interface RegistrationHistoryEntry {
  at: string;
  event: string;
  from: RegistrationStatus | null;
  to: RegistrationStatus;
  actorKind: RegistrationActorKind;
  actor: { id: string; name: string } | null;
  detail: string | null;
}

export interface RegistrationDetail extends RegistrationItem {
  consent: { how: ConsentMethod; by: { id: string; name: string } | null; at: string } | null;
  history: RegistrationHistoryEntry[];
}

/** GET /tenants/{slug}/registrations/stats: aggregate counts for the département (no person). */
export interface RegistrationStats {
  byStatus: Record<RegistrationStatus, number>;
  byChannel: Record<RegistrationChannel, number>;
  /** Registrations waiting on wait lists now, and how many were promoted from one. */
  waitlisted: number;
  promoted: number;
  /** Among accepted people whose attendance was recorded: absent without excuse. */
  noShows: number;
  /** Median time from request to the structure's first decision, in hours (null without decisions). */
  medianHoursToDecision: number | null;
  /** Sessions that started or start within 90 days, fullest first. */
  sessions: {
    id: string;
    offerId: string;
    offerTitle: string;
    startsAt: string;
    capacity: number;
    accepted: number;
    waitlist: number;
    /** accepted / capacity, 0..1 */
    fillRate: number;
  }[];
}

/** The kinds of email a structure's member may opt out of. */
export const REGISTRATION_NOTIFICATION_KINDS = ['new_registration', 'cancellation', 'pending_reminder'] as const;
export type RegistrationNotificationKind = (typeof REGISTRATION_NOTIFICATION_KINDS)[number];
export type RegistrationNotificationSettings = Record<RegistrationNotificationKind, boolean>;

/** POST …/offers/{offerId}/sessions/{sessionId}/capacity */
export interface SessionCapacityResult {
  capacity: number;
  accepted: number;
  waitlist: number;
  /** People of the wait list accepted by this change. */
  promoted: number;
}
