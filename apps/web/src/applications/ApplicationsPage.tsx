// « Mes dossiers »: the applications of the structures the person may apply for (one request per
// structure, from GET /me), grouped by structure, with a link to the open calls to start one.
import type { ApplicationListItem, Me } from '@catalogue/contracts';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState } from '../layout/Layout.js';
import { Forbidden, messageOf, Page, SignedIn } from '../backoffice/ui.js';
import { structuresOf } from '../backoffice/people.js';
import { applicationsApi } from './applications-api.js';
import { deadlineLabel, euros } from './application-text.js';
import { StatusBadge } from './application-ui.js';

const TITLE = 'Mes dossiers';

/** The structures of the person in this département that may apply to calls. */
export function applyingStructures(me: Me, slug: string): { organizationId: string; name: string }[] {
  const allowed = new Set(
    me.capabilities.tenants
      .find((t) => t.tenant === slug)
      ?.structures.filter((s) => s.capabilities.applyToCalls)
      .map((s) => s.organizationId) ?? [],
  );
  return structuresOf(me.memberships.filter((m) => m.tenant === slug))
    .filter((s) => allowed.has(s.organizationId))
    .map((s) => ({ organizationId: s.organizationId, name: s.name }));
}

function Table({ slug, items }: { slug: string; items: ApplicationListItem[] }) {
  return (
    <div className="fr-table fr-table--sm">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption className="fr-sr-only">Dossiers de la structure</caption>
              <thead>
                <tr>
                  <th scope="col">Appel à projets</th>
                  <th scope="col">État</th>
                  <th scope="col">Date limite</th>
                  <th scope="col" className="cat-num">
                    Montant demandé
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td className="cat-app-title-cell">
                      <Link to={paths.application(slug, a.id)}>{a.callTitle}</Link>
                    </td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td>{a.callClosesAt ? deadlineLabel(a.callClosesAt) : '—'}</td>
                    <td className="cat-num">
                      {euros(a.amountRequested)}
                      {a.status === 'selected' && (
                        <>
                          <br />
                          <span className="fr-text--xs">accordé : {euros(a.amountGranted)}</span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function Structure({ slug, organizationId, name }: { slug: string; organizationId: string; name: string }) {
  const list = useLoad(`apps:${slug}:${organizationId}`, (s) =>
    applicationsApi.ofOrganization(slug, organizationId, s),
  );
  return (
    <section className="cat-bo-card" aria-labelledby={`org-${organizationId}`}>
      <h2 className="fr-h4" id={`org-${organizationId}`}>
        {name}
      </h2>
      {list.status === 'error' && !list.data && (
        <ErrorState title="Les dossiers n’ont pas pu être chargés" message={messageOf(list.error)} />
      )}
      {!list.data && list.status === 'loading' && (
        <p className="cat-loading" role="status" style={{ minHeight: '6rem' }}>
          Chargement des dossiers…
        </p>
      )}
      {list.data && list.data.items.length === 0 && <p>Aucun dossier pour cette structure.</p>}
      {list.data && list.data.items.length > 0 && <Table slug={slug} items={list.data.items} />}
    </section>
  );
}

function Applications({ slug, me }: { slug: string; me: Me }) {
  const structures = applyingStructures(me, slug);
  return (
    <Page title={TITLE} crumbs={[{ label: 'Mon espace', to: paths.space() }]}>
      <div className="cat-bo-header">
        <h1>{TITLE}</h1>
        <Link className="fr-btn fr-btn--secondary fr-icon-search-line fr-btn--icon-left" to={paths.calls(slug)}>
          Voir les appels à projets ouverts
        </Link>
      </div>
      <p>
        Les candidatures de vos structures aux appels à projets du Département. Pour en commencer une, ouvrez l’appel à
        projets qui vous intéresse.
      </p>
      {structures.length === 0 ? (
        <Forbidden what="Seuls les membres d’une structure validée par le Département peuvent candidater aux appels à projets." />
      ) : (
        structures.map((s) => <Structure key={s.organizationId} slug={slug} {...s} />)
      )}
    </Page>
  );
}

export function ApplicationsPage({ slug }: { slug: string }) {
  return <SignedIn title={TITLE}>{(me) => <Applications slug={slug} me={me} />}</SignedIn>;
}
