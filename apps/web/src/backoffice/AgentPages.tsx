// The département's pages: moderation queue, structures to validate, dashboard with CSV exports.
import type {
  BackOfficeOrganization,
  Me,
  ModerationItem,
  OrganizationStatus,
  TenantCapabilities,
} from '@catalogue/contracts';
import { useMemo, useState } from 'react';
import { api } from '../app/api.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLabels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import type { Bbox } from '../map/geometry.js';
import { MapView } from '../map/MapView.js';
import { RegistrationStatsSection } from '../registrations/RegistrationStatsSection.js';
import { offers, orgs } from './bo-api.js';
import { IdentityChangePanel } from './IdentityChange.js';
import { OrganizationDecision } from './OrganizationSpacePage.js';
import {
  Forbidden,
  OfferStatusBadge,
  OrganizationStatusBadge,
  Page,
  SelectField,
  SignedIn,
  TextField,
  dateTimeLabel,
  canIn,
} from './ui.js';

const KIND_LABELS: Record<ModerationItem['kind'], string> = {
  new: 'Nouvelle offre',
  revision: 'Modification d’une offre publiée',
  post: 'Publiée, à relire',
};

function AgentOnly({
  slug,
  title,
  capability,
  children,
}: {
  slug: string;
  title: string;
  capability: keyof TenantCapabilities;
  children: (me: Me) => React.ReactNode;
}) {
  return (
    <SignedIn title={title}>
      {(me) =>
        canIn(me, slug)[capability] ? (
          children(me)
        ) : (
          <Page title={title} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
            <h1>{title}</h1>
            <Forbidden what="Cette page est réservée aux agents du département." />
          </Page>
        )
      }
    </SignedIn>
  );
}

function ModerationQueue({ slug }: { slug: string }) {
  const [status, setStatus] = useState('submitted');
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const labels = useLabels();
  const queue = useLoad(`moderation:${slug}:${status}`, (s) => offers.moderation(slug, status, s));
  const items = useMemo(() => {
    const q = text.trim().toLocaleLowerCase('fr');
    return (queue.data?.items ?? []).filter(
      (i) =>
        (!kind || i.kind === kind) && (!q || `${i.title} ${i.organization.name}`.toLocaleLowerCase('fr').includes(q)),
    );
  }, [queue.data, kind, text]);
  return (
    <Page title="Modération des offres" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <h1>Modération des offres</h1>
      <div className="cat-filters-bar" role="search" aria-label="Filtrer la file de modération">
        <SelectField
          id="mod-status"
          label="État"
          value={status}
          onChange={setStatus}
          options={[
            { code: 'submitted', label: 'À modérer' },
            { code: 'published', label: 'Publiées' },
            { code: 'draft', label: 'Brouillons' },
            { code: 'archived', label: 'Archivées' },
          ]}
        />
        <SelectField
          id="mod-kind"
          label="Nature"
          value={kind}
          onChange={setKind}
          placeholder="Toutes"
          options={Object.entries(KIND_LABELS).map(([code, label]) => ({ code, label }))}
        />
        <TextField id="mod-text" label="Titre ou structure" value={text} onChange={setText} />
      </div>
      {queue.status === 'error' && !queue.data && (
        <ErrorState title="File indisponible" message={queue.error.message} />
      )}
      {!queue.data && queue.status === 'loading' && <Loading label="Chargement de la file…" />}
      {queue.data && (
        <>
          <p className="cat-count" role="status">
            {items.length === 0 ? 'Aucune offre' : `${items.length} offre${items.length > 1 ? 's' : ''}`}
            {items.length !== queue.data.total ? ` (sur ${queue.data.total})` : ''}
          </p>
          <div className="cat-table-wrap fr-table">
            <table>
              <caption className="fr-sr-only">File de modération</caption>
              <thead>
                <tr>
                  <th scope="col">Offre</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Nature</th>
                  <th scope="col">Soumise le</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <Link className="fr-link" to={paths.boOffer(slug, i.id)}>
                        {i.title}
                      </Link>
                      <br />
                      <OfferStatusBadge status={i.status} />
                      <span className="fr-text--xs cat-muted">
                        {' '}
                        {i.themes
                          .slice(0, 2)
                          .map((t) => (labels ? labels.theme(t) : t))
                          .join(', ')}
                      </span>
                    </td>
                    <td>{i.organization.name}</td>
                    <td>{KIND_LABELS[i.kind] ?? i.kind}</td>
                    <td>{i.submittedAt ? dateTimeLabel(i.submittedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}

export const ModerationPage = ({ slug }: { slug: string }) => (
  <AgentOnly slug={slug} title="Modération des offres" capability="moderateOffers">
    {() => <ModerationQueue slug={slug} />}
  </AgentOnly>
);

function OrganizationsList({ slug, canExport }: { slug: string; canExport: boolean }) {
  const [status, setStatus] = useState<OrganizationStatus | 'change' | ''>('pending');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  // Asked explicitly: the answer does not say its page size (the API's default is larger).
  const pageSize = 20;
  // « Modification à valider »: validated structures whose name, SIRET or prescriber flag waits for an agent.
  const filter = status === 'change' ? { pendingChange: true } : { status };
  const list = useLoad(`orgs:${slug}:${status}:${q}:${page}:${version}`, (s) =>
    orgs.list(slug, { ...filter, q: q.trim(), page, pageSize }, s),
  );
  return (
    <Page title="Structures" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <div className="cat-bo-header">
        <h1>Structures</h1>
        {canExport && (
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={orgs.exportUrl(slug)} download>
            Exporter les structures (CSV)
          </a>
        )}
      </div>
      <div className="cat-filters-bar" role="search" aria-label="Filtrer les structures">
        <SelectField
          id="org-status"
          label="État"
          value={status}
          onChange={(v) => {
            setStatus(v as OrganizationStatus | 'change' | '');
            setPage(1);
          }}
          placeholder="Toutes"
          options={[
            { code: 'pending', label: 'En attente de validation' },
            { code: 'change', label: 'Modification à valider' },
            { code: 'validated', label: 'Validées' },
            { code: 'rejected', label: 'Refusées' },
          ]}
        />
        <TextField
          id="org-q"
          label="Nom ou SIRET"
          value={q}
          onChange={(v) => {
            setQ(v);
            setPage(1);
          }}
        />
      </div>
      {list.status === 'error' && !list.data && <ErrorState title="Liste indisponible" message={list.error.message} />}
      {!list.data && list.status === 'loading' && <Loading label="Chargement des structures…" />}
      {list.data && (
        <>
          <p className="cat-count" role="status">
            {list.data.total === 0
              ? 'Aucune structure'
              : `${list.data.total} structure${list.data.total > 1 ? 's' : ''}`}
          </p>
          <ul className="cat-history">
            {list.data.items.map((o: BackOfficeOrganization) => (
              <li key={o.id}>
                <p className="fr-mb-1w">
                  <Link className="fr-link fr-text--bold" to={paths.boOrganization(slug, o.id)}>
                    {o.name}
                  </Link>{' '}
                  <OrganizationStatusBadge status={o.status} />
                  {o.identityChange?.status === 'pending' && (
                    <span className="fr-badge fr-badge--sm fr-badge--info fr-ml-1w">Modification à valider</span>
                  )}
                </p>
                <p className="fr-text--sm fr-mb-1w cat-muted">
                  SIRET {o.siret ?? '—'} · {o.commune ?? o.address} · inscrite le {dateTimeLabel(o.createdAt)}
                </p>
                {o.rejectionReason && <p className="cat-history__comment fr-text--sm">{o.rejectionReason}</p>}
                {o.identityChange?.status === 'pending' ? (
                  <IdentityChangePanel
                    slug={slug}
                    organization={o}
                    canDecide
                    canWithdraw={false}
                    onDone={() => setVersion((v) => v + 1)}
                  />
                ) : (
                  <OrganizationDecision slug={slug} organization={o} onDone={() => setVersion((v) => v + 1)} />
                )}
              </li>
            ))}
          </ul>
          {list.data.total > pageSize && (
            <div className="cat-actions">
              <button
                type="button"
                className="fr-btn fr-btn--sm fr-btn--secondary"
                disabled={page <= 1}
                onClick={() => setPage((p) => p - 1)}
              >
                Page précédente
              </button>
              <button
                type="button"
                className="fr-btn fr-btn--sm fr-btn--secondary"
                disabled={page * pageSize >= list.data.total}
                onClick={() => setPage((p) => p + 1)}
              >
                Page suivante
              </button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}

export const OrganizationsPage = ({ slug }: { slug: string }) => (
  <AgentOnly slug={slug} title="Structures" capability="reviewStructures">
    {(me) => <OrganizationsList slug={slug} canExport={canIn(me, slug).exportCsv} />}
  </AgentOnly>
);

function DashboardView({ slug, canExport }: { slug: string; canExport: boolean }) {
  const data = useLoad(`dashboard:${slug}`, (s) => offers.dashboard(slug, s));
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const points = useMemo(
    () => (data.data?.organizationsMap ?? []).map((o) => ({ id: o.id, title: o.name, lat: o.lat, lng: o.lng })),
    [data.data],
  );
  const d = data.data;
  return (
    <Page title="Tableau de bord" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <div className="cat-bo-header">
        <h1>Tableau de bord{tenant.data ? ` — ${tenant.data.name}` : ''}</h1>
      </div>
      {data.status === 'error' && !d && (
        <ErrorState title="Tableau de bord indisponible" message={data.error.message} />
      )}
      {!d && data.status === 'loading' && <Loading label="Chargement…" />}
      {d && (
        <>
          <div className="cat-stats">
            <Link className="cat-stat" to={paths.boOrganizations(slug)}>
              <strong>{d.organizations.pending}</strong> structures en attente
            </Link>
            <Link className="cat-stat" to={paths.moderation(slug)}>
              <strong>{d.toModerate}</strong> offres à modérer
            </Link>
            <div className="cat-stat">
              <strong>{d.overdue}</strong> offres à mettre à jour
            </div>
            <div className="cat-stat">
              <strong>{d.organizations.validated}</strong> structures validées
            </div>
          </div>
          <div className="cat-bo-grid">
            <section className="cat-bo-card" aria-labelledby="dash-map">
              <h2 className="fr-h5" id="dash-map">
                Carte des structures
              </h2>
              {tenant.data && (
                <div className="cat-pinbox cat-pinbox--tall">
                  <MapView
                    label="Carte des structures du département"
                    points={points}
                    hrefOf={(id) => paths.boOrganization(slug, id)}
                    outline={tenant.data.outline}
                    frame={tenant.data.bbox as Bbox}
                    frameKey={slug}
                  />
                </div>
              )}
            </section>
            <section className="cat-bo-card" aria-labelledby="dash-offers">
              <h2 className="fr-h5" id="dash-offers">
                Offres par état
              </h2>
              <ul className="cat-plain-list">
                {(['draft', 'submitted', 'published', 'archived'] as const).map((s) => (
                  <li key={s} className="fr-mb-1w">
                    <OfferStatusBadge status={s} /> <strong>{d.offers[s] ?? 0}</strong>
                  </li>
                ))}
              </ul>
              {canExport && (
                <>
                  <h2 className="fr-h5 fr-mt-3w">Exports</h2>
                  <ul className="cat-plain-list">
                    <li>
                      <a
                        className="fr-link fr-icon-download-line fr-link--icon-left"
                        href={offers.exportUrl(slug)}
                        download
                      >
                        Offres (CSV)
                      </a>
                    </li>
                    <li>
                      <a
                        className="fr-link fr-icon-download-line fr-link--icon-left"
                        href={orgs.exportUrl(slug)}
                        download
                      >
                        Structures (CSV)
                      </a>
                    </li>
                  </ul>
                </>
              )}
            </section>
          </div>
          <RegistrationStatsSection slug={slug} />
        </>
      )}
    </Page>
  );
}

export const DashboardPage = ({ slug }: { slug: string }) => (
  <AgentOnly slug={slug} title="Tableau de bord" capability="readDashboard">
    {(me) => <DashboardView slug={slug} canExport={canIn(me, slug).exportCsv} />}
  </AgentOnly>
);
