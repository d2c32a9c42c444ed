// « Conventions »: the agents see every agreement of the département (filtered by state); a
// structure's members see their structures' own (one request per structure of /me).
import { AGREEMENT_STATUSES, type AgreementListItem, type AgreementStatus, type Me } from '@catalogue/contracts';
import { useState } from 'react';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { Loading } from '../layout/Layout.js';
import { canIn, Forbidden, messageOf, Notice, Page, SelectField, SignedIn } from '../backoffice/ui.js';
import { AGREEMENT_STATUS, dayLabel, eurosLabel } from './agreement-text.js';
import { agreementsApi } from './agreements-api.js';

export function AgreementStatusBadge({ status }: { status: AgreementStatus }) {
  const s = AGREEMENT_STATUS[status];
  return <p className={`fr-badge fr-badge--sm ${s.badge}`}>{s.label}</p>;
}

export function AgreementsPage({ slug }: { slug: string }) {
  return <SignedIn title="Conventions">{(me) => <AgreementList me={me} slug={slug} />}</SignedIn>;
}

function AgreementList({ me, slug }: { me: Me; slug: string }) {
  const agent = canIn(me, slug).manageAgreements;
  const structures =
    me.capabilities.tenants
      .find((t) => t.tenant === slug)
      ?.structures.filter((s) => s.capabilities.applyToCalls)
      .map((s) => s.organizationId) ?? [];
  const [status, setStatus] = useState<AgreementStatus | ''>('');
  const filter = status || undefined;
  const list = useLoad(`${slug}|${status}|${agent}|${structures.join(',')}`, async (signal) => {
    if (agent) return (await agreementsApi.list(slug, { status: filter }, signal)).items;
    const pages = await Promise.all(
      structures.map((organizationId) => agreementsApi.list(slug, { organizationId, status: filter }, signal)),
    );
    return pages.flatMap((p) => p.items);
  });
  const crumbs = [{ label: 'Mon espace', to: paths.space() }];
  if (!agent && structures.length === 0)
    return (
      <Page title="Conventions" crumbs={crumbs}>
        <h1>Conventions</h1>
        <Forbidden what="Les conventions sont ouvertes aux agents du département et aux structures qui répondent aux appels à projets." />
      </Page>
    );
  const items: AgreementListItem[] = list.data ?? [];
  return (
    <Page title="Conventions" crumbs={crumbs}>
      <h1>Conventions</h1>
      <p className="fr-text--lead">
        {agent
          ? 'Les conventions des projets retenus : à ajuster, envoyer pour signature, puis suivre.'
          : 'Les conventions de vos projets retenus : à signer, puis l’offre à compléter.'}
      </p>
      <div className="cat-bo-card">
        <SelectField
          id="agreements-status"
          label="État"
          value={status}
          onChange={(v) => setStatus(v as AgreementStatus | '')}
          placeholder="Tous les états"
          options={AGREEMENT_STATUSES.map((s) => ({ code: s, label: AGREEMENT_STATUS[s].label }))}
        />
      </div>
      {list.status === 'error' && <Notice kind="error">{messageOf(list.error)}</Notice>}
      {list.status === 'loading' && !list.data ? (
        <Loading label="Chargement des conventions…" />
      ) : items.length === 0 ? (
        <p>Aucune convention{status ? ' dans cet état' : ''}.</p>
      ) : (
        <>
          <p aria-live="polite">
            {items.length} convention{items.length > 1 ? 's' : ''}
          </p>
          <div className="cat-table-wrap cat-table-stack fr-table fr-table--no-caption">
            <table aria-busy={list.status === 'loading'}>
              <caption>Conventions</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Appel à projets</th>
                  <th scope="col">Montant</th>
                  <th scope="col">Période</th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link className="fr-link" to={paths.agreement(slug, a.id)}>
                        {a.title}
                      </Link>
                    </td>
                    <td data-label="Structure">{a.organizationName}</td>
                    <td data-label="Appel à projets">{a.callTitle}</td>
                    <td data-label="Montant">{eurosLabel(a.amount)}</td>
                    <td data-label="Période">
                      du {dayLabel(a.startsOn)} au {dayLabel(a.endsOn)}
                    </td>
                    <td data-label="État">
                      <AgreementStatusBadge status={a.status} />
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
