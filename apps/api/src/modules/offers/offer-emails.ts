// The offers' emails, in French, with the one layout of renderEmail.
import { renderEmail } from '../mail/render.js';

export const offerLinks = {
  /** The offer's page in its structure's back office. */
  offer: (publicUrl: string, slug: string, id: string) => `${publicUrl}/${slug}/espace/offres/${id}`,
  moderation: (publicUrl: string, slug: string) => `${publicUrl}/${slug}/espace/moderation`,
};

export function submittedEmail(o: {
  title: string;
  organization: string;
  tenantName: string;
  url: string;
  revision: boolean;
  publishedAtOnce: boolean;
}) {
  const what = o.revision ? `Une modification de l’offre « ${o.title} »` : `L’offre « ${o.title} »`;
  const subject = o.publishedAtOnce ? `Offre publiée, à relire : ${o.title}` : `Offre à modérer : ${o.title}`;
  return renderEmail(subject, {
    paragraphs: [
      o.publishedAtOnce
        ? `${what}, de la structure ${o.organization}, vient d’être publiée dans le catalogue ${o.tenantName} (modération a posteriori). Merci de la relire.`
        : `${what}, de la structure ${o.organization}, attend votre validation avant publication dans le catalogue ${o.tenantName}.`,
    ],
    action: { label: 'Ouvrir la file de modération', url: o.url },
  });
}

/** One email for a structure's spreadsheet import, whatever its number of offers. */
export function importedEmail(o: {
  count: number;
  organization: string;
  tenantName: string;
  url: string;
  publishedAtOnce: boolean;
}) {
  const n = o.count > 1 ? `${o.count.toLocaleString('fr-FR')} offres` : 'Une offre';
  const subject = o.publishedAtOnce ? `${n} publiées, à relire (import)` : `${n} à modérer (import)`;
  return renderEmail(subject.replace('Une offre publiées', 'Une offre publiée'), {
    paragraphs: [
      o.publishedAtOnce
        ? `La structure ${o.organization} vient d’importer ${n.toLowerCase()} depuis un tableur, publiées dans le catalogue ${o.tenantName} (modération a posteriori). Merci de les relire.`
        : `La structure ${o.organization} vient d’importer ${n.toLowerCase()} depuis un tableur : elles attendent votre validation avant publication dans le catalogue ${o.tenantName}.`,
    ],
    action: { label: 'Ouvrir la file de modération', url: o.url },
  });
}

export function changesRequestedEmail(o: { title: string; comment: string; url: string; revision: boolean }) {
  return renderEmail(`Modifications demandées : ${o.title}`, {
    paragraphs: [
      o.revision
        ? `Le département demande des modifications avant de publier votre mise à jour de l’offre « ${o.title} ». La version publiée reste visible en attendant.`
        : `Le département demande des modifications avant de publier l’offre « ${o.title} ». Elle est revenue à l’état de brouillon.`,
      `Commentaire : ${o.comment}`,
      'Une fois l’offre corrigée, soumettez-la de nouveau.',
    ],
    action: { label: 'Corriger l’offre', url: o.url },
  });
}

export function publishedEmail(o: { title: string; url: string; kind: 'new' | 'revision' | 'post' }) {
  const paragraph = {
    new: `Votre offre « ${o.title} » a été validée : elle est désormais publiée dans le catalogue.`,
    revision: `Votre mise à jour de l’offre « ${o.title} » a été validée : le catalogue affiche désormais la nouvelle version.`,
    post: `Votre offre « ${o.title} » a été relue et validée par le département.`,
  }[o.kind];
  return renderEmail(`Offre publiée : ${o.title}`, {
    paragraphs: [paragraph, 'Pensez à la garder à jour : le catalogue vous le rappellera.'],
    action: { label: 'Voir l’offre', url: o.url },
  });
}

export function overdueDigestEmail(o: { name: string; offers: { title: string; url: string; tenantName: string }[] }) {
  const n = o.offers.length;
  return renderEmail(n > 1 ? `${n} offres à mettre à jour` : 'Une offre à mettre à jour', {
    greeting: o.name ? `Bonjour ${o.name},` : undefined,
    paragraphs: [
      n > 1
        ? 'Ces offres n’ont pas été confirmées depuis plus longtemps que leur fréquence de mise à jour :'
        : 'Cette offre n’a pas été confirmée depuis plus longtemps que sa fréquence de mise à jour :',
      ...o.offers.map((x) => `• ${x.title} (${x.tenantName}) : ${x.url}`),
      'Modifiez-les si besoin, ou indiquez en un clic qu’elles sont « toujours à jour ».',
    ],
    note: 'Vous recevez ce récapitulatif au plus une fois par mois.',
  });
}
