// The public list of a département's calls for projects: open ones first (soonest deadline first),
// then the closed and decided ones.
import { api } from '../app/api.js';
import { Link, usePageTitle } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Breadcrumb } from '../layout/Breadcrumb.js';
import { ErrorState, Layout, Loading, NotFound } from '../layout/Layout.js';
import { CallCard } from './CallParts.js';
import { callsApi } from './calls-api.js';

export function CallsPage({ slug }: { slug: string }) {
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const calls = useLoad(`calls:${slug}`, (s) => callsApi.list(slug, undefined, s));
  usePageTitle(tenant.data ? `Appels à projets — ${tenant.data.name}` : 'Appels à projets', slug);
  if (tenant.status === 'error' && tenant.error.notFound)
    return (
      <Layout>
        <NotFound what="département" />
      </Layout>
    );
  const items = calls.data?.items ?? [];
  const open = items.filter((c) => c.status === 'published');
  const past = items.filter((c) => c.status !== 'published');
  return (
    <Layout tenantName={tenant.data?.name} tenantHref={paths.search(slug)}>
      <div className="fr-container fr-mb-7w">
        <Breadcrumb
          crumbs={[
            { label: 'Accueil', to: '/' },
            { label: tenant.data?.name ?? 'Département', to: paths.search(slug) },
            { label: 'Appels à projets' },
          ]}
        />
        <h1>Appels à projets{tenant.data ? ` — ${tenant.data.name}` : ''}</h1>
        <p className="fr-text--lead">
          Le département finance des actions d’insertion par appels à projets. Les structures validées déposent leur
          dossier en ligne avant la date limite.
        </p>
        {calls.status === 'loading' && !calls.data && <Loading label="Chargement des appels à projets…" />}
        {calls.status === 'error' && (
          <ErrorState title="Appels à projets indisponibles" message={calls.error.message} />
        )}
        {calls.data && (
          <>
            <h2>Ouverts</h2>
            {open.length === 0 && <p>Aucun appel à projets ouvert en ce moment.</p>}
            {open.map((c) => (
              <CallCard key={c.id} call={c} to={paths.call(slug, c.id)} />
            ))}
            {past.length > 0 && (
              <>
                <h2>Clos et résultats</h2>
                {past.map((c) => (
                  <CallCard key={c.id} call={c} to={paths.call(slug, c.id)} />
                ))}
              </>
            )}
          </>
        )}
        <p>
          <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={paths.search(slug)}>
            Retour au catalogue
          </Link>
        </p>
      </div>
    </Layout>
  );
}
