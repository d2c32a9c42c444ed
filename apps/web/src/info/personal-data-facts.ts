// What the platform stores about people, who sees it and how long it is kept: the table of the
// personal-data page. Written from the migrations and the code (apps/api/src/migrations,
// modules/auth/auth-housekeeping.ts, modules/registrations/registrations-retention.job.ts…); the
// durations come from the constants the API applies (AUTH_LIMITS, RETENTION, checked by
// apps/api/src/web/retention.spec.ts). Pure, unit-tested.
import { AUTH_LIMITS, RETENTION } from '@catalogue/contracts';

export interface StoredData {
  /** What it is about (the row's heading). */
  what: string;
  data: string;
  seenBy: string;
  kept: string;
}

/** « 15 minutes », « 1 heure », « 8 heures », « 7 jours ». */
export function durationLabel(minutes: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = minutes / 60;
  if (hours < 24 || hours % 24 !== 0) return plural(hours, 'heure');
  return plural(hours / 24, 'jour');
}

const h = (hours: number) => durationLabel(hours * 60);
const d = (days: number) => durationLabel(days * 24 * 60);
const NO_LIMIT = 'Sans limite de durée à ce jour';

export const STORED_DATA: StoredData[] = [
  {
    what: 'Votre compte',
    data:
      'Adresse électronique, nom, mot de passe (seulement son empreinte Argon2 : personne ne peut le relire), date de vérification de l’adresse. ' +
      'Pour une connexion par ProConnect : l’identifiant que ce service vous attribue et le SIRET qu’il transmet. Le mois du dernier récapitulatif envoyé.',
    seenBy:
      'Vous ; les agents et administrateurs des départements où vous avez un rôle ; les administrateurs de vos structures (nom et adresse électronique).',
    kept: 'Jusqu’à ce que vous le supprimiez vous-même, dans « Mon compte » (voir « Vos droits ») : les comptes inactifs ne sont pas supprimés automatiquement.',
  },
  {
    what: 'Vos sessions de connexion',
    data: 'Dates d’ouverture et de dernière activité, adresse IP, navigateur utilisé (en-tête User-Agent).',
    seenBy: 'Personne dans l’application : elles servent seulement à vous reconnaître.',
    kept:
      `Fermée après ${h(AUTH_LIMITS.professionalIdleHours)} sans activité pour un professionnel, ${h(AUTH_LIMITS.beneficiaryIdleHours)} pour un bénéficiaire, ` +
      `et au plus tard ${d(RETENTION.sessionMaxDays)} après la connexion ; puis effacée par le nettoyage automatique. « Se déconnecter partout » (Mon espace) les ferme toutes.`,
  },
  {
    what: 'Liens à usage unique envoyés par courriel',
    data:
      `Vérification de l’adresse (valable ${h(AUTH_LIMITS.verifyEmailHours)}), nouveau mot de passe (${durationLabel(AUTH_LIMITS.resetTokenMinutes)}), ` +
      `lien de connexion (${durationLabel(AUTH_LIMITS.magicLinkMinutes)}), bienvenue d’un agent (${d(RETENTION.welcomeLinkDays)}) : seule une empreinte du lien est gardée, avec le compte concerné.`,
    seenBy: 'Personne.',
    kept: `Effacés ${d(RETENTION.expiredLinkDays)} après leur expiration.`,
  },
  {
    what: 'Compteurs contre les abus',
    data:
      `Nombre d’échecs de connexion par adresse électronique et par adresse IP (sur ${durationLabel(AUTH_LIMITS.loginWindowMinutes)}) ; ` +
      `nombre de courriels demandés (inscription, nouveau mot de passe, lien de connexion) par adresse et par IP (sur ${durationLabel(RETENTION.emailRequestWindowMinutes)}).`,
    seenBy: 'Personne.',
    kept: 'Effacés à la fin de leur période.',
  },
  {
    what: 'Demandes de lien par courriel',
    data:
      'Une demande de nouveau mot de passe ou de lien de connexion attend d’être traitée, avec l’adresse électronique demandée et l’adresse IP, ' +
      'pour que la réponse ne révèle pas si un compte existe.',
    seenBy: 'Personne.',
    kept: `Effacée dès qu’elle est traitée, quelques secondes après la demande ; au plus ${durationLabel(RETENTION.pendingEmailRequestMaxMinutes)} si le service était arrêté.`,
  },
  {
    what: 'Vos rôles dans un département',
    data:
      'Rôle (agent, administrateur, membre ou administrateur d’une structure, bénéficiaire), structure concernée, état de la demande (en attente, acceptée, refusée), ' +
      'message joint à une demande d’adhésion, qui l’a décidée et quand.',
    seenBy: 'Les agents et administrateurs du département ; les administrateurs de la structure concernée.',
    kept: 'Jusqu’au retrait du rôle ou à la suppression du compte ; une demande refusée reste enregistrée.',
  },
  {
    what: 'Inscriptions aux actions',
    data:
      'Pour chaque inscription, la personne, réduite au minimum : prénom, nom, un moyen de contact (adresse électronique ou téléphone mobile), commune ; ' +
      'pour les statistiques du Département seulement, sa situation (RSA, jeune de moins de 26 ans, demandeur d’emploi, autre), sa tranche d’âge et son sexe (« non renseigné » possible). ' +
      'Jamais de date de naissance ni de numéro de sécurité sociale ou d’allocataire. ' +
      'L’action et la séance, l’état de l’inscription et son historique (qui a fait quoi, quand), le message éventuel à la structure, la présence et la suite donnée. ' +
      'Pour une inscription faite par un référent : l’accord de la personne, informée du traitement de ses données, recueilli à l’oral ou par écrit, par qui et quand.',
    seenBy:
      'La personne elle-même (« Mes inscriptions ») ; le référent qui l’a inscrite ; les membres de la structure qui organise l’action. ' +
      'Les agents du Département ne voient que des nombres (statistiques), pas les personnes. Chaque consultation d’une inscription est inscrite au journal d’audit.',
    kept:
      `Anonymisées ${RETENTION.registrationPersonDefaultMonths} mois après la dernière activité de la personne (délai par défaut, que chaque Département règle), ` +
      'quand aucune de ses inscriptions n’est en cours : nom remplacé par « Personne anonymisée », coordonnées, commune et textes libres effacés ; ' +
      'la situation, la tranche d’âge, le sexe et l’inscription elle-même restent, pour les statistiques. Aussitôt anonymisées si la personne supprime son compte.',
  },
  {
    what: 'Courriels des structures sur les inscriptions',
    data: 'Pour les membres d’une structure : les sortes de courriels sur les inscriptions qu’ils ne veulent plus recevoir.',
    seenBy: 'Vous.',
    kept: 'Tant que le compte existe.',
  },
  {
    what: 'Invitations à rejoindre une structure',
    data: `Adresse invitée, rôle proposé, qui invite, dates d’envoi, d’expiration (${d(AUTH_LIMITS.invitationDays)}) et d’acceptation.`,
    seenBy: 'Les administrateurs de la structure ; les agents du département.',
    kept: `Effacée si elle est annulée ; acceptée ou expirée, elle reste enregistrée (${NO_LIMIT.toLowerCase()}).`,
  },
  {
    what: 'Structures et offres',
    data:
      'Coordonnées publiées : adresse, courriel, téléphone et site de la structure, SIRET ; nom, courriel et téléphone du contact de chaque offre. ' +
      'Qui a créé la structure, qui l’a modifiée en dernier, qui l’a validée ou refusée, et le motif d’un refus ; ' +
      'chaque demande de changement de nom, de SIRET ou de rôle prescripteur, qui l’a faite, qui l’a acceptée ou refusée et pourquoi.',
    seenBy:
      'Tout le monde une fois la structure validée ou l’offre publiée (catalogue, API publique) ; avant, les membres de la structure et les agents du département.',
    kept: 'Tant que la structure ou l’offre existe (une offre archivée est gardée).',
  },
  {
    what: 'Historique des offres',
    data: 'Qui a créé, modifié, soumis, publié, renvoyé pour modifications ou archivé chaque offre, quand, les champs modifiés et le commentaire de modération.',
    seenBy: 'Les membres de la structure et les agents du département.',
    kept: 'Tant que l’offre existe.',
  },
  {
    what: 'Journal d’audit',
    data:
      'Qui (identifiant et adresse électronique), quoi, sur quel objet, quand et depuis quelle adresse IP : connexions et déconnexions, créations de compte, ' +
      'changements de rôle, invitations, décisions sur les structures et les offres, consultations et changements des inscriptions, exports, ' +
      'copies de ses données téléchargées, suppressions de compte, anonymisations, changements de réglages.',
    seenBy: 'Les administrateurs du département, pour les lignes de son espace.',
    kept: `${NO_LIMIT} : le journal ne peut qu’être complété, aucune ligne n’en est effacée.`,
  },
  {
    what: 'Courriels envoyés',
    data:
      'Destinataire, objet et contenu des courriels du service (vérification d’adresse, liens, invitations, décisions sur une structure ou une offre, ' +
      'récapitulatif mensuel des offres à mettre à jour, inscriptions et leurs changements, avec pour une séance acceptée son fichier de calendrier) et leur état d’envoi.',
    seenBy: 'Personne dans l’application.',
    kept: NO_LIMIT,
  },
];

/** What a person can do with their own data in the application, without asking anyone (« Vos droits »). */
export const OWN_DATA_RIGHTS: string[] = [
  'télécharger une copie de toutes vos données (votre compte et chacune de vos inscriptions, dans tous les départements, au format JSON) : « Mon compte » ;',
  'supprimer votre compte : « Mon compte » ; vos inscriptions sont alors gardées, anonymisées, pour les statistiques (un compte qui a un rôle professionnel le quitte d’abord) ;',
  'changer votre mot de passe (« Mot de passe oublié ») et fermer toutes vos sessions (« Se déconnecter partout » dans « Mon espace ») ;',
  'annuler une inscription (« Mes inscriptions »), jusqu’au délai fixé par l’action.',
];
