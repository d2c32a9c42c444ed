// The calls' emails, in French, with the one layout of renderEmail: a new call to the structures
// that asked for them, the reminders before the deadline to those with a draft, the withdrawal to
// those with an application. Deadlines in Europe/Paris: « 31 janvier 2027 à 23 h 59 ».
import { renderEmail } from '../mail/render.js';

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** « 31 janvier 2027 à 23 h 59 » (Europe/Paris). */
export function deadlineLabel(at: Date): string {
  const [h, m] = timeFormat.format(at).split(':');
  return `${dateFormat.format(at)} à ${h} h ${m}`;
}

export const callLinks = {
  call: (publicUrl: string, slug: string, id: string) => `${publicUrl}/${slug}/appels-a-projets/${id}`,
  applications: (publicUrl: string, slug: string) => `${publicUrl}/${slug}/espace/dossiers`,
};

export interface CallEmailFacts {
  title: string;
  departement: string;
  closesAt: Date | null;
  url: string;
}

export function publishedEmail(f: CallEmailFacts) {
  return renderEmail(`Nouvel appel à projets : ${f.title}`, {
    paragraphs: [
      `Le département publie l’appel à projets « ${f.title} » (${f.departement}).`,
      f.closesAt ? `Date limite de dépôt des dossiers : ${deadlineLabel(f.closesAt)}.` : '',
    ].filter(Boolean),
    action: { label: 'Voir l’appel à projets', url: f.url },
    note: 'Vous recevez ce message car votre structure a demandé à être prévenue des nouveaux appels à projets (réglage de la structure).',
  });
}

export function reminderEmail(f: CallEmailFacts, which: '7d' | '1d') {
  const when = which === '7d' ? 'dans 7 jours' : 'demain';
  return renderEmail(`Rappel : l’appel à projets « ${f.title} » se clôt ${when}`, {
    paragraphs: [
      `Votre structure a commencé un dossier pour l’appel à projets « ${f.title} » sans le déposer.`,
      `Date limite : ${f.closesAt ? deadlineLabel(f.closesAt) : 'non précisée'}. Un dossier non déposé à cette heure ne pourra plus l’être.`,
    ],
    action: { label: 'Reprendre le dossier', url: f.url },
  });
}

export function withdrawnEmail(f: CallEmailFacts, reason: string) {
  return renderEmail(`Appel à projets retiré : ${f.title}`, {
    paragraphs: [
      `Le département (${f.departement}) a retiré l’appel à projets « ${f.title} », pour lequel votre structure avait un dossier.`,
      `Motif : ${reason}`,
    ],
    action: { label: 'Voir l’appel à projets', url: f.url },
  });
}
