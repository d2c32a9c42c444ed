// Legal notice: who publishes what. A département publishes its catalogue; the platform is run by
// an operator whose identity and host this installation does not declare yet: said as it is.
import { config } from '../app/config.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { ofDepartement, theDepartement } from './departement-name.js';
import { ExternalLink, InfoLink, TenantList, type InfoTenant } from './info-parts.js';

export function LegalNotice({ tenant }: { tenant: InfoTenant }) {
  const tiles = config.tiles;
  return (
    <>
      <h2 className="fr-h4 fr-mt-5w">Éditeur</h2>
      {tenant ? (
        <>
          <p>
            Le catalogue de l’offre d’insertion {ofDepartement(tenant.code, tenant.name)} est publié par{' '}
            {theDepartement(tenant.code, tenant.name)} (conseil départemental). Les offres sont rédigées par les
            structures qui les mettent en œuvre et vérifiées par les agents du Département avant ou après leur
            publication.
          </p>
          <p>Direction de la publication : la présidence du conseil départemental.</p>
          <p>Coordonnées : celles du Département, sur son site officiel.</p>
        </>
      ) : (
        <>
          <p>
            La plateforme du catalogue de l’offre d’insertion ouvre à chaque département un espace où il publie son
            catalogue ; chacun en est l’éditeur :
          </p>
          <TenantList
            item={(t) => (
              <>
                <Link className="fr-link" to={paths.info('mentions-legales', t.slug)}>
                  Catalogue {ofDepartement(t.code, t.name)}
                </Link>{' '}
                : {theDepartement(t.code, t.name)}
              </>
            )}
          />
          <p>
            La plateforme elle-même est exploitée par l’organisme qui l’installe et la met à disposition des
            départements.{' '}
            <strong>Cette installation ne déclare pas encore l’identité ni les coordonnées de son exploitant.</strong>
          </p>
        </>
      )}

      <h2 className="fr-h4 fr-mt-5w">Hébergement</h2>
      <p>L’hébergeur de cette installation n’est pas encore renseigné.</p>

      <h2 className="fr-h4 fr-mt-5w">Sources des données</h2>
      <ul>
        <li>
          Offres et structures : saisies par les structures partenaires et les agents{' '}
          {tenant ? 'du Département' : 'des départements'}.
        </li>
        <li>Thématiques, publics et autres listes de référence : référentiels nationaux data·inclusion.</li>
        <li>
          Communes : découpage administratif publié par Etalab ; coordonnées des communes : GeoNames, ou estimées pour
          les plus petites.
        </li>
        <li>Contours des départements : Natural Earth.</li>
        <li>
          Fonds de carte :{' '}
          {tiles.url
            ? `${tiles.attribution || 'voir l’attribution sur chaque carte'} (${new URL(tiles.url.replace(/[{}]/g, ''), window.location.href).host})`
            : 'aucun sur cette installation (la carte montre seulement les contours et les repères)'}
          .
        </li>
      </ul>

      <h2 className="fr-h4 fr-mt-5w">Réutilisation</h2>
      <p>
        Les offres publiées se consultent aussi par l’
        <a className="fr-link" href="/api/docs">
          API publique
        </a>
        . Leur licence de réutilisation n’est pas encore précisée :{' '}
        {tenant ? 'renseignez-vous auprès du Département' : 'renseignez-vous auprès du département concerné'}.
      </p>

      <h2 className="fr-h4 fr-mt-5w">Liens vers d’autres sites</h2>
      <p>
        Les sites des structures, vers lesquels mènent certaines fiches, sont sous la responsabilité de leurs éditeurs.
      </p>

      <h2 className="fr-h4 fr-mt-5w">Accessibilité et données personnelles</h2>
      <p>
        Ce site est déclaré non conforme au RGAA : voir la{' '}
        <InfoLink page="accessibilite" tenant={tenant}>
          déclaration d’accessibilité
        </InfoLink>
        . Ce que le site enregistre sur vous, et vos droits :{' '}
        <InfoLink page="donnees-personnelles" tenant={tenant}>
          données personnelles
        </InfoLink>
        . Pour saisir la CNIL : <ExternalLink href="https://www.cnil.fr/fr/plaintes">cnil.fr</ExternalLink>.
      </p>
    </>
  );
}
