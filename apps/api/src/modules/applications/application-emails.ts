// The applications' emails, in French, with the one layout of renderEmail; the decision comes with
// its letter (PDF) attached. Dates and deadlines in Europe/Paris (« 31 janvier 2027 à 23 h 59 »).
import type { EmailAttachment } from '../../common/outbox/outbox.js';
import { renderEmail } from '../mail/render.js';

const PARIS = 'Europe/Paris';
const day = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'long', year: 'numeric' });
const hm = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const euro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** « 31 janvier 2027 à 23 h 59 » (Europe/Paris); « 1er » for the first of the month. */
export function deadlineLabel(d: Date): string {
  const [h, m] = hm.format(d).split(':');
  return `${day.format(d).replace(/^1 /, '1er ')} à ${Number(h)} h ${m}`;
}

/** « 5 décembre 2026 » (Europe/Paris). */
export const dayLabel = (d: Date): string => day.format(d).replace(/^1 /, '1er ');

/** « 12 500,00 € » (French grouping and decimals). */
export const euros = (cents: number | string): string => euro.format(Number(cents) / 100);

export const applicationLinks = {
  one: (publicUrl: string, slug: string, id: string) => `${publicUrl}/${slug}/espace/dossiers/${id}`,
};

export interface ApplicationEmailFacts {
  callTitle: string;
  organizationName: string;
  url: string;
}

/** The structure's receipt of its submission (or resubmission). */
export function submittedEmail(f: ApplicationEmailFacts, submittedAt: Date, again: boolean) {
  const subject = `${again ? 'Dossier complété et redéposé' : 'Dossier déposé'} : ${f.callTitle}`;
  return renderEmail(subject, {
    paragraphs: [
      `Le dossier de ${f.organizationName} à l’appel à projets « ${f.callTitle} » a bien été ${again ? 'redéposé' : 'déposé'} le ${deadlineLabel(submittedAt)}.`,
      'Il est maintenant instruit par les services du Département. Vous serez prévenu par e-mail de la suite.',
    ],
    action: { label: 'Voir le dossier', url: f.url },
  });
}

/** To the instructors: the structure resubmitted after a completion request. */
export function resubmittedToInstructorsEmail(f: ApplicationEmailFacts) {
  return renderEmail(`Dossier complété : ${f.organizationName}`, {
    paragraphs: [`${f.organizationName} a complété et redéposé son dossier à l’appel à projets « ${f.callTitle} ».`],
    action: { label: 'Voir le dossier', url: f.url },
  });
}

/** To the instructors: a submitted application was withdrawn. */
export function withdrawnEmail(f: ApplicationEmailFacts, reason: string | null) {
  return renderEmail(`Dossier retiré : ${f.organizationName}`, {
    paragraphs: [
      `${f.organizationName} a retiré son dossier à l’appel à projets « ${f.callTitle} ».`,
      ...(reason ? [`Motif indiqué : ${reason}`] : []),
    ],
    action: { label: 'Voir le dossier', url: f.url },
  });
}

/** To the structure: what is missing, and until when. */
export function completionEmail(f: ApplicationEmailFacts, message: string, dueAt: Date) {
  return renderEmail(`Dossier à compléter : ${f.callTitle}`, {
    paragraphs: [
      `Les services du Département demandent un complément au dossier de ${f.organizationName} à l’appel à projets « ${f.callTitle} » :`,
      message,
      `Complétez le dossier et redéposez-le avant le ${deadlineLabel(dueAt)}.`,
    ],
    action: { label: 'Compléter le dossier', url: f.url },
  });
}

/** To the structure: the decision, its letter attached. */
export function decisionEmail(
  f: ApplicationEmailFacts,
  d: { selected: boolean; amountGrantedCents: number | null },
  letter: EmailAttachment,
) {
  const subject = `${d.selected ? 'Dossier retenu' : 'Dossier non retenu'} : ${f.callTitle}`;
  return {
    ...renderEmail(subject, {
      paragraphs: [
        d.selected
          ? `Le dossier de ${f.organizationName} à l’appel à projets « ${f.callTitle} » est retenu, pour une subvention de ${euros(d.amountGrantedCents ?? 0)}.`
          : `Le dossier de ${f.organizationName} à l’appel à projets « ${f.callTitle} » n’est pas retenu.`,
        'Le courrier de notification est joint à ce message (PDF) et reste disponible dans votre espace.',
        ...(d.selected ? ['La convention vous sera adressée pour signature.'] : []),
      ],
      action: { label: 'Voir le dossier', url: f.url },
    }),
    attachments: [letter],
  };
}
