// The emails of the département's staff, in French.
import type { StaffRole } from '@catalogue/contracts';
import { renderEmail } from '../mail/render.js';

/** Days the "choose your password" link of a new staff account stays valid. */
export const WELCOME_LINK_DAYS = 7;

export const setPasswordUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/connexion/nouveau-mot-de-passe?jeton=${encodeURIComponent(token)}`;

function rolesText(roles: StaffRole[]): string {
  const labels = roles.includes('admin')
    ? ['d’administrateur', ...(roles.includes('agent') ? ['d’agent'] : [])]
    : ['d’agent'];
  return `le rôle ${labels.join(' et ')}`;
}

const where = (tenant: { name: string; code: string }) => `du département ${tenant.name} (${tenant.code})`;

/** A new account: the person chooses a password through a one-time link. */
export function welcomeStaffEmail(
  publicUrl: string,
  tenant: { name: string; code: string },
  roles: StaffRole[],
  token: string,
) {
  return renderEmail(`Votre accès au catalogue de l’offre d’insertion — ${tenant.name}`, {
    paragraphs: [
      `Un compte a été créé pour vous sur le catalogue de l’offre d’insertion : vous y avez ${rolesText(roles)} ${where(tenant)}.`,
      'Pour l’activer, choisissez votre mot de passe.',
    ],
    action: { label: 'Choisir mon mot de passe', url: setPasswordUrl(publicUrl, token) },
    note: `Ce lien est valable ${WELCOME_LINK_DAYS} jours et ne sert qu’une fois. Si vous n’attendiez pas ce message, ignorez-le.`,
  });
}

/** An existing account that gets a département role. */
export function staffRoleEmail(publicUrl: string, tenant: { name: string; code: string }, roles: StaffRole[]) {
  return renderEmail(`Nouveau rôle dans le catalogue de l’offre d’insertion — ${tenant.name}`, {
    paragraphs: [`Vous avez désormais ${rolesText(roles)} ${where(tenant)} sur le catalogue de l’offre d’insertion.`],
    action: { label: 'Ouvrir mon espace', url: `${publicUrl}/espace` },
  });
}
