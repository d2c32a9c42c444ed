import { api } from '../app/api.js';
import { Link, usePageTitle } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Layout, Loading } from '../layout/Layout.js';

export function HomePage() {
  const tenants = useLoad('tenants', () => api.tenants());
  usePageTitle('Choisir un département', 'home');
  const list = tenants.data ? [...tenants.data].sort((a, b) => a.name.localeCompare(b.name, 'fr')) : [];
  return (
    <Layout>
      <div className="fr-container fr-my-5w">
        <h1>Trouver une action d’insertion près de chez soi</h1>
        <p className="fr-text--lead">
          Accompagnement vers l’emploi, mobilité, numérique, garde d’enfants, santé, logement… Choisissez votre
          département pour voir les actions proposées, où elles ont lieu et comment y accéder.
        </p>
        <h2 className="fr-h4" id="departements">
          Départements
        </h2>
        {tenants.status === 'error' && (
          <ErrorState
            title="Les départements n’ont pas pu être chargés"
            message={tenants.error.message}
            onRetry={() => window.location.reload()}
          />
        )}
        {tenants.status === 'loading' && !tenants.data && <Loading label="Chargement des départements…" />}
        {tenants.data && list.length === 0 && <p>Aucun département n’est encore ouvert sur cette plateforme.</p>}
        <ul className="fr-grid-row fr-grid-row--gutters cat-plain-list" aria-labelledby="departements">
          {list.map((t) => (
            <li key={t.slug} className="fr-col-12 fr-col-sm-6 fr-col-md-4 fr-col-lg-3">
              <div className="fr-tile fr-enlarge-link fr-tile--horizontal">
                <div className="fr-tile__body">
                  <div className="fr-tile__content">
                    <h3 className="fr-tile__title">
                      <Link to={paths.search(t.slug)}>{t.name}</Link>
                    </h3>
                    <p className="fr-tile__detail">Département {t.code}</p>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}
