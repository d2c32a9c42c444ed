// French wording of a structure's registrations (inbox, attendance sheet) and of the département's
// aggregate counts: pure, unit-tested in node.
import {
  LIMITS,
  type AttendanceValue,
  type RefusalReason,
  type RegistrationItem,
  type RegistrationOutcome,
  type RegistrationSessionRef,
  type RegistrationStatus,
} from '@catalogue/contracts';

export const STATUS_LABELS: Record<RegistrationStatus, string> = {
  pending: 'À traiter',
  accepted: 'Acceptée',
  waitlisted: 'En liste d’attente',
  refused: 'Refusée',
  cancelled: 'Annulée',
  expired: 'Expirée',
  attended: 'Présence notée',
  absent: 'Absence notée',
  completed: 'Parcours terminé',
  dropped_out: 'Abandon',
};

/** DSFR badge variant of each state. */
export const STATUS_BADGES: Record<RegistrationStatus, string> = {
  pending: 'fr-badge--new',
  accepted: 'fr-badge--success',
  waitlisted: 'fr-badge--info',
  refused: 'fr-badge--error',
  cancelled: '',
  expired: '',
  attended: 'fr-badge--success',
  absent: 'fr-badge--warning',
  completed: 'fr-badge--success',
  dropped_out: '',
};

export const REFUSAL_REASON_LABELS: Record<RefusalReason, string> = {
  full: 'Complet',
  prerequisites_not_met: 'Ne correspond pas aux prérequis',
  unreachable: 'Personne non joignable',
  duplicate: 'Doublon',
  other: 'Autre (à préciser)',
};

export const OUTCOME_LABELS: Record<RegistrationOutcome, string> = {
  employment: 'Emploi',
  training: 'Formation',
  other_insertion_action: 'Autre action d’insertion',
  no_follow_up: 'Sans suite',
  gave_up: 'Abandon',
};

/** How the action ended for the person (the outcome's `status`). */
export const END_LABELS: Record<'completed' | 'dropped_out', string> = {
  completed: 'Parcours terminé',
  dropped_out: 'Abandon en cours de route',
};

export const ATTENDANCE_LABELS: Record<AttendanceValue, string> = {
  present: 'Présent',
  absent: 'Absent',
  excused: 'Excusé',
};

/** The inbox's state filter: a label and the API's `status` list ('' for every state). */
export const INBOX_FILTERS: { code: string; label: string }[] = [
  { code: 'pending,accepted,waitlisted', label: 'En cours' },
  { code: 'pending', label: 'À traiter' },
  { code: 'accepted', label: 'Acceptées' },
  { code: 'waitlisted', label: 'En liste d’attente' },
  { code: 'refused', label: 'Refusées' },
  { code: 'cancelled,expired', label: 'Annulées ou expirées' },
  { code: 'attended,absent,completed,dropped_out', label: 'Après la session (présences, suites)' },
  { code: '', label: 'Tous les états' },
];
export const DEFAULT_INBOX_FILTER = INBOX_FILTERS[0]!.code;

/** The people an attendance sheet lists: those who hold a seat, then their attendance and outcome. */
export const SHEET_STATUSES: RegistrationStatus[] = ['accepted', 'attended', 'absent', 'completed', 'dropped_out'];

/** The attendance recorded for a registration, as the sheet's radios show it (null: not yet). */
export function attendanceOf(
  item: Pick<RegistrationItem, 'status' | 'excused'> & { attendance?: AttendanceValue | null },
): AttendanceValue | null {
  if (item.attendance) return item.attendance;
  if (item.status === 'attended') return 'present';
  if (item.status === 'absent') return item.excused ? 'excused' : 'absent';
  return null;
}

const parisTime = new Intl.DateTimeFormat('fr-FR', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: false,
  timeZone: 'Europe/Paris',
});
const parisDay = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const parisShortDay = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/** "9 h", "14 h 30" (French typography, Paris time). */
export function timeLabel(iso: string): string {
  const parts = parisTime.formatToParts(new Date(iso));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
}

/**
 * "lundi 1 mars 2027, de 9 h à 12 h 30", "lundi 1 mars 2027 à 9 h", or over several days
 * "du 1 mars 2027 à 9 h au 5 mars 2027 à 17 h".
 */
export function sessionLabel(startsAt: string, endsAt: string | null): string {
  const day = parisDay.format(new Date(startsAt));
  if (!endsAt) return `${day} à ${timeLabel(startsAt)}`;
  if (parisDay.format(new Date(endsAt)) === day) return `${day}, de ${timeLabel(startsAt)} à ${timeLabel(endsAt)}`;
  return `du ${parisShortDay.format(new Date(startsAt))} à ${timeLabel(startsAt)} au ${parisShortDay.format(
    new Date(endsAt),
  )} à ${timeLabel(endsAt)}`;
}

const n = new Intl.NumberFormat('fr-FR');

/** "9 déc. 2026, 10 h": a session in a table. */
export function shortSessionLabel(startsAt: string): string {
  const day = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(new Date(startsAt));
  return `${day}, ${timeLabel(startsAt)}`;
}

/** "06 12 34 56 78" for a French number written without spaces; any other writing as it is. */
export function phoneLabel(phone: string): string {
  const digits = phone.replace(/[\s.-]/g, '');
  return /^0\d{9}$/.test(digits) ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

/** "12 / 15 places, 3 en liste d’attente" (the wait list only when someone waits). */
export function seatsLabel(s: Pick<RegistrationSessionRef, 'accepted' | 'capacity' | 'waitlist'>): string {
  const seats = `${n.format(s.accepted)} / ${n.format(s.capacity)} ${s.capacity > 1 ? 'places' : 'place'}`;
  return s.waitlist > 0 ? `${seats}, ${n.format(s.waitlist)} en liste d’attente` : seats;
}

/** « inscription directe », or « prescrit par Léa Martin (CCAS de Valence) ». */
export function channelLabel(item: Pick<RegistrationItem, 'channel' | 'referent'>): string {
  if (item.channel === 'self' || !item.referent) return 'inscription directe';
  const org = item.referent.organizationName;
  return `prescrit par ${item.referent.name}${org ? ` (${org})` : ''}`;
}

export const personName = (item: Pick<RegistrationItem, 'person'>): string =>
  `${item.person.firstName} ${item.person.lastName}`.trim();

/** "moins d’une heure", "18 h", "3 jours", "2,5 jours"; "—" without any decision. */
export function durationLabel(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return 'moins d’une heure';
  if (hours < 48) return `${Math.round(hours)} h`;
  const days = Math.round((hours / 24) * 10) / 10;
  return `${n.format(days)} jours`;
}

/** "85 %" of a 0..1 rate. */
export function percentLabel(rate: number): string {
  return `${n.format(Math.round(rate * 100))} %`;
}

/** What capacity raise did, said to the structure. */
export function capacityResultLabel(r: { capacity: number; promoted: number }): string {
  const promoted =
    r.promoted === 0
      ? 'personne n’attendait sur la liste d’attente.'
      : r.promoted === 1
        ? 'une personne de la liste d’attente a reçu une place (elle en est informée).'
        : `${n.format(r.promoted)} personnes de la liste d’attente ont reçu une place (elles en sont informées).`;
  return `Capacité portée à ${n.format(r.capacity)} ${r.capacity > 1 ? 'places' : 'place'} : ${promoted}`;
}

export interface SessionGroup {
  /** The session's id, or `offer:{id}` for an offer without sessions (continuous intake). */
  key: string;
  offer: RegistrationItem['offer'];
  session: RegistrationSessionRef | null;
  /** The session's registrations that are not waiting for a decision (those are listed first). */
  items: RegistrationItem[];
  /** How many of the session's registrations on this page wait for a decision. */
  pending: number;
}

/**
 * The inbox's order: the registrations waiting for a decision first (as the API sends them), then
 * every session of the page (its seats, capacity and attendance sheet) with its other
 * registrations, by session start.
 */
export function inboxSections(items: RegistrationItem[]): { pending: RegistrationItem[]; groups: SessionGroup[] } {
  const pending = items.filter((i) => i.status === 'pending');
  const groups: SessionGroup[] = [];
  const byKey = new Map<string, SessionGroup>();
  const groupOf = (item: RegistrationItem): SessionGroup => {
    const key = item.session ? item.session.id : `offer:${item.offer.id}`;
    let group = byKey.get(key);
    if (!group) {
      group = { key, offer: item.offer, session: item.session, items: [], pending: 0 };
      byKey.set(key, group);
      groups.push(group);
    }
    return group;
  };
  for (const item of items) {
    const group = groupOf(item);
    if (item.status === 'pending') group.pending += 1;
    else group.items.push(item);
  }
  // By session start; an offer without sessions (continuous intake) after them.
  const start = (g: SessionGroup): number => (g.session ? Date.parse(g.session.startsAt) : Number.MAX_VALUE);
  groups.sort((a, b) => start(a) - start(b));
  return { pending, groups };
}

/** The accepted count cannot go under the people already accepted: the smallest capacity allowed. */
export function capacityError(value: string, accepted: number): string | undefined {
  if (!/^\d{1,6}$/.test(value.trim())) return 'Indiquez un nombre de places (par exemple 15).';
  const capacity = Number(value.trim());
  if (capacity < 1) return 'Une session a au moins une place.';
  if (capacity > LIMITS.offer.capacity) return `${n.format(LIMITS.offer.capacity)} places au plus.`;
  if (capacity < accepted)
    return `${accepted === 1 ? 'Une personne est déjà acceptée' : `${n.format(accepted)} personnes sont déjà acceptées`} : la capacité ne peut pas être inférieure.`;
  return undefined;
}
