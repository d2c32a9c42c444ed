// French wording of numbers, distances, dates and places (pure, unit-tested in node).

const numberFormat = new Intl.NumberFormat('fr-FR');

/** "1 offre", "1 234 offres", "aucune offre" (feminine nouns) or "aucun …" when masculine. */
export function countLabel(n: number, singular: string, plural: string, feminine = true): string {
  if (n === 0) return `${feminine ? 'aucune' : 'aucun'} ${singular}`;
  return `${numberFormat.format(n)} ${n === 1 ? singular : plural}`;
}

/** "à moins de 100 m", "à 350 m", "à 1,2 km", "à 27 km". */
export function distanceLabel(km: number): string {
  if (km < 0.1) return 'à moins de 100 m';
  if (km < 1) return `à ${Math.round((km * 1000) / 10) * 10} m`;
  if (km < 10) return `à ${(Math.round(km * 10) / 10).toString().replace('.', ',')} km`;
  return `à ${Math.round(km)} km`;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const shortDateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

export function dateLabel(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "du 3 février 2027 au 28 mars 2027", or "à partir du lundi 3 février 2027". */
export function periodLabel(startIso: string, endIso: string | null): string {
  if (!endIso || shortDateFormat.format(new Date(startIso)) === shortDateFormat.format(new Date(endIso)))
    return `le ${dateLabel(startIso)}`;
  return `du ${shortDateFormat.format(new Date(startIso))} au ${shortDateFormat.format(new Date(endIso))}`;
}

export function shortDateLabel(iso: string): string {
  return shortDateFormat.format(new Date(iso));
}

const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/Paris',
});

/** "9 h 30", "14 h 00" (Paris time; no-break spaces keep it on one line). */
export function timeLabel(iso: string): string {
  const parts = timeFormat.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(part('hour'))}\u00a0h\u00a0${part('minute').padStart(2, '0')}`;
}

/**
 * A session's day and hours in Paris time: "mardi 12 janvier 2027, 9 h 30 – 12 h 00" (one day),
 * "mardi 12 janvier 2027, 9 h 30" (no end), "du lundi 1 février 2027, 9 h 00 au vendredi 5 février
 * 2027, 17 h 00" (several days).
 */
export function sessionTimeLabel(startIso: string, endIso: string | null): string {
  const start = `${dateLabel(startIso)}, ${timeLabel(startIso)}`;
  if (!endIso) return start;
  if (dateLabel(startIso) === dateLabel(endIso)) return `${start} – ${timeLabel(endIso)}`;
  return `du ${start} au ${dateLabel(endIso)}, ${timeLabel(endIso)}`;
}

/**
 * "Complet", "Complet — 3 personnes en liste d’attente", "1 place restante sur 12",
 * "5 places restantes sur 12" (the wait list is named once the session is full).
 */
export function placesLeftLabel(placesLeft: number, capacity: number, waitlist = 0): string {
  if (placesLeft <= 0)
    return waitlist > 0
      ? `Complet — ${numberFormat.format(waitlist)} ${waitlist === 1 ? 'personne' : 'personnes'} en liste d’attente`
      : 'Complet';
  return `${numberFormat.format(placesLeft)} ${placesLeft === 1 ? 'place restante' : 'places restantes'} sur ${numberFormat.format(capacity)}`;
}

/** "tel:" link of a French phone number as written by a partner. */
export function phoneHref(phone: string): string {
  // "+33 (0)4 75…": the bracketed trunk 0 is not dialled from abroad.
  const digits = phone.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  return `tel:${digits}`;
}
