import type { OfferDetail } from '@catalogue/contracts';
import { useMemo } from 'react';
import { api } from '../app/api.js';
import { Link, usePageTitle } from '../app/router.js';
import { Breadcrumb } from '../layout/Breadcrumb.js';
import { paths } from '../app/routes.js';
import { labelsOf, type Labels } from '../app/taxonomy.js';
import { useLoad } from '../app/use-load.js';
import { ErrorState, Layout, Loading, NotFound } from '../layout/Layout.js';
import { phoneHref, placesLeftLabel, sessionTimeLabel, shortDateLabel } from '../lib/format.js';
import { pointsBbox, type Bbox } from '../map/geometry.js';
import { MapView } from '../map/MapView.js';
import { accessBadge } from '../search/ResultsList.js';
import { lastSearchOf } from '../search/last-search.js';
import { RegistrationBlock } from '../registrations/RegistrationBlock.js';
import { ficheRefLabel } from '../plan/plan-editor.js';

const ACCESS_HELP: Record<string, string> = {
  self_registration:
    'Vous pouvez vous inscrire vous-même en ligne, ou demander à votre référent de le faire avec vous.',
  prescription:
    'Cette action est accessible sur prescription : parlez-en à votre référent (conseiller France Travail, travailleur social, référent RSA…), il vous y orientera.',
  open: 'Accès libre : vous pouvez vous présenter directement, sans orientation préalable.',
};

function paragraphs(text: string) {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i) => <p key={i}>{p}</p>);
}

function Tags({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="fr-tags-group">
      {items.map((t) => (
        <li key={t}>
          <p className="fr-tag fr-tag--sm">{t}</p>
        </li>
      ))}
    </ul>
  );
}

function padded(b: Bbox): Bbox {
  const dLng = Math.max(0.02, (b[2] - b[0]) * 0.15);
  const dLat = Math.max(0.015, (b[3] - b[1]) * 0.15);
  return [b[0] - dLng, b[1] - dLat, b[2] + dLng, b[3] + dLat];
}

/** How a registration gets its seat and until when it may be cancelled (not for drop-in offers). */
function SeatRules({ offer }: { offer: OfferDetail }) {
  if (offer.access === 'open' || offer.sessions.length === 0) return null;
  const seats =
    offer.seatAllocation === 'review'
      ? 'Chaque inscription est examinée par la structure, qui attribue les places.'
      : 'Une inscription obtient une place tout de suite s’il en reste, sinon elle rejoint la liste d’attente.';
  const h = offer.cancellationCutoffHours;
  const cancel =
    h > 0
      ? `Annulation possible jusqu’à ${h} heure${h > 1 ? 's' : ''} avant le début de la session.`
      : 'Annulation possible jusqu’au début de la session.';
  return (
    <p className="fr-text--sm">
      {seats} {cancel}
    </p>
  );
}

function Sessions({ offer }: { offer: OfferDetail }) {
  if (offer.sessions.length === 0) {
    return <p>Pas de session datée : l’action se déroule en continu, ou les dates sont données au premier contact.</p>;
  }
  return (
    <div className="fr-table fr-table--no-caption cat-table">
      <table>
        <caption>Sessions</caption>
        <thead>
          <tr>
            <th scope="col">Dates et horaires</th>
            <th scope="col">Places</th>
          </tr>
        </thead>
        <tbody>
          {offer.sessions.map((s) => (
            <tr key={s.id}>
              <td>{sessionTimeLabel(s.startsAt, s.endsAt)}</td>
              <td>
                <p
                  className={`fr-badge fr-badge--sm fr-badge--no-icon ${s.placesLeft > 0 ? 'fr-badge--success' : 'fr-badge--error'}`}
                >
                  {placesLeftLabel(s.placesLeft, s.capacity, s.waitlist)}
                </p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Detail({ slug, offer, labels }: { slug: string; offer: OfferDetail; labels: Labels | null }) {
  const l = (
    kind: 'theme' | 'audience' | 'mode' | 'mobilisation' | 'serviceType' | 'funding' | 'cost',
    code: string,
  ): string => (labels ? labels[kind](code) : code);
  const frame = pointsBbox(offer.places);
  const points = useMemo(
    () =>
      offer.places.map((p, i) => ({
        id: `${offer.id}-${i}`,
        title: p.label ?? `${offer.title} — ${p.commune}`,
        lat: p.lat,
        lng: p.lng,
      })),
    [offer],
  );
  const zone = offer.diffusionZone;
  const zoneType = labels?.taxonomy.zoneTypes.find((z) => z.code === zone.type)?.label ?? zone.type;
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-8">
        <h1 className="fr-h2">{offer.title}</h1>
        <p className="fr-text--lead">{offer.summary}</p>
        <ul className="fr-badges-group fr-mb-2w">
          <li>{accessBadge(offer.access, labels)}</li>
          <li>
            <p className="fr-badge fr-badge--sm fr-badge--no-icon">{l('cost', offer.cost)}</p>
          </li>
          {offer.modes.map((m) => (
            <li key={m}>
              <p className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--blue-ecume">{l('mode', m)}</p>
            </li>
          ))}
        </ul>
        <p>
          Proposée par{' '}
          <Link className="fr-link" to={paths.organization(slug, offer.organization.id)}>
            {offer.organization.name}
          </Link>
        </p>
        <RegistrationBlock slug={slug} offer={offer} />

        <h2 className="fr-h4 fr-mt-4w">Présentation</h2>
        {paragraphs(offer.description || offer.summary)}
        <Tags items={offer.themes.map((t) => l('theme', t))} />

        <h2 className="fr-h4 fr-mt-4w">Pour qui ?</h2>
        <Tags items={offer.audiences.map((a) => l('audience', a))} />
        {offer.eligibility ? paragraphs(offer.eligibility) : <p>Pas de condition particulière.</p>}

        <h2 className="fr-h4 fr-mt-4w">Comment y accéder ?</h2>
        <div className="fr-callout fr-callout--blue-ecume">
          <h3 className="fr-callout__title fr-h6">{labels?.access(offer.access) ?? offer.access}</h3>
          <p className="fr-callout__text fr-text--md">{ACCESS_HELP[offer.access] ?? ''}</p>
        </div>
        {offer.mobilisationModes.length > 0 && (
          <p>
            Pour entrer en contact : {offer.mobilisationModes.map((m) => l('mobilisation', m).toLowerCase()).join(', ')}
            .
          </p>
        )}

        <h2 className="fr-h4 fr-mt-4w">Sessions et places</h2>
        <Sessions offer={offer} />
        <SeatRules offer={offer} />

        <h2 className="fr-h4 fr-mt-4w">Coût</h2>
        <p>
          {l('cost', offer.cost)}
          {offer.costDetails ? ` — ${offer.costDetails}` : ''}
        </p>

        {(offer.funding.length > 0 || offer.fiche) && (
          <>
            <h2 className="fr-h4 fr-mt-4w">Financement</h2>
            {offer.funding.length > 0 && <p>{offer.funding.map((f) => l('funding', f)).join(', ')}</p>}
            {offer.fiche && (
              <p>
                Plan d’insertion :{' '}
                <Link className="fr-link" to={`${paths.plan(slug)}#fiche-${offer.fiche.number}`}>
                  {ficheRefLabel(offer.fiche)}
                </Link>
              </p>
            )}
          </>
        )}
        <p className="fr-text--sm cat-muted fr-mt-4w">
          {offer.publishedAt ? `Publiée le ${shortDateLabel(offer.publishedAt)} · ` : ''}Mise à jour le{' '}
          {shortDateLabel(offer.updatedAt)}
        </p>
      </div>

      <div className="fr-col-12 fr-col-md-4">
        <div className="cat-aside-box">
          <h2 className="fr-h5">Contact</h2>
          <p className="fr-mb-1w">{offer.contact.name ?? offer.organization.name}</p>
          {offer.contact.email && (
            <p className="fr-mb-1w">
              <a className="fr-link fr-icon-mail-line fr-link--icon-left" href={`mailto:${offer.contact.email}`}>
                {offer.contact.email}
              </a>
            </p>
          )}
          {offer.contact.phone && (
            <p className="fr-mb-1w">
              <a className="fr-link fr-icon-phone-line fr-link--icon-left" href={phoneHref(offer.contact.phone)}>
                {offer.contact.phone}
              </a>
            </p>
          )}
          {!offer.contact.email && !offer.contact.phone && (
            <p className="fr-text--sm">Coordonnées sur la fiche de la structure.</p>
          )}
        </div>

        <div className="cat-aside-box">
          <h2 className="fr-h5">Où ?</h2>
          {offer.places.length === 0 ? (
            <p>
              Pas de lieu d’accueil : l’action se déroule{' '}
              {offer.modes.includes('a-distance') ? 'à distance' : 'sur la zone de diffusion ci-dessous'}.
            </p>
          ) : (
            <>
              <ul className="cat-places">
                {offer.places.map((p, i) => (
                  <li key={i}>
                    {p.label && <strong>{p.label}</strong>}
                    {p.label && <br />}
                    {p.address ? `${p.address}, ` : ''}
                    {p.commune}
                  </li>
                ))}
              </ul>
              {frame && (
                <div className="cat-mapbox cat-mapbox--small">
                  <MapView
                    label="Carte des lieux d’accueil"
                    cluster={false}
                    points={points}
                    hrefOf={() => paths.offer(slug, offer.id)}
                    frame={padded(frame)}
                    frameKey={offer.id}
                  />
                </div>
              )}
            </>
          )}
          <h3 className="fr-h6 fr-mt-3w">Zone de diffusion</h3>
          <p className="fr-mb-1w">{zone.type === 'departement' ? 'Tout le département' : zoneType}</p>
          {zone.type !== 'departement' && zone.areas.length > 0 && (
            <p className="fr-text--sm">{zone.areas.map((a) => a.name).join(', ')}</p>
          )}
        </div>
      </div>
    </div>
  );
}

export function OfferPage({ slug, id }: { slug: string; id: string }) {
  const offer = useLoad(`offer:${slug}:${id}`, (signal) => api.offer(slug, id, signal));
  const tenant = useLoad(`tenant:${slug}`, () => api.tenant(slug));
  const taxonomy = useLoad('taxonomy', () => api.taxonomy());
  const labels = useMemo(() => (taxonomy.data ? labelsOf(taxonomy.data) : null), [taxonomy.data]);
  usePageTitle(offer.data?.title ?? (offer.status === 'error' ? 'Page introuvable' : null), `offer:${id}`);
  const notFound =
    (offer.status === 'error' && offer.error.notFound) || (tenant.status === 'error' && tenant.error.notFound);
  // Shown whole, labels included: a page that fills in piece by piece moves under the reader's eyes.
  const shown = offer.data && taxonomy.status !== 'loading' ? offer.data : null;
  const back = lastSearchOf(slug);
  return (
    <Layout tenantName={tenant.data?.name} tenantHref={paths.search(slug)}>
      {notFound ? (
        <NotFound what={tenant.status === 'error' ? 'département' : 'offre'} />
      ) : offer.status === 'error' ? (
        <div className="fr-container">
          <ErrorState
            title="L’offre n’a pas pu être chargée"
            message={offer.error.message}
            onRetry={() => window.location.reload()}
          />
        </div>
      ) : (
        <div className="fr-container fr-mb-7w">
          <Breadcrumb
            crumbs={[
              { label: 'Départements', to: paths.home() },
              { label: back ? 'Résultats de la recherche' : 'Offre d’insertion', to: back ?? paths.search(slug) },
              { label: shown?.title ?? 'Offre' },
            ]}
          />
          {shown ? <Detail slug={slug} offer={shown} labels={labels} /> : <Loading label="Chargement de l’offre…" />}
        </div>
      )}
    </Layout>
  );
}
