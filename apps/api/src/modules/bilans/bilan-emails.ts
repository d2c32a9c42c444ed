// The bilans' emails, in French, with the one layout of renderEmail.
import { renderEmail } from '../mail/render.js';

export const bilanLinks = {
  one: (publicUrl: string, slug: string, id: string) => `${publicUrl}/${slug}/espace/bilans/${id}`,
};

export interface BilanFacts {
  /** The action's title (agreement or offer). */
  title: string;
  year: number;
  organizationName: string;
  tenantName: string;
  /** « 31 décembre 2027 ». */
  dueLabel: string;
  url: string;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** « 31 décembre 2027 » from YYYY-MM-DD (a Paris day, formatted as such). */
export const dayLabel = (date: string): string => dayFormat.format(new Date(`${date}T00:00:00Z`));

const name = (f: BilanFacts) => `bilan ${f.year} de l’action « ${f.title} »`;

/** To the structure's members: the bilan is open. */
export const openedEmail = (f: BilanFacts) =>
  renderEmail(`Votre bilan ${f.year} est à remplir : ${f.title}`, {
    paragraphs: [
      `Votre ${name(f)} est à remplir avant le ${f.dueLabel} à 23 h 59.`,
      'Les chiffres que la plateforme connaît (personnes inscrites, entrées, présentes, sorties, sessions) sont déjà préremplis : vérifiez-les, complétez-les si besoin avec une justification, puis renseignez les dépenses et le bilan qualitatif.',
    ],
    action: { label: 'Remplir le bilan', url: f.url },
  });

export type ReminderKind = 'before' | 'due' | 'after';

/** To the structure's members: a reminder before, on or after the due date. */
export const reminderEmail = (f: BilanFacts, kind: ReminderKind) =>
  renderEmail(kind === 'after' ? `Bilan en retard : ${f.title}` : `Rappel : votre bilan ${f.year} est à transmettre`, {
    paragraphs: [
      kind === 'before'
        ? `Votre ${name(f)} est à transmettre avant le ${f.dueLabel} à 23 h 59.`
        : kind === 'due'
          ? `Votre ${name(f)} est à transmettre aujourd’hui, le ${f.dueLabel}, avant 23 h 59.`
          : `Votre ${name(f)} était attendu le ${f.dueLabel} et n’a pas encore été transmis. ${f.tenantName} en a été informé.`,
    ],
    action: { label: 'Remplir le bilan', url: f.url },
  });

/** To the agents who follow the agreement: a bilan is 7 days late. */
export const lateAgentsEmail = (f: BilanFacts) =>
  renderEmail(`Bilan en retard : ${f.title} (${f.organizationName})`, {
    paragraphs: [
      `Le ${name(f)} de ${f.organizationName}, attendu le ${f.dueLabel}, n’a pas été transmis. La structure a été relancée.`,
    ],
    action: { label: 'Voir le bilan', url: f.url },
  });

/** To the agents: a bilan was submitted. */
export const submittedEmail = (f: BilanFacts) =>
  renderEmail(`Bilan transmis : ${f.title} (${f.organizationName})`, {
    paragraphs: [
      `${f.organizationName} a transmis son ${name(f)}. Les chiffres calculés par la plateforme ont été figés à cette date, à côté des valeurs déclarées.`,
      'Vous pouvez demander des compléments ou valider le bilan.',
    ],
    action: { label: 'Examiner le bilan', url: f.url },
  });

/** To the structure's members: changes requested, with the agent's message. */
export const changesRequestedEmail = (f: BilanFacts, message: string) =>
  renderEmail(`Compléments demandés sur votre bilan : ${f.title}`, {
    paragraphs: [
      `${f.tenantName} demande des compléments sur votre ${name(f)} :`,
      `« ${message} »`,
      'Complétez le bilan, puis transmettez-le à nouveau.',
    ],
    action: { label: 'Compléter le bilan', url: f.url },
  });

/** To the structure's members: validated. */
export const validatedEmail = (f: BilanFacts) =>
  renderEmail(`Bilan validé : ${f.title}`, {
    paragraphs: [`${f.tenantName} a validé votre ${name(f)}. Merci.`],
    action: { label: 'Voir le bilan', url: f.url },
  });
