// The referent's form to register a person: its state, the same checks as the API (limits, email
// and phone forms, the shared « email or mobile » rule), the request it sends, and the API's field
// names brought back to the form's fields. Pure: unit-tested in node.
import {
  LIMITS,
  isEmailAddress,
  isPhoneNumber,
  personFieldErrors,
  type AgeBand,
  type ConsentMethod,
  type PersonSituation,
  type RegistrationRequest,
  type Sex,
} from '@catalogue/contracts';

export interface PrescriptionForm {
  sessionId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** The commune chosen in the list (INSEE code), null until then. */
  communeInsee: string | null;
  situation: PersonSituation | '';
  ageBand: AgeBand | '';
  sex: Sex;
  consent: boolean;
  consentHow: ConsentMethod | '';
  message: string;
}

export const emptyPrescriptionForm = (sessionId = ''): PrescriptionForm => ({
  sessionId,
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  communeInsee: null,
  situation: '',
  ageBand: '',
  sex: 'unspecified',
  consent: false,
  consentHow: '',
  message: '',
});

export type PrescriptionField = keyof Omit<PrescriptionForm, 'communeInsee'> | 'commune';

/** The French message of each field when it is wrong (also used when the API names the field). */
export const FIELD_MESSAGES: Record<PrescriptionField, string> = {
  sessionId: 'Choisissez une session.',
  firstName: 'Indiquez le prénom de la personne.',
  lastName: 'Indiquez le nom de la personne.',
  email: 'Adresse électronique invalide (exemple : nom@domaine.fr).',
  phone: 'Numéro de mobile invalide (exemple : 06 12 34 56 78).',
  commune: 'Choisissez la commune de la personne dans la liste proposée.',
  situation: 'Choisissez la situation de la personne.',
  ageBand: 'Choisissez la tranche d’âge de la personne.',
  sex: 'Choisissez le sexe, ou « Non renseigné ».',
  consent:
    'Cochez la case une fois l’accord de la personne obtenu et après l’avoir informée : sans son accord, l’inscription est impossible.',
  consentHow: 'Indiquez comment l’accord de la personne a été recueilli.',
  message: `Le message dépasse ${LIMITS.registration.message} caractères.`,
};
const CONTACT_NEEDED =
  'Indiquez une adresse électronique ou un numéro de mobile : la personne doit pouvoir être prévenue.';

/** The form's problems, by field, in French; empty when it can be sent. `needsSession`: the offer has upcoming sessions. */
export function validatePrescription(
  f: PrescriptionForm,
  needsSession: boolean,
): Partial<Record<PrescriptionField, string>> {
  const errors: Partial<Record<PrescriptionField, string>> = {};
  const limits = LIMITS.registration;
  if (needsSession && !f.sessionId) errors.sessionId = FIELD_MESSAGES.sessionId;
  if (!f.firstName.trim()) errors.firstName = FIELD_MESSAGES.firstName;
  else if (f.firstName.trim().length > limits.firstName)
    errors.firstName = `Le prénom dépasse ${limits.firstName} caractères.`;
  if (!f.lastName.trim()) errors.lastName = FIELD_MESSAGES.lastName;
  else if (f.lastName.trim().length > limits.lastName)
    errors.lastName = `Le nom dépasse ${limits.lastName} caractères.`;
  const email = f.email.trim();
  const phone = f.phone.trim();
  if (email && !isEmailAddress(email)) errors.email = FIELD_MESSAGES.email;
  if (phone && !isPhoneNumber(phone)) errors.phone = FIELD_MESSAGES.phone;
  // The shared rule (the API applies the same): one contact channel at least.
  for (const e of personFieldErrors({ email, phone })) {
    const key = fieldOfApiParameter(e.field);
    if (key && e.rule === 'contactNeeded') errors[key] ??= CONTACT_NEEDED;
  }
  if (!f.communeInsee) errors.commune = FIELD_MESSAGES.commune;
  if (!f.situation) errors.situation = FIELD_MESSAGES.situation;
  if (!f.ageBand) errors.ageBand = FIELD_MESSAGES.ageBand;
  if (!f.consent) errors.consent = FIELD_MESSAGES.consent;
  else if (!f.consentHow) errors.consentHow = FIELD_MESSAGES.consentHow;
  if (f.message.length > limits.message) errors.message = FIELD_MESSAGES.message;
  return errors;
}

/** The request for a valid form (call validatePrescription first). */
export function prescriptionRequest(f: PrescriptionForm): RegistrationRequest {
  return {
    ...(f.sessionId ? { sessionId: f.sessionId } : {}),
    person: {
      firstName: f.firstName.trim(),
      lastName: f.lastName.trim(),
      email: f.email.trim() || null,
      phone: f.phone.trim() || null,
      communeInsee: f.communeInsee ?? '',
      situation: f.situation as PersonSituation,
      ageBand: f.ageBand as AgeBand,
      sex: f.sex,
    },
    consent: { obtained: true, how: f.consentHow as ConsentMethod },
    message: f.message.trim() || null,
  };
}

/** An API field (`person.communeInsee`, `consent.how`, `sessionId`…) → the form's field; null when it names none. */
export function fieldOfApiParameter(parameter: string | undefined): PrescriptionField | null {
  if (!parameter) return null;
  const p = parameter.replace(/\[(\d+)\]/g, '.$1');
  if (p === 'sessionId') return 'sessionId';
  if (p === 'message') return 'message';
  if (p === 'consent.how') return 'consentHow';
  if (p === 'consent' || p.startsWith('consent.')) return 'consent';
  if (p === 'person') return 'firstName';
  const m = p.match(/^person\.(\w+)/);
  if (!m) return null;
  const sub = m[1]!;
  if (sub === 'communeInsee') return 'commune';
  return (
    (['firstName', 'lastName', 'email', 'phone', 'situation', 'ageBand', 'sex'] as const).find((k) => k === sub) ?? null
  );
}
