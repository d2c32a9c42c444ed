// « Bilans »: the agents see every bilan of the département (filtered by state and year, late ones
// flagged); a structure's members see their structures' own (view=mine). `?convention=` narrows
// the list to one agreement (the link from the agreement's page).
import { BILAN_STATUSES, type BilanStatus, type BilanSummary, type Me } from '@catalogue/contracts';
import { useState } from 'react';
import { Link, useLocation } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Loading } from '../layout/Layout.js';
import { canIn, Forbidden, messageOf, Notice, Page, SelectField, SignedIn } from '../backoffice/ui.js';
import { BILAN_BADGE, dueLabel, periodLabel, sortBilans, statusLabel, subjectOf, yearsOf } from './bilan-text.js';
import { bilansApi } from './bilans-api.js';
import './bilans.css';

export function BilanStatusBadge({ status }: { status: BilanStatus }) {
  return <p className={`fr-badge fr-badge--sm ${BILAN_BADGE[status]}`}>{statusLabel(status)}</p>;
}

export function OverdueBilanBadge() {
  return <p className="fr-badge fr-badge--sm fr-badge--error">En retard</p>;
}

export function BilansPage({ slug }: { slug: string }) {
  return <SignedIn title="Bilans">{(me) => <BilanList me={me} slug={slug} />}</SignedIn>;
}

function BilanList({ me, slug }: { me: Me; slug: string }) {
  const agent = canIn(me, slug).reviewBilans;
  const files = !!me.capabilities.tenants
    .find((t) => t.tenant === slug)
    ?.structures.some((s) => s.capabilities.fileBilans);
  const agreementId = new URLSearchParams(useLocation().search).get('convention') ?? undefined;
  const [status, setStatus] = useState<BilanStatus | ''>('');
  const [year, setYear] = useState('');
  const view = agent ? 'all' : 'mine';
  const list = useLoad(`${slug}|${view}|${status}|${year}`, (signal) =>
    bilansApi.list(slug, { view, status: status || undefined, year: year ? Number(year) : undefined }, signal),
  );
  const crumbs = [{ label: 'Mon espace', to: paths.space() }];
  if (!agent && !files)
    return (
      <Page title="Bilans" crumbs={crumbs}>
        <h1>Bilans</h1>
        <Forbidden what="Les bilans sont ouverts aux agents du département et aux structures financées." />
      </Page>
    );
  // One agreement's bilans (the link from its page): few, filtered here.
  const items: BilanSummary[] = sortBilans(
    (list.data?.items ?? []).filter((b) => !agreementId || b.agreementId === agreementId),
  );
  const thisYear = Number(new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone: 'Europe/Paris' }).format());
  const years = yearsOf(list.data?.items ?? [], thisYear);
  const late = items.filter((b) => b.overdue).length;
  const filtered = !!(status || year);
  return (
    <Page title="Bilans" crumbs={crumbs}>
      <h1>Bilans</h1>
      <p className="fr-text--lead">
        {agent
          ? 'Les bilans des actions financées : à relancer, relire, compléter ou valider.'
          : 'Les bilans de vos actions financées : à remplir puis transmettre au département.'}
      </p>
      {agreementId && (
        <p>
          Bilans d’une convention.{' '}
          <Link className="fr-link" to={paths.bilans(slug)}>
            Voir tous les bilans
          </Link>
        </p>
      )}
      <div className="cat-bo-card cat-filters-bar">
        <SelectField
          id="bilans-status"
          label="État"
          value={status}
          onChange={(v) => setStatus(v as BilanStatus | '')}
          placeholder="Tous les états"
          options={BILAN_STATUSES.map((s) => ({ code: s, label: statusLabel(s) }))}
        />
        <SelectField
          id="bilans-year"
          label="Année"
          value={year}
          onChange={setYear}
          placeholder="Toutes les années"
          options={years.map((y) => ({ code: String(y), label: String(y) }))}
        />
      </div>
      {list.status === 'error' && <Notice kind="error">{messageOf(list.error)}</Notice>}
      {list.status === 'loading' && !list.data ? (
        <Loading label="Chargement des bilans…" />
      ) : items.length === 0 ? (
        <p>
          {filtered
            ? 'Aucun bilan ne correspond à ces critères.'
            : agent
              ? 'Aucun bilan pour le moment : ils s’ouvrent avec les conventions en cours.'
              : 'Aucun bilan à remplir pour le moment : ils s’ouvrent à l’approche de la date prévue par la convention.'}
        </p>
      ) : (
        <>
          <p aria-live="polite">
            {items.length} bilan{items.length > 1 ? 's' : ''}
            {late > 0 && `, dont ${late} en retard`}
          </p>
          <div className="cat-table-wrap cat-table-stack fr-table fr-table--no-caption">
            <table aria-busy={list.status === 'loading'}>
              <caption>Bilans</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Période</th>
                  <th scope="col">À remettre le</th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => (
                  <tr key={b.id}>
                    <td>
                      <Link className="fr-link" to={paths.bilan(slug, b.id)}>
                        {subjectOf(b)}
                      </Link>
                      <span className="cat-muted"> — bilan {b.year}</span>
                    </td>
                    <td data-label="Structure">{b.organizationName}</td>
                    <td data-label="Période">{periodLabel(b)}</td>
                    <td data-label="À remettre le">{dueLabel(b)}</td>
                    <td data-label="État">
                      <div className="cat-bilan-badges">
                        <BilanStatusBadge status={b.status} />
                        {b.overdue && <OverdueBilanBadge />}
                      </div>
                    </td>
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
