// The site map: every public page; for a département, its own pages first.
import { Link } from '../app/router.js';
import { INFO_PAGES, paths } from '../app/routes.js';
import { ofDepartement } from './departement-name.js';
import { INFO_TITLES, TenantList, type InfoTenant } from './info-parts.js';

function InfoLinks({ slug }: { slug: string | null }) {
  return (
    <ul>
      {INFO_PAGES.map((page) => (
        <li key={page}>
          <Link className="fr-link" to={paths.info(page, slug)}>
            {INFO_TITLES[page]}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function ProfessionalPages() {
  return (
    <ul>
      <li>
        <Link className="fr-link" to={paths.login()}>
          Se connecter
        </Link>
      </li>
      <li>
        <Link className="fr-link" to={paths.register()}>
          Créer un compte professionnel
        </Link>
      </li>
      <li>
        <Link className="fr-link" to={paths.forgotPassword()}>
          Mot de passe oublié
        </Link>
      </li>
      <li>
        <Link className="fr-link" to={paths.space()}>
          Mon espace
        </Link>{' '}
        (mes départements et mes structures, une fois connecté)
      </li>
    </ul>
  );
}

export function SiteMap({ tenant }: { tenant: InfoTenant }) {
  return (
    <>
      {tenant && (
        <>
          <h2 className="fr-h4 fr-mt-5w">Le catalogue {ofDepartement(tenant.code, tenant.name)}</h2>
          <ul>
            <li>
              <Link className="fr-link" to={paths.search(tenant.slug)}>
                Rechercher une offre d’insertion
              </Link>{' '}
              (liste et carte) ; les fiches des offres et des structures s’ouvrent depuis les résultats
            </li>
          </ul>
          <h2 className="fr-h4 fr-mt-5w">Votre compte personnel</h2>
          <ul>
            <li>
              <Link className="fr-link" to={paths.beneficiaryRegister(tenant.slug)}>
                Créer un compte personnel
              </Link>{' '}
              (pour vous inscrire vous-même aux actions)
            </li>
            <li>
              <Link className="fr-link" to={paths.account()}>
                Mon compte
              </Link>{' '}
              (télécharger mes données, supprimer mon compte, une fois connecté)
            </li>
          </ul>
          <h2 className="fr-h4 fr-mt-5w">Informations sur ce catalogue</h2>
          <InfoLinks slug={tenant.slug} />
          <h2 className="fr-h4 fr-mt-5w">Espace des professionnels</h2>
          <ProfessionalPages />
          <p>
            Une fois connectés, les membres des structures y gèrent leurs structures et leurs offres ; les agents du
            Département y trouvent les structures à valider, la modération des offres, le tableau de bord, les réglages
            et le journal.
          </p>
          <h2 className="fr-h4 fr-mt-5w">Toute la plateforme</h2>
          <ul>
            <li>
              <Link className="fr-link" to={paths.home()}>
                Choisir un autre département
              </Link>
            </li>
            <li>
              <Link className="fr-link" to={paths.info('plan-du-site')}>
                Plan du site de la plateforme
              </Link>
            </li>
          </ul>
        </>
      )}
      {!tenant && (
        <>
          <h2 className="fr-h4 fr-mt-5w">Accueil</h2>
          <ul>
            <li>
              <Link className="fr-link" to={paths.home()}>
                Choisir un département
              </Link>
            </li>
          </ul>
          <h2 className="fr-h4 fr-mt-5w">Catalogues des départements</h2>
          <TenantList
            item={(t) => (
              <>
                <Link className="fr-link" to={paths.search(t.slug)}>
                  {t.name} ({t.code})
                </Link>{' '}
                —{' '}
                <Link
                  className="fr-link"
                  to={paths.info('plan-du-site', t.slug)}
                >{`plan du catalogue ${ofDepartement(t.code, t.name)}`}</Link>
              </>
            )}
          />
          <h2 className="fr-h4 fr-mt-5w">Espace des professionnels</h2>
          <ProfessionalPages />
          <h2 className="fr-h4 fr-mt-5w">Informations sur la plateforme</h2>
          <InfoLinks slug={null} />
        </>
      )}
      <h2 className="fr-h4 fr-mt-5w">Pour les développeurs</h2>
      <ul>
        <li>
          <a className="fr-link" href="/api/docs">
            API publique (documentation OpenAPI)
          </a>
        </li>
      </ul>
    </>
  );
}
