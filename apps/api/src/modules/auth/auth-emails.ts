// The account emails, in French. Each link carries a single-use token; the note says how long it lives.
import { AUTH_LIMITS } from '@catalogue/contracts';
import { renderEmail } from '../mail/render.js';

const greeting = (name: string) => (name.trim() ? `Bonjour ${name.trim()},` : 'Bonjour,');
const NOT_YOU = 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne changera.';

export const verifyEmailEmail = (publicUrl: string, name: string, token: string) =>
  renderEmail('Confirmez votre adresse e-mail', {
    greeting: greeting(name),
    paragraphs: [
      'Vous venez de créer un compte sur le catalogue de l’offre d’insertion.',
      'Confirmez votre adresse e-mail pour l’activer :',
    ],
    action: {
      label: 'Confirmer mon adresse e-mail',
      url: `${publicUrl}/connexion/verifier-email?jeton=${encodeURIComponent(token)}`,
    },
    note: `Ce lien est valable ${AUTH_LIMITS.verifyEmailHours} heures et ne sert qu’une fois. ${NOT_YOU}`,
  });

/** Sent instead of a verification when someone signs up with an address that already has an account. */
export const alreadyRegisteredEmail = (publicUrl: string, name: string) =>
  renderEmail('Vous avez déjà un compte', {
    greeting: greeting(name),
    paragraphs: [
      'Quelqu’un (sans doute vous) a voulu créer un compte avec cette adresse e-mail sur le catalogue de l’offre d’insertion, mais vous avez déjà un compte.',
      `Connectez-vous : ${publicUrl}/connexion`,
      'Mot de passe oublié ? Choisissez-en un nouveau :',
    ],
    action: { label: 'Choisir un nouveau mot de passe', url: `${publicUrl}/mot-de-passe-oublie` },
    note: NOT_YOU,
  });

export const passwordResetEmail = (publicUrl: string, name: string, token: string) =>
  renderEmail('Choisissez un nouveau mot de passe', {
    greeting: greeting(name),
    paragraphs: [
      'Vous avez demandé à changer le mot de passe de votre compte sur le catalogue de l’offre d’insertion.',
    ],
    action: {
      label: 'Choisir un nouveau mot de passe',
      url: `${publicUrl}/connexion/nouveau-mot-de-passe?jeton=${encodeURIComponent(token)}`,
    },
    note: `Ce lien est valable ${AUTH_LIMITS.resetTokenMinutes} minutes et ne sert qu’une fois ; il déconnecte toutes vos sessions. ${NOT_YOU}`,
  });

export const magicLinkEmail = (publicUrl: string, name: string, token: string) =>
  renderEmail('Votre lien de connexion', {
    greeting: greeting(name),
    paragraphs: ['Voici votre lien pour vous connecter au catalogue de l’offre d’insertion sans mot de passe.'],
    action: { label: 'Me connecter', url: `${publicUrl}/connexion/lien-magique?jeton=${encodeURIComponent(token)}` },
    note: `Ce lien est valable ${AUTH_LIMITS.magicLinkMinutes} minutes et ne sert qu’une fois. ${NOT_YOU}`,
  });

/** The département a personal account is made in (its name, and its slug for the links). */
export interface EmailTenant {
  name: string;
  slug: string;
}

const personalDataUrl = (publicUrl: string, t: EmailTenant) => `${publicUrl}/${t.slug}/donnees-personnelles`;

/** A beneficiary's sign-up: a personal account, to register oneself to actions. */
export const beneficiaryVerifyEmail = (
  publicUrl: string,
  name: string,
  token: string,
  tenant: EmailTenant,
  withPassword: boolean,
) =>
  renderEmail('Activez votre compte personnel', {
    greeting: greeting(name),
    paragraphs: [
      `Vous venez de créer votre compte personnel sur le catalogue de l’offre d’insertion (${tenant.name}).`,
      'Ce compte est le vôtre : il sert à vous inscrire vous-même aux actions ouvertes à l’inscription et à suivre vos inscriptions. Ce n’est pas un compte de professionnel.',
      withPassword
        ? 'Confirmez votre adresse e-mail pour l’activer ; vous serez connecté aussitôt :'
        : 'Vous n’avez pas choisi de mot de passe : pour revenir plus tard, demandez un lien de connexion sur la page « Se connecter ». Confirmez d’abord votre adresse e-mail ; vous serez connecté aussitôt :',
    ],
    action: {
      label: 'Confirmer mon adresse e-mail',
      url: `${publicUrl}/connexion/verifier-email?jeton=${encodeURIComponent(token)}`,
    },
    note:
      `Ce lien est valable ${AUTH_LIMITS.verifyEmailHours} heures et ne sert qu’une fois. ` +
      `Ce que nous enregistrons sur vous, qui le voit, combien de temps, et vos droits : ${personalDataUrl(publicUrl, tenant)} ${NOT_YOU}`,
  });

/** Sent instead when someone makes a personal account with an address that already has an account. */
export const beneficiaryAlreadyRegisteredEmail = (publicUrl: string, name: string, tenant: EmailTenant) =>
  renderEmail('Vous avez déjà un compte', {
    greeting: greeting(name),
    paragraphs: [
      'Quelqu’un (sans doute vous) a voulu créer un compte personnel avec cette adresse e-mail sur le catalogue de l’offre d’insertion, mais vous avez déjà un compte.',
      `Avec ce compte, vous pouvez vous inscrire aux actions de ${tenant.name} ouvertes à l’inscription. Connectez-vous avec votre mot de passe, ou demandez un lien de connexion (sans mot de passe) :`,
    ],
    action: { label: 'Me connecter', url: `${publicUrl}/connexion` },
    note: `Mot de passe oublié ? ${publicUrl}/mot-de-passe-oublie ${NOT_YOU}`,
  });
