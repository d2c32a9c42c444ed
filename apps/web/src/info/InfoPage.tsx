// The DSFR footer's information pages (loaded on demand): accessibility statement, legal notice,
// personal data, site map. At the root they speak for the platform; under `/{slug}/` for that
// département, which publishes its catalogue and is responsible for the personal data of its space.
import { api } from '../app/api.js';
import { usePageTitle } from '../app/router.js';
import { paths, type InfoPageName } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Breadcrumb } from '../layout/Breadcrumb.js';
import { ErrorState, Layout, Loading, NotFound } from '../layout/Layout.js';
import { AccessibilityStatement } from './AccessibilityStatement.js';
import { LegalNotice } from './LegalNotice.js';
import { PersonalData } from './PersonalData.js';
import { SiteMap } from './SiteMap.js';
import { INFO_TITLES, type InfoTenant } from './info-parts.js';

function Content({ page, tenant }: { page: InfoPageName; tenant: InfoTenant }) {
  switch (page) {
    case 'accessibilite':
      return <AccessibilityStatement tenant={tenant} />;
    case 'mentions-legales':
      return <LegalNotice tenant={tenant} />;
    case 'donnees-personnelles':
      return <PersonalData tenant={tenant} />;
    case 'plan-du-site':
      return <SiteMap tenant={tenant} />;
  }
}

export function InfoPage({ page, slug }: { page: InfoPageName; slug: string | null }) {
  const tenant = useLoad(`tenant:${slug ?? ''}`, () => (slug ? api.tenant(slug) : Promise.resolve(null)));
  const title = INFO_TITLES[page];
  const name = tenant.data?.name;
  usePageTitle(slug ? (name ? `${title} — ${name}` : null) : title, `info:${slug ?? ''}:${page}`);
  if (slug && tenant.status === 'error' && tenant.error.notFound) {
    return (
      <Layout>
        <NotFound what="département" />
      </Layout>
    );
  }
  if (slug && !tenant.data) {
    return (
      <Layout tenantHref={paths.search(slug)}>
        <div className="fr-container fr-my-5w">
          {tenant.status === 'error' ? (
            <ErrorState
              title="La page n’a pas pu être chargée"
              message={tenant.error.message}
              onRetry={() => window.location.reload()}
            />
          ) : (
            <Loading label="Chargement de la page…" />
          )}
        </div>
      </Layout>
    );
  }
  const shown: InfoTenant = tenant.data
    ? { code: tenant.data.code, slug: tenant.data.slug, name: tenant.data.name }
    : null;
  return (
    <Layout tenantName={shown?.name} tenantHref={shown ? paths.search(shown.slug) : undefined}>
      <div className="fr-container fr-mb-7w cat-info">
        <Breadcrumb
          crumbs={[
            { label: 'Accueil', to: paths.home() },
            ...(shown ? [{ label: shown.name, to: paths.search(shown.slug) }] : []),
            { label: title },
          ]}
        />
        <h1>{title}</h1>
        <Content page={page} tenant={shown} />
      </div>
    </Layout>
  );
}
