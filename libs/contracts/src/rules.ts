// The rules every writer of an offer or a structure follows, once for the API (class-validator
// decorators take these constants, the services call the cross-field rules) and the web forms
// (which check the same before sending). Pure: no Node-only imports.

/** Length and count limits of what people write. */
export const LIMITS = {
  /** An email address (RFC 5321 path limit). */
  email: 254,
  offer: {
    title: 200,
    summary: 500,
    description: 10_000,
    eligibility: 5_000,
    costDetails: 500,
    address: 300,
    label: 200,
    contactName: 200,
    planMeasure: 200,
    places: 50,
    sessions: 200,
    zoneAreas: 1000,
    capacity: 10_000,
    /** An agent's comment when asking for changes. */
    reviewComment: 2000,
    reviewCommentMin: 3,
  },
  organization: {
    name: 200,
    description: 5000,
    address: 300,
    website: 300,
    message: 1000,
  },
  registration: {
    firstName: 100,
    lastName: 100,
    /** The free text to the structure (a referent's or a beneficiary's). */
    message: 2000,
    /** A refusal's or a cancellation's explanation. */
    reason: 1000,
    /** The offer's cancellation cut-off, in hours before the session (30 days at most). */
    cutoffHoursMax: 720,
    pageSize: 50,
  },
} as const;

const NOT_IN_ADDRESS = String.raw`\s@,;:<>()[\]\\"`;
/**
 * An email address as the platform accepts it, everywhere: one `@`, a dotted domain whose last
 * label has two characters at least, and none of the characters that would split or quote an
 * address in a mail header (spaces, `,;:<>()[]\"`). Letters beyond ASCII are allowed.
 */
export const EMAIL_PATTERN = new RegExp(
  `^[^${NOT_IN_ADDRESS}]+@[^${NOT_IN_ADDRESS}]+\\.[^${NOT_IN_ADDRESS}.]{2,}$`,
  'u',
);

/** A phone number as people write it: digits, spaces, dots, dashes, parentheses, a leading `+`; 6 to 30 characters. */
export const PHONE_PATTERN = /^\+?[0-9(][0-9 .()-]{5,29}$/;

export const isEmailAddress = (value: string): boolean => value.length <= LIMITS.email && EMAIL_PATTERN.test(value);
export const isPhoneNumber = (value: string): boolean => PHONE_PATTERN.test(value);

// ---- Cross-field rules ---------------------------------------------------------------------

/** One broken rule: the API field it names (as in a 400's `fields`), a code, and an English message. */
export interface FieldError<R extends string = OfferRule | PersonRule> {
  field: string;
  rule: R;
  message: string;
}

export type OfferRule = 'paidNeedsCostDetails' | 'allAudiencesAlone' | 'zoneNeedsAreas' | 'sessionEndsBeforeStart';
/** The rules of a département's settings. */
export type SettingsRule = 'reminderBeforeExpiry';
/** The rules of a person a referent registers. */
export type PersonRule = 'contactNeeded';

/** What the cross-field rules of an offer read: the whole offer after the edit (a form, or stored values merged with a PATCH). */
export interface OfferRulesInput {
  cost?: string | null;
  costDetails?: string | null;
  audiences?: readonly string[];
  diffusionZone?: { type: string; areaCount: number };
  sessions?: readonly { startsAt: string | null; endsAt?: string | null }[];
}

/** The audience that stands for everyone, never combined with another (ALL_AUDIENCES of @catalogue/domain). */
const ALL_AUDIENCES_CODE = 'tous-publics';

/**
 * The rules that tie an offer's fields together, each failure naming its API field:
 * a paid offer says what it costs; « tous publics » stands alone; a zone other than the whole
 * département lists its areas; a session does not end before it starts.
 */
export function offerFieldErrors(o: OfferRulesInput): FieldError<OfferRule>[] {
  const errors: FieldError<OfferRule>[] = [];
  if (o.cost === 'payant' && !o.costDetails?.trim())
    errors.push({
      field: 'costDetails',
      rule: 'paidNeedsCostDetails',
      message: 'costDetails must describe the cost of a paid offer',
    });
  if (o.audiences?.includes(ALL_AUDIENCES_CODE) && o.audiences.length > 1)
    errors.push({
      field: 'audiences',
      rule: 'allAudiencesAlone',
      message: "audiences 'tous-publics' cannot be combined with other audiences",
    });
  if (o.diffusionZone && o.diffusionZone.type !== 'departement' && o.diffusionZone.areaCount === 0)
    errors.push({
      field: 'diffusionZone.areas',
      rule: 'zoneNeedsAreas',
      message: 'diffusionZone.areas must hold at least one area',
    });
  (o.sessions ?? []).forEach((s, i) => {
    const start = s.startsAt ? Date.parse(s.startsAt) : NaN;
    const end = s.endsAt ? Date.parse(s.endsAt) : NaN;
    if (end < start)
      errors.push({
        field: `sessions.${i}.endsAt`,
        rule: 'sessionEndsBeforeStart',
        message: `sessions.${i}.endsAt must not be before startsAt`,
      });
  });
  return errors;
}

/**
 * The person a referent registers is reachable: an email or a mobile number at least (both
 * checked for their form by the field rules). Names the `person.email` field.
 */
export function personFieldErrors(p: { email?: string | null; phone?: string | null }): FieldError<PersonRule>[] {
  return p.email?.trim() || p.phone?.trim()
    ? []
    : [{ field: 'person.email', rule: 'contactNeeded', message: 'person.email or person.phone is required' }];
}

/** An offer's registration settings when its structure leaves them out. */
export const OFFER_REGISTRATION_DEFAULTS = { seatAllocation: 'automatic', cancellationCutoffHours: 24 } as const;

/** A département's registration delays and personal-data retention (TenantSettings): bounds and defaults. */
export const TENANT_DELAYS = {
  registrationReminderDays: { min: 1, max: 90, default: 7 },
  registrationExpiryDays: { min: 2, max: 365, default: 30 },
  personalDataRetentionMonths: { min: 1, max: 120, default: 24 },
} as const;

/**
 * A pending registration reminds its structure before it expires: the reminder delay is shorter
 * than the expiry delay. Names the `registrationExpiryDays` field.
 */
export function tenantSettingsErrors(s: {
  registrationReminderDays: number;
  registrationExpiryDays: number;
}): FieldError<SettingsRule>[] {
  return s.registrationReminderDays < s.registrationExpiryDays
    ? []
    : [
        {
          field: 'registrationExpiryDays',
          rule: 'reminderBeforeExpiry',
          message: 'registrationExpiryDays must be greater than registrationReminderDays',
        },
      ];
}
