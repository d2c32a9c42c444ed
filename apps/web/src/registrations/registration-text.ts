// French wording of registrations, and what the offer page offers to whom (pure, unit-tested in node).
import type {
  AgeBand,
  ConsentMethod,
  OfferSession,
  PersonSituation,
  RefusalReason,
  RegistrationActorKind,
  RegistrationItem,
  RegistrationOutcome,
  RegistrationStatus,
  Sex,
  TenantCapabilities,
} from '@catalogue/contracts';
import { sessionTimeLabel, shortDateLabel, timeLabel } from '../lib/format.js';

/** A registration's state as a DSFR badge: its words and its colour class. */
export const STATUS: Record<RegistrationStatus, { label: string; kind: string }> = {
  pending: { label: 'En attente de la structure', kind: 'fr-badge--new' },
  accepted: { label: 'Inscription confirmée', kind: 'fr-badge--success' },
  waitlisted: { label: 'Liste d’attente', kind: 'fr-badge--info' },
  refused: { label: 'Refusée', kind: 'fr-badge--error' },
  cancelled: { label: 'Annulée', kind: '' },
  expired: { label: 'Expirée', kind: '' },
  attended: { label: 'Présent à la session', kind: 'fr-badge--success' },
  absent: { label: 'Absent', kind: 'fr-badge--warning' },
  completed: { label: 'Parcours terminé', kind: 'fr-badge--success' },
  dropped_out: { label: 'Abandon', kind: 'fr-badge--warning' },
};

/** The badge of one registration: an announced absence reads « Absence excusée », a wait list gives the position. */
export function statusBadge(r: Pick<RegistrationItem, 'status' | 'excused' | 'waitlistPosition'>): {
  label: string;
  kind: string;
} {
  if (r.status === 'absent' && r.excused) return { label: 'Absence excusée', kind: 'fr-badge--info' };
  if (r.status === 'cancelled' && r.excused) return { label: 'Annulée (absence excusée)', kind: '' };
  if (r.status === 'waitlisted' && r.waitlistPosition)
    return { label: `Liste d’attente — position ${r.waitlistPosition}`, kind: 'fr-badge--info' };
  return STATUS[r.status] ?? { label: r.status, kind: '' };
}

/** Registrations still under way: the filter « en cours » of the lists. */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = ['pending', 'accepted', 'waitlisted'];

export const SITUATION_LABELS: Record<PersonSituation, string> = {
  rsa: 'Allocataire du RSA',
  young: 'Jeune de moins de 26 ans',
  job_seeker: 'Demandeur d’emploi',
  other: 'Autre situation',
};
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  'under-26': 'Moins de 26 ans',
  '26-44': '26 à 44 ans',
  '45-54': '45 à 54 ans',
  '55-plus': '55 ans et plus',
};
export const SEX_LABELS: Record<Sex, string> = {
  female: 'Femme',
  male: 'Homme',
  unspecified: 'Non renseigné',
};
export const CONSENT_LABELS: Record<ConsentMethod, string> = {
  oral: 'À l’oral',
  written: 'Par écrit',
};
export const REFUSAL_LABELS: Record<RefusalReason, string> = {
  full: 'Complet',
  prerequisites_not_met: 'Ne correspond pas aux prérequis',
  unreachable: 'Personne non joignable',
  duplicate: 'Doublon',
  other: 'Autre motif',
};
export const OUTCOME_LABELS: Record<RegistrationOutcome, string> = {
  employment: 'Emploi',
  training: 'Formation',
  other_insertion_action: 'Autre action d’insertion',
  no_follow_up: 'Sans suite',
  gave_up: 'Abandon',
};
export const ACTOR_LABELS: Record<RegistrationActorKind, string> = {
  person: 'la personne',
  referent: 'le référent',
  structure: 'la structure',
  system: 'automatiquement',
};

/** Who cancelled, in a sentence: « Annulée par la structure ». */
export function cancelledByLabel(by: RegistrationActorKind | null): string {
  if (!by) return 'Annulée';
  return by === 'system' ? 'Annulée automatiquement' : `Annulée par ${ACTOR_LABELS[by]}`;
}

// ---- Dates and times -------------------------------------------------------------------------

/**
 * When a session takes place, with its times, written as the offer page writes it (one
 * formatter for the whole app): « mardi 2 mars 2027, 9 h 00 – 12 h 30 ».
 */
export const sessionLabel = sessionTimeLabel;

/** « le 4 mars 2027 à 10 h 12 », for a history or a consent record. */
export function momentLabel(iso: string): string {
  return `le ${shortDateLabel(iso)} à ${timeLabel(iso)}`;
}

// ---- Seats and wait lists --------------------------------------------------------------------

/** « personne avant vous », « 1 personne avant vous », « 3 personnes avant vous ». */
export function aheadLabel(waitlist: number): string {
  if (waitlist <= 0) return 'personne avant vous';
  return `${waitlist} ${waitlist === 1 ? 'personne' : 'personnes'} avant vous`;
}

/** What the self-registration button of a session says. */
export function joinLabel(s: Pick<OfferSession, 'placesLeft' | 'waitlist'>): string {
  return s.placesLeft > 0 ? 'S’inscrire' : `Complet — rejoindre la liste d’attente (${aheadLabel(s.waitlist)})`;
}

/** The sessions one can still register to (not started), soonest first. */
export function upcomingSessions<S extends { startsAt: string }>(sessions: readonly S[], now = Date.now()): S[] {
  return sessions.filter((s) => Date.parse(s.startsAt) > now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

// ---- What the offer page offers --------------------------------------------------------------

export interface RegistrationOptions {
  /** The person registers themself (`register`), or must first sign in or create an account (`sign-in`). */
  self: 'register' | 'sign-in' | null;
  /** A referent registers someone (« Inscrire une personne »). */
  prescribe: boolean;
  /** A prescription-only offer read by someone who is no referent: how to be oriented. */
  orientation: boolean;
}

/**
 * What the registration block of an offer proposes, from the offer's access mode and the reader's
 * capabilities in the département (null when signed out); never from roles.
 */
export function registrationOptions(
  access: string,
  can: Pick<TenantCapabilities, 'registerSelf' | 'prescribe'> | null,
): RegistrationOptions {
  const prescribe = Boolean(can?.prescribe);
  if (access === 'prescription') return { self: null, prescribe, orientation: !prescribe };
  return { self: can === null ? 'sign-in' : can.registerSelf ? 'register' : null, prescribe, orientation: false };
}

/** The outcome of a registration: for the person themself (`who` null), or for the person a referent registered. */
export function createdTitle(
  status: RegistrationStatus,
  waitlistPosition?: number | null,
  who: string | null = null,
): string {
  switch (status) {
    case 'accepted':
      return 'Inscription confirmée';
    case 'waitlisted': {
      const at = waitlistPosition ? `, position ${waitlistPosition}` : '';
      return who ? `${who} est sur liste d’attente${at}` : `Vous êtes sur liste d’attente${at}`;
    }
    case 'pending':
      return 'Demande envoyée à la structure';
    default:
      return STATUS[status]?.label ?? status;
  }
}
