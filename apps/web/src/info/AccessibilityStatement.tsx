// The accessibility statement, on the RGAA model. No audit has been made: the site is declared
// « non conforme » (RGAA rule), and the page says what the automated checks do cover.
import { ACCESSIBILITY_STATUS } from '../layout/Layout.js';
import { AUTH_LIMITS } from '@catalogue/contracts';
import { durationLabel } from './personal-data-facts.js';
import {
  ExternalLink,
  InfoLink,
  responsible,
  responsibleStart,
  serviceAddress,
  toService,
  type InfoTenant,
} from './info-parts.js';

/** When this statement was written (with the checks it lists). */
const ESTABLISHED_ON = '4 décembre 2026';

/** Pages the browser tests (tests/browser) check with axe-core on every change. */
const CHECKED_PAGES = [
  'l’accueil (choix du département)',
  'la recherche (liste, filtres et carte)',
  'la fiche d’une offre',
  'les pages d’information (accessibilité, mentions légales, données personnelles, plan du site)',
  'la connexion',
  'l’espace personnel (rejoindre une structure)',
  'le formulaire d’une offre',
  'la file de modération',
  'les réglages et l’équipe du département',
  'le journal d’audit',
  'le tableau de bord',
];

export function AccessibilityStatement({ tenant }: { tenant: InfoTenant }) {
  return (
    <>
      <p>
        {responsibleStart(tenant)} s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de
        la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d’accessibilité s’applique {toService(tenant)} ({serviceAddress(tenant)}).
      </p>

      <h2 className="fr-h4 fr-mt-5w">État de conformité</h2>
      <p>
        Ce site est <strong>{ACCESSIBILITY_STATUS}</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1.2 : aucun audit de conformité n’a encore été réalisé. Tant qu’un audit n’a
        pas mesuré le respect de ses critères, le RGAA demande de déclarer le site non conforme.
      </p>

      <h2 className="fr-h4 fr-mt-5w">Ce que vérifient les tests automatiques</h2>
      <p>
        À chaque modification du logiciel, des tests pilotent un navigateur (Chromium) et font vérifier par l’outil
        axe-core les règles des WCAG 2.0 et 2.1, niveaux A et AA : ils échouent au premier défaut grave ou critique
        trouvé sur
      </p>
      <ul>
        {CHECKED_PAGES.map((p) => (
          <li key={p}>{p} ;</li>
        ))}
      </ul>
      <p>
        D’autres tests parcourent la recherche au clavier seul (chercher, filtrer, ouvrir une offre, avec un focus
        visible), vérifient l’affichage sur un téléphone sans défilement horizontal, et que la carte reste utilisable
        sans fond de carte.
      </p>
      <p>
        Ces vérifications ne remplacent pas un audit : un outil automatique ne détecte qu’une partie des défauts. La
        pertinence des textes alternatifs et des intitulés, l’ordre de lecture, la compréhension des messages ou la
        restitution par un lecteur d’écran demandent un examen humain.
      </p>

      <h2 className="fr-h4 fr-mt-5w">Contenus non accessibles</h2>
      <h3 className="fr-h6">Non-conformités</h3>
      <p>Faute d’audit, les non-conformités ne sont pas recensées. Défauts connus à ce jour :</p>
      <ul>
        <li>
          la session d’un professionnel se ferme après {durationLabel(AUTH_LIMITS.professionalIdleHours * 60)} sans
          activité, sans avertissement ni moyen de la prolonger (critère 13.1) ;
        </li>
        <li>
          la documentation de l’API publique (/api/docs), produite par un outil tiers (Swagger UI), n’a pas été
          vérifiée.
        </li>
      </ul>
      <h3 className="fr-h6">Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3 className="fr-h6">Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>
        Les cartes (fond de carte, contours et repères), au titre des cartes et services de cartographie en ligne
        (article 3 du décret n° 2019-768 du 24 juillet 2019). Les informations qu’elles donnent figurent aussi sous
        forme de texte : la liste des résultats, à côté de la carte (onglet « Liste » sur téléphone), donne les mêmes
        offres, et chaque fiche donne l’adresse de ses lieux d’accueil.
      </p>

      <h2 className="fr-h4 fr-mt-5w">Établissement de cette déclaration</h2>
      <p>
        Cette déclaration a été établie le {ESTABLISHED_ON}, sans audit, à partir des tests automatiques décrits plus
        haut.
      </p>
      <ul>
        <li>Technologies utilisées : HTML5, CSS, JavaScript, WAI-ARIA ; système de design de l’État (DSFR).</li>
        <li>Environnement de test : Chromium sous Linux, outil axe-core.</li>
      </ul>

      <h2 className="fr-h4 fr-mt-5w">Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez {responsible(tenant)}
        {tenant ? ' (coordonnées sur son site officiel)' : ''} pour être orienté vers une alternative accessible ou
        obtenir le contenu sous une autre forme. Pour une offre, la structure qui la propose peut aussi vous répondre :
        ses coordonnées sont sur la fiche.
      </p>
      {!tenant && (
        <p>
          Cette installation ne publie pas encore d’adresse de contact de son exploitant ; le département dont vous
          consultez le catalogue peut vous répondre : voir sa déclaration depuis le pied de ses pages.
        </p>
      )}

      <h2 className="fr-h4 fr-mt-5w">Voies de recours</h2>
      <p>
        Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service, et que
        vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits (
          <ExternalLink href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</ExternalLink>) ;
        </li>
        <li>
          contacter le délégué du Défenseur des droits dans votre région (
          <ExternalLink href="https://www.defenseurdesdroits.fr/saisir/delegues">liste des délégués</ExternalLink>) ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, sans timbre) : Défenseur des droits, Libre réponse 71120, 75342
          Paris CEDEX 07.
        </li>
      </ul>
      <p className="fr-mt-5w">
        Voir aussi :{' '}
        <InfoLink page="mentions-legales" tenant={tenant}>
          mentions légales
        </InfoLink>
        ,{' '}
        <InfoLink page="donnees-personnelles" tenant={tenant}>
          données personnelles
        </InfoLink>
        ,{' '}
        <InfoLink page="plan-du-site" tenant={tenant}>
          plan du site
        </InfoLink>
        .
      </p>
    </>
  );
}
