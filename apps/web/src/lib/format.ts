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

/** "Complet", "1 place restante sur 12", "5 places restantes sur 12". */
export function placesLeftLabel(placesLeft: number, capacity: number): string {
  if (placesLeft <= 0) return 'Complet';
  return `${numberFormat.format(placesLeft)} ${placesLeft === 1 ? 'place restante' : 'places restantes'} sur ${numberFormat.format(capacity)}`;
}

/** "tel:" link of a French phone number as written by a partner. */
export function phoneHref(phone: string): string {
  // "+33 (0)4 75…": the bracketed trunk 0 is not dialled from abroad.
  const digits = phone.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  return `tel:${digits}`;
}
