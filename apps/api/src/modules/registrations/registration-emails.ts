// The registrations' emails, in French, with the one layout of renderEmail; an accepted session
// comes with its calendar file (.ics, written by ical-generator).
import ical from 'ical-generator';
import type { EmailAttachment } from '../../common/outbox/outbox.js';
import { renderEmail } from '../mail/render.js';

const PARIS = 'Europe/Paris';
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const time = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit' });

/** « mardi 12 janvier 2027 à 09:30 – 12:00 » (Europe/Paris). */
export function sessionLabel(startsAt: Date, endsAt: Date | null): string {
  const start = dateTime.format(startsAt).replace(/ (\d{2}:\d{2})$/, ' à $1');
  return endsAt ? `${start} – ${time.format(endsAt)}` : start;
}

export const registrationLinks = {
  mine: (publicUrl: string, slug: string) => `${publicUrl}/${slug}/espace/mes-inscriptions`,
  one: (publicUrl: string, slug: string, id: string) => `${publicUrl}/${slug}/espace/inscriptions/${id}`,
  inbox: (publicUrl: string, slug: string, organizationId: string) =>
    `${publicUrl}/${slug}/espace/structures/${organizationId}/inscriptions`,
  offer: (publicUrl: string, slug: string, offerId: string) => `${publicUrl}/${slug}/offres/${offerId}`,
};

export interface RegistrationEmailFacts {
  event:
    | 'requested'
    | 'accepted'
    | 'waitlisted'
    | 'refused'
    | 'cancelled'
    | 'cancelled_late'
    | 'promoted'
    | 'expired'
    | 'reminder'
    | 'pending_reminder'
    | 'closed'
    | 'attendance_recorded';
  offerTitle: string;
  organizationName: string;
  session: { startsAt: Date; endsAt: Date | null } | null;
  personName: string;
  waitlistPosition: number | null;
  refusal: string | null;
  /** Who cancelled, in words (« la personne », « le référent », « la structure »). */
  cancelledBy: string | null;
  url: string;
}

const when = (f: RegistrationEmailFacts) =>
  f.session ? ` (session du ${sessionLabel(f.session.startsAt, f.session.endsAt)})` : '';

/** The email to the person (or their referent, `about` naming the person). */
export function personEmail(f: RegistrationEmailFacts, about: 'self' | 'referent') {
  const who = about === 'self' ? 'Votre inscription' : `L’inscription de ${f.personName}`;
  const action = `« ${f.offerTitle} » (${f.organizationName})${when(f)}`;
  const lines: Record<RegistrationEmailFacts['event'], [string, string]> = {
    requested: [
      `Demande d’inscription envoyée : ${f.offerTitle}`,
      `${who} à ${action} a été transmise à la structure, qui va l’examiner.`,
    ],
    accepted: [`Inscription confirmée : ${f.offerTitle}`, `${who} à ${action} est confirmée : une place est réservée.`],
    promoted: [
      `Une place s’est libérée : ${f.offerTitle}`,
      `Une place s’est libérée : ${who.toLowerCase()} à ${action} est maintenant confirmée.`,
    ],
    waitlisted: [
      `Liste d’attente : ${f.offerTitle}`,
      `${who} à ${action} est en liste d’attente${f.waitlistPosition ? `, en position ${f.waitlistPosition}` : ''}. Vous serez prévenu si une place se libère.`,
    ],
    refused: [
      `Inscription non retenue : ${f.offerTitle}`,
      `${who} à ${action} n’a pas été retenue. Motif : ${f.refusal ?? 'non précisé'}.`,
    ],
    cancelled: [
      `Inscription annulée : ${f.offerTitle}`,
      `${who} à ${action} a été annulée${f.cancelledBy ? ` par ${f.cancelledBy}` : ''}.`,
    ],
    cancelled_late: [
      `Annulation tardive : ${f.offerTitle}`,
      `${who} à ${action} a été annulée${f.cancelledBy ? ` par ${f.cancelledBy}` : ''} après le délai d’annulation : elle est notée comme une absence excusée.`,
    ],
    expired: [
      `Demande expirée : ${f.offerTitle}`,
      `${who} à ${action} a expiré sans réponse ou la session a commencé. Vous pouvez chercher une autre session ou une autre action.`,
    ],
    reminder: [
      `Rappel : ${f.offerTitle}`,
      `${who} à ${action} approche. En cas d’empêchement, annulez pour libérer la place.`,
    ],
    pending_reminder: [
      `Demande en attente : ${f.offerTitle}`,
      `${who} à ${action} attend toujours la réponse de la structure.`,
    ],
    closed: [`Fin de parcours : ${f.offerTitle}`, `La structure a enregistré la fin du parcours pour ${action}.`],
    attendance_recorded: [
      `Présence enregistrée : ${f.offerTitle}`,
      `La structure a enregistré la présence pour ${action}.`,
    ],
  };
  const [subject, paragraph] = lines[f.event];
  return renderEmail(subject, { paragraphs: [paragraph], action: { label: 'Voir l’inscription', url: f.url } });
}

/** The email to the structure's members. */
export function structureEmail(f: RegistrationEmailFacts) {
  const action = `« ${f.offerTitle} »${when(f)}`;
  const lines: Partial<Record<RegistrationEmailFacts['event'], [string, string]>> = {
    requested: [
      `Nouvelle demande d’inscription : ${f.offerTitle}`,
      `${f.personName} demande à participer à ${action}. La demande attend votre décision.`,
    ],
    accepted: [
      `Nouvelle inscription : ${f.offerTitle}`,
      `${f.personName} est inscrit(e) à ${action} (place attribuée automatiquement).`,
    ],
    waitlisted: [
      `Nouvelle inscription en liste d’attente : ${f.offerTitle}`,
      `${f.personName} est en liste d’attente pour ${action}.`,
    ],
    promoted: [
      `Place attribuée : ${f.offerTitle}`,
      `${f.personName} a reçu la place libérée pour ${action} (premier de la liste d’attente).`,
    ],
    cancelled: [
      `Inscription annulée : ${f.offerTitle}`,
      `L’inscription de ${f.personName} à ${action} a été annulée${f.cancelledBy ? ` par ${f.cancelledBy}` : ''}.`,
    ],
    cancelled_late: [
      `Annulation tardive : ${f.offerTitle}`,
      `L’inscription de ${f.personName} à ${action} a été annulée après le délai : absence excusée.`,
    ],
    expired: [`Demande expirée : ${f.offerTitle}`, `La demande de ${f.personName} pour ${action} a expiré.`],
    pending_reminder: [
      `Demande en attente de réponse : ${f.offerTitle}`,
      `La demande de ${f.personName} pour ${action} attend votre décision.`,
    ],
  };
  const line = lines[f.event];
  if (!line) return null;
  return renderEmail(line[0], { paragraphs: [line[1]], action: { label: 'Ouvrir les inscriptions', url: f.url } });
}

/** The calendar file of an accepted session (Europe/Paris; one hour when the session has no end). */
export function sessionCalendar(o: {
  registrationId: string;
  offerTitle: string;
  organizationName: string;
  startsAt: Date;
  endsAt: Date | null;
  url: string;
  publicUrl: string;
}): EmailAttachment {
  const calendar = ical({
    name: 'Catalogue de l’offre d’insertion',
    prodId: { company: 'catalogue-insertion', product: 'inscriptions' },
  });
  calendar.createEvent({
    id: `${o.registrationId}@${new URL(o.publicUrl).hostname}`,
    start: o.startsAt,
    end: o.endsAt ?? new Date(o.startsAt.getTime() + 3_600_000),
    timezone: PARIS,
    summary: o.offerTitle,
    description: `${o.organizationName} — ${o.url}`,
    url: o.url,
  });
  return { filename: 'session.ics', contentType: 'text/calendar; charset=utf-8', content: calendar.toString() };
}
