// « Mes inscriptions »: the signed-in person's own registrations in a département (view=mine), with
// their state, session, wait-list position, and cancelling. Phone first.
import type { RegistrationItem } from '@catalogue/contracts';
import { useState } from 'react';
import { api } from '../app/api.js';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { Notice, Page } from '../backoffice/ui.js';
import { registrations } from './registration-api.js';
import { ACTIVE_STATUSES, REFUSAL_LABELS, cancelledByLabel } from './registration-text.js';
import { CancelRegistration, Pager, PersonSignedIn, RegistrationBadge, sessionText } from './registration-ui.js';

const TITLE = 'Mes inscriptions';

function Item({ slug, r, onChange }: { slug: string; r: RegistrationItem; onChange: (r: RegistrationItem) => void }) {
  return (
    <li className="cat-reg-card">
      <div className="cat-reg-card__head">
        <h3 className="fr-h6 fr-mb-0">
          <Link to={paths.registration(slug, r.id)}>{r.offer.title}</Link>
        </h3>
        <RegistrationBadge r={r} />
      </div>
      <p className="fr-text--sm fr-mb-1w cat-muted">{r.organization.name}</p>
      <p className="fr-mb-1w fr-icon-calendar-line cat-reg-card__when">{sessionText(r)}</p>
      {r.status === 'waitlisted' && r.waitlistPosition && (
        <p className="fr-text--sm fr-mb-1w">
          {r.waitlistPosition === 1
            ? 'Vous êtes en tête de la liste d’attente : la prochaine place libérée sera pour vous.'
            : `${r.waitlistPosition - 1} ${r.waitlistPosition === 2 ? 'personne' : 'personnes'} avant vous sur la liste d’attente : nous vous préviendrons si une place se libère.`}
        </p>
      )}
      {r.status === 'pending' && (
        <p className="fr-text--sm fr-mb-1w">La structure étudie votre demande : vous recevrez sa réponse.</p>
      )}
      {r.status === 'refused' && r.refusalReason && (
        <p className="fr-text--sm fr-mb-1w">
          Motif : {REFUSAL_LABELS[r.refusalReason]}
          {r.refusalMessage ? ` — ${r.refusalMessage}` : ''}
        </p>
      )}
      {r.status === 'cancelled' && r.cancelledBy !== 'person' && (
        <p className="fr-text--sm fr-mb-1w">{cancelledByLabel(r.cancelledBy)}</p>
      )}
      {r.referent && (
        <p className="fr-text--sm fr-mb-1w">
          Inscrit par {r.referent.name}
          {r.referent.organizationName ? ` (${r.referent.organizationName})` : ''}
        </p>
      )}
      <div className="cat-reg-card__actions">
        <Link className="fr-link fr-text--sm" to={paths.registration(slug, r.id)}>
          Voir le détail<span className="fr-sr-only"> de l’inscription à « {r.offer.title} »</span>
        </Link>
        <CancelRegistration slug={slug} r={r} by="person" onDone={onChange} />
      </div>
    </li>
  );
}

function MyRegistrations({ slug }: { slug: string }) {
  const [page, setPage] = useState(1);
  const [changed, setChanged] = useState<Record<string, RegistrationItem>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(`mine:${slug}:${page}`, (s) => registrations.list(slug, 'mine', { page }, s));
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const items = (list.data?.items ?? []).map((r) => changed[r.id] ?? r);
  const current = items.filter((r) => ACTIVE_STATUSES.includes(r.status));
  const past = items.filter((r) => !ACTIVE_STATUSES.includes(r.status));
  const onChange = (r: RegistrationItem): void => {
    setChanged((c) => ({ ...c, [r.id]: r }));
    setNotice(
      r.excused
        ? `Inscription à « ${r.offer.title} » annulée : enregistrée comme une absence excusée.`
        : `Inscription à « ${r.offer.title} » annulée.`,
    );
  };
  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <div className="cat-bo-header">
        <h1>{TITLE}</h1>
        {tenant.data && <p className="fr-mb-0 cat-muted">{tenant.data.name}</p>}
      </div>
      <div aria-live="polite">{notice && <Notice kind="success">{notice}</Notice>}</div>
      {list.status === 'error' && !list.data && (
        <ErrorState title="Vos inscriptions n’ont pas pu être chargées" message={list.error.message} />
      )}
      {!list.data && list.status === 'loading' && <Loading label="Chargement de vos inscriptions…" />}
      {list.data && list.data.total === 0 && (
        <div className="cat-bo-card">
          <p>Vous n’avez encore aucune inscription dans ce département.</p>
          <Link className="fr-btn fr-icon-search-line fr-btn--icon-left" to={paths.search(slug)}>
            Trouver une action
          </Link>
        </div>
      )}
      {list.data && list.data.total > 0 && (
        <>
          <section aria-labelledby="mine-current">
            <h2 className="fr-h4" id="mine-current">
              En cours
            </h2>
            {current.length === 0 ? (
              <p>Aucune inscription en cours.</p>
            ) : (
              <ul className="cat-reg-list">
                {current.map((r) => (
                  <Item key={r.id} slug={slug} r={r} onChange={onChange} />
                ))}
              </ul>
            )}
          </section>
          {past.length > 0 && (
            <section aria-labelledby="mine-past" className="fr-mt-4w">
              <h2 className="fr-h4" id="mine-past">
                Terminées ou annulées
              </h2>
              <ul className="cat-reg-list">
                {past.map((r) => (
                  <Item key={r.id} slug={slug} r={r} onChange={onChange} />
                ))}
              </ul>
            </section>
          )}
          <Pager page={page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
          <p className="fr-mt-4w">
            <Link className="fr-link fr-icon-search-line fr-link--icon-left" to={paths.search(slug)}>
              Trouver une autre action
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}

export function MyRegistrationsPage({ slug }: { slug: string }) {
  return (
    <PersonSignedIn slug={slug} title={TITLE}>
      {() => <MyRegistrations slug={slug} />}
    </PersonSignedIn>
  );
}
