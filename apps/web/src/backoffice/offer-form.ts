// The offer form's state, and its conversions to and from the API (pure, unit-tested in node).
// The form holds text as typed (dates as `datetime-local` values, capacity as a string); the API
// gets the OfferWrite shape, and errors are French messages keyed by field.
import {
  isEmailAddress,
  isPhoneNumber,
  LIMITS,
  OFFER_REGISTRATION_DEFAULTS,
  offerFieldErrors,
  type DiffusionZones,
  type OfferDetail,
  type OfferRule,
  type OfferWrite,
  type SeatAllocation,
  type UpdateFrequencyMonths,
  type ZoneChoice,
} from '@catalogue/contracts';

export type ZoneType = OfferWrite['diffusionZone']['type'];
export type AccessCode = OfferWrite['access'];

export interface PlaceForm {
  /** Stable key for React lists (not sent). */
  key: string;
  label: string;
  address: string;
  commune: { insee: string; label: string } | null;
  lat: number | null;
  lng: number | null;
}

export interface SessionForm {
  key: string;
  id?: string | undefined;
  /** `YYYY-MM-DDTHH:mm`, local time (the value of an `<input type="datetime-local">`). */
  startsAt: string;
  endsAt: string;
  capacity: string;
  /** A stored session's registrations, shown beside it (not sent). */
  held?: { booked: number; waitlist: number } | undefined;
}

/** The code lists, held as the API reads and writes them. */
const CODE_LISTS = ['themes', 'audiences', 'serviceTypes', 'modes', 'mobilisationModes', 'funding'] as const;
/** Texts sent trimmed (an empty one stays empty). */
const TEXTS = ['title', 'summary', 'description', 'eligibility'] as const;

/** One value per key, from a list of keys. */
const eachOf = <K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;

/** The offer's fields as the form holds them: code lists as the API has them, texts as typed. */
export interface OfferForm
  extends Pick<OfferDetail, (typeof CODE_LISTS)[number]>, Record<(typeof TEXTS)[number] | 'costDetails', string> {
  /** The plan's fiche, '' for none. */
  ficheId: string;
  cost: '' | 'gratuit' | 'payant';
  access: '' | AccessCode;
  places: PlaceForm[];
  zoneType: ZoneType;
  zoneAreas: { code: string; name: string }[];
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  sessions: SessionForm[];
  seatAllocation: SeatAllocation;
  /** Hours, as typed. */
  cancellationCutoffHours: string;
  updateFrequencyMonths: UpdateFrequencyMonths;
}

/** The API's limits (@catalogue/contracts LIMITS), under the names the form's fields use. */
export const OFFER_LIMITS = {
  titleMax: LIMITS.offer.title,
  summaryMax: LIMITS.offer.summary,
  descriptionMax: LIMITS.offer.description,
  commentMax: LIMITS.offer.reviewComment,
  capacityMax: LIMITS.offer.capacity,
  cutoffHoursMax: LIMITS.registration.cutoffHoursMax,
} as const;

let counter = 0;
export const newKey = (): string => `k${++counter}`;

export function emptyOfferForm(): OfferForm {
  return {
    ...eachOf([...TEXTS, 'costDetails'], () => ''),
    ...eachOf(CODE_LISTS, (): string[] => []),
    ficheId: '',
    cost: 'gratuit',
    access: '',
    places: [],
    zoneType: 'departement',
    zoneAreas: [],
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    sessions: [],
    seatAllocation: OFFER_REGISTRATION_DEFAULTS.seatAllocation,
    cancellationCutoffHours: String(OFFER_REGISTRATION_DEFAULTS.cancellationCutoffHours),
    updateFrequencyMonths: 6,
  };
}

export const emptyPlace = (): PlaceForm => ({
  key: newKey(),
  label: '',
  address: '',
  commune: null,
  lat: null,
  lng: null,
});
export const emptySession = (): SessionForm => ({ key: newKey(), startsAt: '', endsAt: '', capacity: '' });

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO instant as the local `YYYY-MM-DDTHH:mm` of a datetime-local input. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) as an ISO instant; null when empty or malformed. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const codeOf = <T extends string>(value: string, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** The form filled from an offer read from the API (its pending revision's content if any). */
export function offerFormFromDetail(
  o: OfferDetail,
  updateFrequencyMonths: UpdateFrequencyMonths = 6,
  communeLabel?: (insee: string, name: string) => string,
): OfferForm {
  return {
    ...eachOf([...TEXTS, 'costDetails'], (k) => o[k] ?? ''),
    ...eachOf(CODE_LISTS, (k) => [...o[k]]),
    ficheId: o.fiche?.id ?? '',
    cost: codeOf(o.cost, ['gratuit', 'payant'] as const, ''),
    access: codeOf(o.access, ['prescription', 'self_registration', 'open'] as const, ''),
    places: o.places.map((p) => ({
      key: newKey(),
      label: p.label ?? '',
      address: p.address,
      commune: { insee: p.communeInsee, label: communeLabel ? communeLabel(p.communeInsee, p.commune) : p.commune },
      lat: p.lat,
      lng: p.lng,
    })),
    zoneType: codeOf(o.diffusionZone.type, ['communes', 'epci', 'territory', 'departement'] as const, 'departement'),
    zoneAreas: o.diffusionZone.areas.map((a) => ({ code: a.code, name: a.name })),
    contactName: o.contact.name ?? '',
    contactEmail: o.contact.email ?? '',
    contactPhone: o.contact.phone ?? '',
    sessions: o.sessions.map((s) => ({
      key: newKey(),
      id: s.id,
      startsAt: isoToLocalInput(s.startsAt),
      endsAt: isoToLocalInput(s.endsAt),
      capacity: String(s.capacity),
      held: { booked: Math.max(0, s.capacity - s.placesLeft), waitlist: s.waitlist },
    })),
    seatAllocation: codeOf(o.seatAllocation, ['automatic', 'review'] as const, 'automatic'),
    cancellationCutoffHours: String(o.cancellationCutoffHours),
    updateFrequencyMonths,
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** The body of POST/PATCH …/offers from a form (call validateOfferForm first). */
export function offerWriteFromForm(f: OfferForm, organizationId?: string): OfferWrite {
  return {
    ...eachOf(TEXTS, (k) => f[k].trim()),
    ...eachOf(CODE_LISTS, (k) => [...f[k]]),
    ficheId: f.ficheId || null,
    ...(organizationId ? { organization: { id: organizationId } } : {}),
    ...(f.cost ? { cost: f.cost } : {}),
    costDetails: f.cost === 'payant' ? orNull(f.costDetails) : null,
    access: f.access as AccessCode,
    places: f.places.map((p) => ({
      label: orNull(p.label),
      address: p.address.trim(),
      communeInsee: p.commune!.insee,
      lat: p.lat!,
      lng: p.lng!,
    })),
    diffusionZone: {
      type: f.zoneType,
      areas: f.zoneType === 'departement' ? [] : f.zoneAreas.map((a) => ({ code: a.code })),
    },
    contact: { name: orNull(f.contactName), email: orNull(f.contactEmail), phone: orNull(f.contactPhone) },
    sessions: f.sessions.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      startsAt: localInputToIso(s.startsAt)!,
      endsAt: s.endsAt ? localInputToIso(s.endsAt) : null,
      capacity: Number(s.capacity),
    })),
    seatAllocation: f.seatAllocation,
    cancellationCutoffHours: Number(f.cancellationCutoffHours),
    updateFrequencyMonths: f.updateFrequencyMonths,
  };
}

// ---- Diffusion zone ----------------------------------------------------------------------

/** Another zone type: the chosen areas only stay when the type does not change. */
export function withZoneType(f: OfferForm, type: ZoneType): OfferForm {
  return { ...f, zoneType: type, zoneAreas: type === f.zoneType ? f.zoneAreas : [] };
}

/** The choices of the picker for a type (communes are searched instead, the département has none). */
export function zoneChoicesOf(type: ZoneType, zones: DiffusionZones | undefined): ZoneChoice[] {
  if (!zones) return [];
  return type === 'epci' ? zones.epcis : type === 'territory' ? zones.territories : [];
}

/** The chosen areas from the checked codes: names from the areas already chosen, then from the choices. */
export function setZoneCodes(f: OfferForm, codes: readonly string[], choices: readonly ZoneChoice[]): OfferForm {
  const areas = [...new Set(codes)].map(
    (code) => f.zoneAreas.find((a) => a.code === code) ?? choices.find((c) => c.code === code) ?? { code, name: code },
  );
  return { ...f, zoneAreas: areas.map(({ code, name }) => ({ code, name })) };
}

/** Lower case, no accents, punctuation as spaces: "Communauté d'Agglo" matches "communaute d agglo". */
export const foldForFilter = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Choices whose name contains every typed word (any order), or whose code starts with the query. */
export function filterZoneChoices(choices: readonly ZoneChoice[], query: string): ZoneChoice[] {
  const words = foldForFilter(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...choices];
  const q = query.trim();
  return choices.filter((c) => {
    const name = foldForFilter(c.name);
    return c.code.startsWith(q) || words.every((w) => name.includes(w));
  });
}

/** Field ids of the form (for error messages and the error summary's links). */
export type OfferFieldKey = string;

/** French messages of the cross-field rules the API applies too (offerFieldErrors of @catalogue/contracts). */
const RULE_MESSAGES: Record<OfferRule, (f: OfferForm) => string> = {
  paidNeedsCostDetails: () => 'Précisez le coût pour la personne.',
  allAudiencesAlone: () => '« Tous publics » ne se combine pas avec d’autres publics.',
  zoneNeedsAreas: (f) =>
    ({
      communes: 'Ajoutez au moins une commune.',
      epci: 'Ajoutez au moins une intercommunalité.',
      territory: 'Ajoutez au moins un territoire.',
      departement: '',
    })[f.zoneType],
  sessionEndsBeforeStart: () => 'La fin doit suivre le début.',
};

/** French messages by field key (`title`, `places.0.commune`, `sessions.1.capacity`…); empty when valid. */
export function validateOfferForm(f: OfferForm): Record<OfferFieldKey, string> {
  const errors: Record<string, string> = {};
  if (f.title.trim() === '') errors.title = 'Donnez un titre à l’offre.';
  else if (f.title.trim().length > OFFER_LIMITS.titleMax)
    errors.title = `Le titre dépasse ${OFFER_LIMITS.titleMax} caractères.`;
  if (f.summary.trim().length > OFFER_LIMITS.summaryMax)
    errors.summary = `Le résumé dépasse ${OFFER_LIMITS.summaryMax} caractères.`;
  if (f.description.length > OFFER_LIMITS.descriptionMax)
    errors.description = `La description dépasse ${OFFER_LIMITS.descriptionMax} caractères.`;
  if (f.themes.length === 0) errors.themes = 'Choisissez au moins une thématique.';
  if (f.access === '') errors.access = 'Choisissez comment on accède à l’offre.';
  f.places.forEach((p, i) => {
    if (p.address.trim() === '') errors[`places.${i}.address`] = 'Indiquez l’adresse du lieu.';
    if (!p.commune) errors[`places.${i}.commune`] = 'Choisissez la commune dans la liste proposée.';
    if (p.lat === null || p.lng === null) errors[`places.${i}.pin`] = 'Placez le repère du lieu sur la carte.';
  });
  if (f.contactEmail.trim() && !isEmailAddress(f.contactEmail.trim()))
    errors.contactEmail = 'Adresse électronique invalide (exemple : nom@domaine.fr).';
  if (f.contactPhone.trim() && !isPhoneNumber(f.contactPhone.trim()))
    errors.contactPhone = 'Numéro de téléphone invalide (exemple : 04 75 00 00 00).';
  f.sessions.forEach((s, i) => {
    const start = localInputToIso(s.startsAt);
    if (!start) errors[`sessions.${i}.startsAt`] = 'Indiquez la date et l’heure de début.';
    const end = s.endsAt ? localInputToIso(s.endsAt) : null;
    if (s.endsAt && !end) errors[`sessions.${i}.endsAt`] = 'Date de fin invalide.';
    const cap = Number(s.capacity);
    if (s.capacity.trim() === '' || !Number.isInteger(cap) || cap < 1 || cap > OFFER_LIMITS.capacityMax)
      errors[`sessions.${i}.capacity`] = 'Nombre de places : un entier de 1 à 10 000.';
  });
  const cutoff = Number(f.cancellationCutoffHours);
  if (
    f.cancellationCutoffHours.trim() === '' ||
    !Number.isInteger(cutoff) ||
    cutoff < 0 ||
    cutoff > OFFER_LIMITS.cutoffHoursMax
  )
    errors.cancellationCutoffHours = `Délai d’annulation : un nombre entier d’heures, de 0 à ${OFFER_LIMITS.cutoffHoursMax}.`;
  const broken = offerFieldErrors({
    cost: f.cost,
    costDetails: f.costDetails,
    audiences: f.audiences,
    diffusionZone: { type: f.zoneType, areaCount: f.zoneAreas.length },
    sessions: f.sessions.map((s) => ({
      startsAt: localInputToIso(s.startsAt),
      endsAt: s.endsAt ? localInputToIso(s.endsAt) : null,
    })),
  });
  for (const e of broken) {
    const key = formKeyOfApiField(e.field)!;
    errors[key] ??= RULE_MESSAGES[e.rule](f);
  }
  return errors;
}

/** API field names (`places[0].communeInsee`, `sessions.1.capacity`) → the form's keys, for 400 answers. */
export function formKeyOfApiField(field: string | undefined): OfferFieldKey | null {
  if (!field) return null;
  const f = field.replace(/\[(\d+)\]/g, '.$1');
  const m = f.match(/^(places|sessions)\.(\d+)\.(\w+)/);
  if (m) {
    const sub = m[3] === 'communeInsee' ? 'commune' : m[3] === 'lat' || m[3] === 'lng' ? 'pin' : m[3]!;
    return `${m[1]}.${m[2]}.${sub}`;
  }
  if (f.startsWith('diffusionZone')) return 'zone';
  if (f.startsWith('contact.')) return `contact${f.slice(8, 9).toUpperCase()}${f.slice(9)}`;
  return f.split('.')[0]!;
}

/** Names of fields for the history ("changed fields") in French. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'titre',
  summary: 'résumé',
  description: 'description',
  themes: 'thématiques',
  audiences: 'publics',
  serviceTypes: 'types de service',
  eligibility: 'conditions d’accès',
  cost: 'coût',
  costDetails: 'détail du coût',
  modes: 'modalités',
  access: 'mode d’accès',
  mobilisationModes: 'modes de mobilisation',
  places: 'lieux',
  diffusionZone: 'zone de diffusion',
  contact: 'contact',
  funding: 'financements',
  ficheId: 'fiche action du plan',
  sessions: 'sessions',
  seatAllocation: 'attribution des places',
  cancellationCutoffHours: 'délai d’annulation',
  updateFrequencyMonths: 'fréquence de mise à jour',
  organization: 'structure',
};
