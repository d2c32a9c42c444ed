import { useMemo } from 'react';
import { api } from '../app/api.js';
import { Link, usePageTitle } from '../app/router.js';
import { Breadcrumb, type Crumb } from '../layout/Breadcrumb.js';
import { paths } from '../app/routes.js';
import { useLabels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Layout, Loading, NotFound } from '../layout/Layout.js';
import { phoneHref } from '../lib/format.js';
import { MapView } from '../map/MapView.js';
import { accessBadge } from '../search/ResultsList.js';

export function OrganizationPage({ slug, id }: { slug: string; id: string }) {
  const org = useLoad(`org:${slug}:${id}`, (signal) => api.organization(slug, id, signal));
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const labels = useLabels();
  usePageTitle(org.data?.name ?? (org.status === 'error' ? 'Page introuvable' : null), `org:${id}`);
  const o = org.data;
  const crumbs = (current: string): Crumb[] => [
    { label: 'Départements', to: paths.home() },
    { label: 'Offre d’insertion', to: paths.search(slug) },
    { label: current },
  ];
  const points = useMemo(
    () => (o && o.lat !== null && o.lng !== null ? [{ id: o.id, title: o.name, lat: o.lat, lng: o.lng }] : []),
    [o],
  );
  return (
    <Layout tenantName={tenant.data?.name} tenantHref={paths.search(slug)}>
      {org.status === 'error' && org.error.notFound ? (
        <NotFound what="structure" />
      ) : org.status === 'error' ? (
        <div className="fr-container">
          <ErrorState
            title="La structure n’a pas pu être chargée"
            message={org.error.message}
            onRetry={() => window.location.reload()}
          />
        </div>
      ) : !o ? (
        <div className="fr-container fr-mb-7w">
          <Breadcrumb crumbs={crumbs('Structure')} />
          <Loading label="Chargement de la structure…" />
        </div>
      ) : (
        <div className="fr-container fr-mb-7w">
          <Breadcrumb crumbs={crumbs(o.name)} />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-8">
              <h1 className="fr-h2">{o.name}</h1>
              <p className="fr-badge fr-badge--sm fr-badge--no-icon">
                {labels ? labels.organizationKind(o.kind) : o.kind}
              </p>
              {o.description && <p className="fr-mt-2w">{o.description}</p>}
              <h2 className="fr-h4 fr-mt-4w">Ses offres ({o.offers.length})</h2>
              {o.offers.length === 0 ? (
                <p>Cette structure n’a pas d’offre publiée.</p>
              ) : (
                <ul className="cat-plain-list">
                  {o.offers.map((offer) => (
                    <li key={offer.id} className="fr-mb-2w">
                      <Link className="fr-link" to={paths.offer(slug, offer.id)}>
                        {offer.title}
                      </Link>{' '}
                      {accessBadge(offer.access, labels)}
                      <p className="fr-text--sm fr-mb-0">{offer.summary}</p>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <div className="cat-aside-box">
                <h2 className="fr-h5">Coordonnées</h2>
                {o.address && (
                  <p>
                    {o.address}
                    {o.commune ? `, ${o.commune}` : ''}
                  </p>
                )}
                {o.email && (
                  <p className="fr-mb-1w">
                    <a className="fr-link fr-icon-mail-line fr-link--icon-left" href={`mailto:${o.email}`}>
                      {o.email}
                    </a>
                  </p>
                )}
                {o.phone && (
                  <p className="fr-mb-1w">
                    <a className="fr-link fr-icon-phone-line fr-link--icon-left" href={phoneHref(o.phone)}>
                      {o.phone}
                    </a>
                  </p>
                )}
                {o.website && (
                  <p className="fr-mb-1w">
                    <a
                      className="fr-link"
                      href={o.website}
                      target="_blank"
                      rel="noopener noreferrer"
                      title={`${o.website} — nouvelle fenêtre`}
                    >
                      Site internet
                    </a>
                  </p>
                )}
                {o.siret && <p className="fr-text--sm cat-muted">SIRET {o.siret}</p>}
                {o.lat !== null && o.lng !== null && (
                  <div className="cat-mapbox cat-mapbox--small">
                    <MapView
                      label="Carte : adresse de la structure"
                      cluster={false}
                      points={points}
                      hrefOf={() => paths.organization(slug, o.id)}
                      frame={[o.lng - 0.03, o.lat - 0.02, o.lng + 0.03, o.lat + 0.02]}
                      frameKey={o.id}
                    />
                  </div>
                )}
              </div>
            </div>
          </div>
        </div>
      )}
    </Layout>
  );
}
