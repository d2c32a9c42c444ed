// « Mes prescriptions »: the registrations a referent made (view=prescribed), filtered by state,
// offer and person, a page at a time; the filters live in the address (a list one can come back to).
import type { Me, RegistrationStatus } from '@catalogue/contracts';
import { REGISTRATION_STATUSES } from '@catalogue/contracts';
import { useEffect, useState } from 'react';
import { Link, navigate, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Loading } from '../layout/Layout.js';
import { Page, SelectField, SignedIn, TextField, canIn, dateTimeLabel } from '../backoffice/ui.js';
import { registrations } from './registration-api.js';
import { ACTIVE_STATUSES, STATUS } from './registration-text.js';
import { NotAllowed, Pager, RegistrationBadge, sessionText } from './registration-ui.js';

const TITLE = 'Mes prescriptions';
/** The filter « en cours »: what may still change. */
const ACTIVE = 'en-cours';

interface Filters {
  state: string;
  offerId: string;
  q: string;
  page: number;
}

function filtersOf(search: string): Filters {
  const p = new URLSearchParams(search);
  const page = Number(p.get('page') ?? '1');
  return {
    state: p.get('etat') ?? '',
    offerId: p.get('offre') ?? '',
    q: p.get('personne') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function addressOf(slug: string, f: Filters): string {
  const p = new URLSearchParams();
  if (f.state) p.set('etat', f.state);
  if (f.offerId) p.set('offre', f.offerId);
  if (f.q.trim()) p.set('personne', f.q.trim());
  if (f.page > 1) p.set('page', String(f.page));
  const qs = p.toString();
  return `${paths.prescriptions(slug)}${qs ? `?${qs}` : ''}`;
}

const statusesOf = (state: string): RegistrationStatus[] =>
  state === ACTIVE
    ? [...ACTIVE_STATUSES]
    : (REGISTRATION_STATUSES as readonly string[]).includes(state)
      ? [state as RegistrationStatus]
      : [];

function Prescriptions({ slug }: { slug: string }) {
  const { search } = useLocation();
  const filters = filtersOf(search);
  const [q, setQ] = useState(filters.q);
  const go = (f: Partial<Filters>): void =>
    navigate(addressOf(slug, { ...filters, page: 1, ...f }), { replace: true, keepScroll: true });
  // The person's name is searched once the typing pauses.
  useEffect(() => {
    if (q.trim() === filters.q.trim()) return;
    const timer = setTimeout(() => go({ q }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  const list = useLoad(`prescribed:${slug}:${search}`, (s) =>
    registrations.list(
      slug,
      'prescribed',
      { status: statusesOf(filters.state), offerId: filters.offerId, q: filters.q, page: filters.page },
      s,
    ),
  );
  // The offers met so far make the offer filter's choices (the list gives no other index of them).
  const [offers, setOffers] = useState<Record<string, string>>({});
  useEffect(() => {
    const items = list.data?.items ?? [];
    if (items.some((r) => !(r.offer.id in offers)))
      setOffers((o) => ({ ...o, ...Object.fromEntries(items.map((r) => [r.offer.id, r.offer.title])) }));
  }, [list.data, offers]);
  const offerOptions = Object.entries(offers)
    .map(([code, label]) => ({ code, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  if (filters.offerId && !(filters.offerId in offers))
    offerOptions.unshift({ code: filters.offerId, label: 'Offre choisie' });

  const data = list.data;
  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <div className="cat-bo-header">
        <h1>{TITLE}</h1>
        <Link className="fr-btn fr-btn--secondary fr-icon-search-line fr-btn--icon-left" to={paths.search(slug)}>
          Trouver une action pour une personne
        </Link>
      </div>
      <div className="cat-filters-bar" role="search" aria-label="Filtrer mes prescriptions">
        <SelectField
          id="f-state"
          label="État"
          value={filters.state}
          onChange={(v) => go({ state: v })}
          placeholder="Tous les états"
          options={[
            { code: ACTIVE, label: 'En cours (en attente, confirmées, en liste d’attente)' },
            ...REGISTRATION_STATUSES.map((s) => ({ code: s, label: STATUS[s].label })),
          ]}
        />
        <SelectField
          id="f-offer"
          label="Offre"
          value={filters.offerId}
          onChange={(v) => go({ offerId: v })}
          placeholder="Toutes les offres"
          options={offerOptions}
        />
        <TextField
          id="f-person"
          label="Personne (nom ou prénom)"
          value={q}
          onChange={setQ}
          autoComplete="off"
          maxLength={100}
        />
      </div>
      {list.status === 'error' && !data && <ErrorState title="Liste indisponible" message={list.error.message} />}
      {!data && list.status === 'loading' && <Loading label="Chargement de vos prescriptions…" />}
      {data && (
        <>
          <p className="cat-count" role="status">
            {data.total === 0
              ? filters.state || filters.offerId || filters.q
                ? 'Aucune prescription ne correspond à ces filtres'
                : 'Aucune prescription pour l’instant'
              : `${data.total} prescription${data.total > 1 ? 's' : ''}`}
          </p>
          {data.items.length > 0 && (
            <div className="cat-table-wrap fr-table cat-reg-table" aria-busy={list.status === 'loading'}>
              <table>
                <caption className="fr-sr-only">Mes prescriptions</caption>
                <thead>
                  <tr>
                    <th scope="col">Personne</th>
                    <th scope="col">Action et session</th>
                    <th scope="col">État</th>
                    <th scope="col">Mise à jour</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link className="fr-link" to={paths.registration(slug, r.id)}>
                          {r.person.firstName} {r.person.lastName}
                        </Link>
                        {r.person.commune && (
                          <>
                            <br />
                            <span className="fr-text--xs cat-muted">{r.person.commune}</span>
                          </>
                        )}
                      </td>
                      <td>
                        {r.offer.title}
                        <br />
                        <span className="fr-text--xs cat-muted">
                          {r.organization.name} · {sessionText(r)}
                        </span>
                      </td>
                      <td>
                        <RegistrationBadge r={r} />
                      </td>
                      <td>{dateTimeLabel(r.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => go({ page })} />
        </>
      )}
    </Page>
  );
}

function ForReferents({ slug, me }: { slug: string; me: Me }) {
  if (!canIn(me, slug).prescribe)
    return (
      <NotAllowed title={TITLE}>
        <p>
          Cette page est celle des référents : membres d’une structure prescriptrice validée par le département, ou
          agents du département.
        </p>
      </NotAllowed>
    );
  return <Prescriptions slug={slug} />;
}

export function PrescriptionsPage({ slug }: { slug: string }) {
  return <SignedIn title={TITLE}>{(me) => <ForReferents slug={slug} me={me} />}</SignedIn>;
}
