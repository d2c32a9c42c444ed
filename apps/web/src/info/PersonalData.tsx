// The personal-data page: who is responsible (the département for its space), what is stored and
// for how long (personal-data-facts.ts, from the code), the legal basis, who sees it, the rights.
import { config } from '../app/config.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { ofDepartement } from './departement-name.js';
import { ExternalLink, InfoLink, responsible, responsibleStart, TenantList, type InfoTenant } from './info-parts.js';
import { OWN_DATA_RIGHTS, STORED_DATA } from './personal-data-facts.js';

function tilesHost(): string | null {
  const url = config.tiles.url;
  if (!url) return null;
  const host = new URL(url.replace(/[{}]/g, ''), window.location.href).host;
  return host === window.location.host ? null : host;
}

export function PersonalData({ tenant }: { tenant: InfoTenant }) {
  const tiles = tilesHost();
  return (
    <>
      <p className="fr-text--lead">
        Chercher et consulter le catalogue ne demande aucune donnée personnelle : ni compte, ni traceur, ni mesure
        d’audience. Des données personnelles sont enregistrées pour les personnes qui ont un compte, pour les personnes
        inscrites à une action (par elles-mêmes ou par leur référent), et pour les contacts que les structures publient.
      </p>

      <h2 className="fr-h4 fr-mt-5w">Responsable du traitement</h2>
      {tenant ? (
        <p>
          {responsibleStart(tenant)} est responsable des données de son espace (structures, offres, inscriptions, rôles,
          invitations, historique et journal) et des comptes des personnes qui y ont un rôle. L’administrateur de la
          plateforme ouvre les espaces des départements mais n’a, dans l’application, aucun accès à leurs données.
        </p>
      ) : (
        <>
          <p>
            Chaque département est responsable des données de son espace et des comptes des personnes qui y ont un rôle
            ; chacun a sa page :
          </p>
          <TenantList
            item={(t) => (
              <Link className="fr-link" to={paths.info('donnees-personnelles', t.slug)}>
                Données personnelles du catalogue {ofDepartement(t.code, t.name)}
              </Link>
            )}
          />
          <p>
            Un compte qui n’a encore de rôle dans aucun département relève de l’exploitant de la plateforme.{' '}
            <strong>Cette installation ne déclare pas encore l’identité ni les coordonnées de son exploitant.</strong>
          </p>
        </>
      )}

      <h2 className="fr-h4 fr-mt-5w">Pourquoi, et sur quelle base</h2>
      <ul>
        <li>
          Permettre aux structures de publier leurs offres et de les tenir à jour, et{' '}
          {tenant ? 'au Département' : 'aux départements'} de les vérifier ;
        </li>
        <li>gérer les comptes, les rôles et les invitations ;</li>
        <li>
          inscrire les personnes aux actions, qu’elles s’inscrivent elles-mêmes ou que leur référent les inscrive avec
          leur accord, suivre ces inscriptions (places, liste d’attente, présence, suite donnée) et en tirer les
          statistiques du plan d’insertion ;
        </li>
        <li>
          envoyer les courriels du service (vérification d’adresse, liens de connexion, invitations, décisions, rappels)
          ;
        </li>
        <li>sécuriser le service : sessions, limites contre les abus, journal de qui a fait quoi.</li>
      </ul>
      <p>
        Base légale : la mission d’intérêt public (article 6, paragraphe 1, point e, du RGPD) que la loi confie aux
        départements, la politique d’insertion (programme départemental d’insertion, article L263-1 du code de l’action
        sociale et des familles). La sécurité du service répond en outre à l’obligation de sécuriser les données
        (article 32 du RGPD).
      </p>

      <h2 className="fr-h4 fr-mt-5w">Ce qui est enregistré, qui le voit, combien de temps</h2>
      {STORED_DATA.map((row) => (
        <section key={row.what} className="cat-stored" aria-labelledby={`donnees-${slugOf(row.what)}`}>
          <h3 className="fr-h6 fr-mb-1w" id={`donnees-${slugOf(row.what)}`}>
            {row.what}
          </h3>
          <dl>
            <dt>Données</dt>
            <dd>{row.data}</dd>
            <dt>Qui les voit</dt>
            <dd>{row.seenBy}</dd>
            <dt>Conservation</dt>
            <dd>{row.kept}</dd>
          </dl>
        </section>
      ))}

      <h2 className="fr-h4 fr-mt-5w">Dans votre navigateur</h2>
      <ul>
        <li>
          Un cookie de session, déposé quand vous vous connectez, strictement nécessaire : il vous garde connecté et
          disparaît à la déconnexion. Pas de cookie de mesure d’audience ni de publicité : aucun consentement n’est donc
          demandé.
        </li>
        <li>Un indicateur « connecté récemment » dans le stockage local, sans donnée personnelle.</li>
        {tiles && (
          <li>
            Les fonds de carte viennent de {tiles} : pour les afficher, votre navigateur lui envoie votre adresse IP et
            la zone de carte affichée.
          </li>
        )}
      </ul>

      <h2 className="fr-h4 fr-mt-5w">Destinataires</h2>
      <p>
        Les données ne sont ni vendues, ni cédées, ni utilisées à des fins commerciales. Au-delà des personnes indiquées
        plus haut, l’exploitant technique de la plateforme y accède pour la faire fonctionner (hébergement, sauvegardes,
        envoi des courriels).
      </p>

      <h2 className="fr-h4 fr-mt-5w">Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les faire corriger ou effacer, et vous opposer à leur traitement ou en
        demander la limitation (articles 15 à 21 du RGPD).
      </p>
      <p>Vous-même, une fois connecté, sans rien demander à personne :</p>
      <ul>
        {OWN_DATA_RIGHTS.map((right) => (
          <li key={right}>{right}</li>
        ))}
      </ul>
      <p>
        <Link className="fr-link" to={paths.account()}>
          Mon compte : télécharger mes données, supprimer mon compte
        </Link>
      </p>
      <ul>
        <li>Les administrateurs d’une structure corrigent ses coordonnées et celles de ses offres.</li>
        <li>
          Pour le reste (correction du nom ou de l’adresse électronique, d’une inscription faite par un référent,
          opposition ou limitation) :{' '}
          {tenant
            ? `adressez-vous à ${responsible(tenant)}, de préférence à son délégué à la protection des données (coordonnées sur le site du Département).`
            : 'adressez-vous au département où vous avez un rôle ou une inscription (voir sa page ci-dessus).'}
        </li>
      </ul>
      <p>
        Si vous estimez, après l’avoir contacté, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la CNIL : <ExternalLink href="https://www.cnil.fr/fr/plaintes">en ligne sur cnil.fr</ExternalLink>
        , ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.
      </p>
      <p className="fr-mt-5w">
        Voir aussi :{' '}
        <InfoLink page="mentions-legales" tenant={tenant}>
          mentions légales
        </InfoLink>
        ,{' '}
        <InfoLink page="accessibilite" tenant={tenant}>
          accessibilité
        </InfoLink>
        .
      </p>
    </>
  );
}

const slugOf = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
