// The emails of structures and their members, in French. Links lead to the web app's pages.
import { AUTH_LIMITS, type OrganizationIdentity } from '@catalogue/contracts';
import { renderEmail } from '../mail/render.js';

export interface EmailSite {
  publicUrl: string;
  slug: string;
  tenantName: string;
}

/** Where the links of a tenant's emails lead. */
export const emailSite = (publicUrl: string, tenant: { slug: string; name: string }): EmailSite => ({
  publicUrl,
  slug: tenant.slug,
  tenantName: tenant.name,
});

const roleLabel = (role: 'structure_admin' | 'structure_member') =>
  role === 'structure_admin' ? 'administrateur ou administratrice' : 'membre';

/** The structure's page in the back office (the web app's `paths.boOrganization`). */
export const organizationPage = (s: EmailSite, organizationId: string) =>
  `${s.publicUrl}/${s.slug}/espace/structures/${organizationId}`;

export const newOrganizationEmail = (
  s: EmailSite,
  o: { id: string; name: string; siret: string; commune: string },
  by: string,
) =>
  renderEmail(`Nouvelle structure à valider : ${o.name}`, {
    paragraphs: [
      `Une nouvelle structure a été créée dans le catalogue ${s.tenantName} et attend votre validation.`,
      `${o.name} — SIRET ${o.siret} — ${o.commune}. Créée par ${by}.`,
      'Tant qu’elle n’est pas validée, ses membres ne peuvent pas publier d’offre.',
    ],
    action: { label: 'Examiner la structure', url: organizationPage(s, o.id) },
  });

export const organizationValidatedEmail = (s: EmailSite, o: { id: string; name: string }) =>
  renderEmail(`Votre structure « ${o.name} » est validée`, {
    paragraphs: [
      `Le département a validé votre structure « ${o.name} » dans le catalogue ${s.tenantName}.`,
      'Vous pouvez maintenant rédiger ses offres et inviter vos collègues.',
    ],
    action: { label: 'Ouvrir ma structure', url: organizationPage(s, o.id) },
  });

export const organizationRejectedEmail = (s: EmailSite, o: { name: string }, reason: string) =>
  renderEmail(`Votre structure « ${o.name} » n’a pas été validée`, {
    paragraphs: [
      `Le département n’a pas validé la structure « ${o.name} » dans le catalogue ${s.tenantName}.`,
      `Motif : ${reason}`,
      'Vous n’en êtes plus membre. Vous pouvez créer à nouveau la structure en corrigeant ses informations, ou rejoindre une structure existante.',
    ],
    action: { label: 'Aller au catalogue', url: `${s.publicUrl}/${s.slug}` },
  });

export const joinRequestedEmail = (
  s: EmailSite,
  o: { id: string; name: string },
  requester: { email: string; name: string },
  message: string | null,
) =>
  renderEmail(`Demande d’accès à « ${o.name} »`, {
    paragraphs: [
      `${requester.name || requester.email} (${requester.email}) demande à rejoindre votre structure « ${o.name} ».`,
      ...(message ? [`Son message : ${message}`] : []),
      'En tant qu’administrateur ou administratrice de la structure, vous pouvez accepter ou refuser cette demande.',
    ],
    action: { label: 'Voir les demandes', url: organizationPage(s, o.id) },
  });

export const membershipAcceptedEmail = (s: EmailSite, o: { id: string; name: string }) =>
  renderEmail(`Votre demande d’accès à « ${o.name} » est acceptée`, {
    paragraphs: [`Vous êtes maintenant membre de la structure « ${o.name} » dans le catalogue ${s.tenantName}.`],
    action: { label: 'Ouvrir ma structure', url: organizationPage(s, o.id) },
  });

export const membershipRefusedEmail = (s: EmailSite, o: { name: string }) =>
  renderEmail(`Votre demande d’accès à « ${o.name} » n’a pas été acceptée`, {
    paragraphs: [
      `Un administrateur ou une administratrice de la structure « ${o.name} » n’a pas accepté votre demande d’accès dans le catalogue ${s.tenantName}.`,
      'Si vous pensez qu’il s’agit d’une erreur, contactez directement la structure.',
    ],
  });

export const invitationEmail = (
  s: EmailSite,
  o: { name: string },
  role: 'structure_admin' | 'structure_member',
  by: string,
  token: string,
) =>
  renderEmail(`Invitation à rejoindre « ${o.name} »`, {
    paragraphs: [
      `${by} vous invite à rejoindre la structure « ${o.name} » dans le catalogue de l’offre d’insertion ${s.tenantName}, en tant que ${roleLabel(role)}.`,
      'Connectez-vous (ou créez votre compte) avec cette adresse électronique, puis acceptez l’invitation.',
    ],
    action: {
      label: 'Accepter l’invitation',
      url: `${s.publicUrl}/${s.slug}/invitation?jeton=${encodeURIComponent(token)}`,
    },
    note: `Ce lien est valable ${AUTH_LIMITS.invitationDays} jours et ne sert qu’une fois.`,
  });

/** "nom : A → B ; SIRET : … ; structure prescriptrice : non → oui", for emails and the audit log. */
export function describeIdentityChange(
  previous: Partial<OrganizationIdentity>,
  proposed: Partial<OrganizationIdentity>,
): string {
  const value = (v: string | boolean | null | undefined) =>
    typeof v === 'boolean' ? (v ? 'oui' : 'non') : v ? `« ${v} »` : '—';
  return (Object.keys(proposed) as (keyof OrganizationIdentity)[])
    .map((k) => `${IDENTITY_LABELS[k]} : ${value(previous[k])} → ${value(proposed[k])}`)
    .join(' ; ');
}

const IDENTITY_LABELS: Record<keyof OrganizationIdentity, string> = {
  name: 'nom',
  siret: 'SIRET',
  prescriber: 'structure prescriptrice',
};

export const identityChangeRequestedEmail = (
  s: EmailSite,
  o: { id: string; name: string },
  change: string,
  by: string,
) =>
  renderEmail(`Modification de structure à valider : ${o.name}`, {
    paragraphs: [
      `La structure « ${o.name} », validée dans le catalogue ${s.tenantName}, demande à modifier son identité (demande de ${by}) :`,
      `${change}.`,
      'Tant que vous ne l’avez pas acceptée, le public, la recherche et les droits de référent gardent les valeurs validées.',
    ],
    action: { label: 'Examiner la modification', url: organizationPage(s, o.id) },
  });

export const identityChangeAcceptedEmail = (s: EmailSite, o: { id: string; name: string }, change: string) =>
  renderEmail(`La modification de votre structure « ${o.name} » est acceptée`, {
    paragraphs: [
      `Le département a accepté la modification de votre structure dans le catalogue ${s.tenantName} : ${change}.`,
      'Elle est maintenant visible du public.',
    ],
    action: { label: 'Ouvrir ma structure', url: organizationPage(s, o.id) },
  });

export const identityChangeRefusedEmail = (
  s: EmailSite,
  o: { id: string; name: string },
  change: string,
  reason: string,
) =>
  renderEmail(`La modification de votre structure « ${o.name} » n’est pas acceptée`, {
    paragraphs: [
      `Le département n’a pas accepté la modification demandée pour votre structure dans le catalogue ${s.tenantName} : ${change}.`,
      `Motif : ${reason}`,
      'Votre structure garde ses informations validées. Vous pouvez proposer une nouvelle modification.',
    ],
    action: { label: 'Ouvrir ma structure', url: organizationPage(s, o.id) },
  });
