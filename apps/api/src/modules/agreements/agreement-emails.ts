// The agreements' emails, in French, with the one layout of renderEmail.
import { formatEuros } from '@catalogue/contracts';
import { renderEmail } from '../mail/render.js';

export const agreementLinks = {
  one: (publicUrl: string, slug: string, id: string) => `${publicUrl}/${slug}/espace/conventions/${id}`,
  offer: (publicUrl: string, slug: string, id: string) => `${publicUrl}/${slug}/espace/offres/${id}`,
};

interface Facts {
  title: string;
  organizationName: string;
  tenantName: string;
  amountCents: number;
  url: string;
}

/** To the structure's members: the agreement to sign, its PDF attached. */
export const sentEmail = (f: Facts) =>
  renderEmail(`Convention à signer : ${f.title}`, {
    paragraphs: [
      `${f.tenantName} vous adresse la convention de financement de l’action « ${f.title} » (${formatEuros(f.amountCents / 100)}), en pièce jointe.`,
      'Faites-la signer par le représentant légal de la structure, puis déposez la convention signée (PDF) sur la page de la convention : l’offre correspondante sera alors créée en brouillon dans le catalogue, à compléter.',
    ],
    action: { label: 'Voir la convention', url: f.url },
  });

/** To the agents of the call: the signed agreement came back. */
export const signedAgentsEmail = (f: Facts & { running: boolean }) =>
  renderEmail(`Convention signée : ${f.title}`, {
    paragraphs: [
      `${f.organizationName} a déposé la convention signée de l’action « ${f.title} » (${formatEuros(f.amountCents / 100)}).`,
      f.running
        ? 'L’action a commencé : la convention est en cours.'
        : 'La convention passera en cours à la date de début de l’action.',
      'Une offre brouillon a été créée pour la structure, qui la complète puis la soumet à la modération habituelle.',
    ],
    action: { label: 'Voir la convention', url: f.url },
  });

/** To the structure's members: signed, and the draft offer to complete. */
export const signedStructureEmail = (f: Facts & { offerUrl: string }) =>
  renderEmail(`Convention signée : complétez votre offre « ${f.title} »`, {
    paragraphs: [
      `La convention signée de l’action « ${f.title} » a bien été déposée.`,
      'Une offre brouillon a été créée dans le catalogue à partir de votre dossier : complétez-la (thématiques, lieux, sessions, contact), puis soumettez-la ; elle sera publiée après modération.',
    ],
    action: { label: 'Compléter l’offre', url: f.offerUrl },
  });

/** To the structure's members: the agreement is closed. */
export const closedEmail = (f: Facts) =>
  renderEmail(`Convention close : ${f.title}`, {
    paragraphs: [`La convention de l’action « ${f.title} » avec ${f.tenantName} est close.`],
    action: { label: 'Voir la convention', url: f.url },
  });
