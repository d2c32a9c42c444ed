// The back office's calls: agents see every call (drafts included) with its applications by state
// and create new ones; the members of a structure see the open calls and reach their dossiers.
import type { ApplicationStatus, CallStatus, CallSummary } from '@catalogue/contracts';
import { useState } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { canIn, Page, SignedIn } from '../backoffice/ui.js';
import { Loading } from '../layout/Layout.js';
import { CALL_STATUS_LABELS } from './call-builder.js';
import { CallCard } from './CallParts.js';
import { applicantStructures } from './CallPage.js';
import { callsApi } from './calls-api.js';

const APPLICATION_LABELS: Record<ApplicationStatus, string> = {
  draft: 'en cours',
  submitted: 'déposé(s)',
  completion_requested: 'à compléter',
  withdrawn: 'retiré(s)',
  selected: 'retenu(s)',
  rejected: 'non retenu(s)',
};

function countsLabel(c: CallSummary): string {
  const entries = Object.entries(c.applicationCounts ?? {}) as [ApplicationStatus, number][];
  if (!entries.length) return 'Aucun dossier';
  return entries.map(([s, n]) => `${n} ${APPLICATION_LABELS[s]}`).join(' · ');
}

function AgentList({ slug }: { slug: string }) {
  const [status, setStatus] = useState<CallStatus | ''>('');
  const calls = useLoad(`bo-calls:${slug}:${status}`, (s) => callsApi.list(slug, status || undefined, s));
  return (
    <>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="calls-status">
              État
            </label>
            <select
              className="fr-select"
              id="calls-status"
              value={status}
              onChange={(e) => setStatus(e.target.value as CallStatus | '')}
            >
              <option value="">Tous</option>
              {(Object.keys(CALL_STATUS_LABELS) as CallStatus[]).map((s) => (
                <option key={s} value={s}>
                  {CALL_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-8 cat-align-end">
          <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to={paths.newCall(slug)}>
            Nouvel appel à projets
          </Link>
        </div>
      </div>
      {!calls.data && calls.status === 'loading' && <Loading label="Chargement…" />}
      {calls.status === 'error' && <p className="fr-error-text">{calls.error.message}</p>}
      {calls.data?.items.length === 0 && <p>Aucun appel à projets.</p>}
      {calls.data?.items.map((c) => (
        <CallCard
          key={c.id}
          call={c}
          to={paths.boCall(slug, c.id)}
          extra={<p className="fr-mb-0">{countsLabel(c)}</p>}
        />
      ))}
    </>
  );
}

function StructureList({ slug }: { slug: string }) {
  const calls = useLoad(`calls:${slug}`, (s) => callsApi.list(slug, 'published', s));
  return (
    <>
      <p>
        <Link
          className="fr-btn fr-btn--secondary fr-icon-folder-2-line fr-btn--icon-left"
          to={paths.applications(slug)}
        >
          Mes dossiers
        </Link>
      </p>
      <h2>Appels ouverts</h2>
      {!calls.data && calls.status === 'loading' && <Loading label="Chargement…" />}
      {calls.data?.items.length === 0 && <p>Aucun appel à projets ouvert en ce moment.</p>}
      {calls.data?.items.map((c) => (
        <CallCard key={c.id} call={c} to={paths.call(slug, c.id)} />
      ))}
    </>
  );
}

export function CallsBoPage({ slug }: { slug: string }) {
  return (
    <SignedIn title="Appels à projets">
      {(me) => {
        const agent = canIn(me, slug).manageCalls;
        return (
          <Page title="Appels à projets" crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
            <h1>Appels à projets</h1>
            {agent ? (
              <AgentList slug={slug} />
            ) : applicantStructures(me, slug).length ? (
              <StructureList slug={slug} />
            ) : (
              <p>
                Les appels à projets publiés sont sur{' '}
                <Link to={paths.calls(slug)}>la page publique du département</Link>.
              </p>
            )}
          </Page>
        );
      }}
    </SignedIn>
  );
}
