import type { OfferSummary } from '@catalogue/contracts';
import { Link } from '../app/router.js';
import { paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import type { Labels } from '../app/taxonomy.js';
import { distanceLabel } from '../lib/format.js';

interface Props {
  slug: string;
  items: OfferSummary[];
  labels: Labels | null;
  highlightedId: string | null;
  onHover: (id: string | null) => void;
}

const ACCESS_BADGE: Record<string, string> = {
  self_registration: 'fr-badge--success',
  open: 'fr-badge--info',
  prescription: 'fr-badge--new',
};

export function accessBadge(access: string, labels: Labels | null) {
  return (
    <p className={`fr-badge fr-badge--sm fr-badge--no-icon ${ACCESS_BADGE[access] ?? ''}`}>
      {labels ? labels.access(access) : access}
    </p>
  );
}

function placeLine(o: OfferSummary): string {
  if (o.places.length === 0) return o.modes.includes('a-distance') ? 'À distance' : 'Sans lieu d’accueil précis';
  const first = o.places[0]!.commune;
  const more =
    o.places.length > 1
      ? ` et ${o.places.length - 1} autre${o.places.length > 2 ? 's' : ''} lieu${o.places.length > 2 ? 'x' : ''}`
      : '';
  const distance = o.distanceKm != null ? ` · ${distanceLabel(o.distanceKm)}` : '';
  return `${first}${more}${distance}`;
}

export function ResultsList({ slug, items, labels, highlightedId, onHover }: Props) {
  // A referent registers a person from here (the capability from GET /me, asked only for a signed-in browser).
  const session = useSession({ probe: false });
  const prescribe =
    session.status === 'signed-in' &&
    (
      session.me.capabilities.tenants.find((t) => t.tenant === slug)?.capabilities ??
      session.me.capabilities.otherTenants
    ).prescribe;
  return (
    <ul className="cat-results cat-plain-list" aria-label="Offres trouvées">
      {items.map((o) => {
        const themes = [...new Set(o.themes.map((t) => (labels ? labels.categoryOf(t) : t)))].slice(0, 3);
        return (
          <li
            key={o.id}
            className={`cat-result ${highlightedId === o.id ? 'is-highlighted' : ''}`}
            data-offer-id={o.id}
            onMouseEnter={() => onHover(o.id)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => onHover(o.id)}
            onBlur={() => onHover(null)}
          >
            <div className="fr-card fr-card--sm fr-enlarge-link cat-card">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title">
                    <Link to={paths.offer(slug, o.id)}>{o.title}</Link>
                  </h3>
                  <p className="fr-card__desc">{o.summary}</p>
                  <div className="fr-card__start">
                    <ul className="fr-badges-group">
                      <li>{accessBadge(o.access, labels)}</li>
                      {o.hasPlaces && (
                        <li>
                          <p className="fr-badge fr-badge--sm fr-badge--green-emeraude fr-badge--no-icon">
                            Places disponibles
                          </p>
                        </li>
                      )}
                    </ul>
                    <p className="fr-card__detail">{o.organization.name}</p>
                  </div>
                  <div className="fr-card__end">
                    <p className="fr-card__detail fr-icon-map-pin-2-line">{placeLine(o)}</p>
                    {themes.length > 0 && (
                      <p className="fr-card__detail cat-muted">
                        {themes.map((t) => (labels ? labels.theme(t) : t)).join(' · ')}
                      </p>
                    )}
                    {prescribe && (
                      <p className="fr-card__detail fr-mt-1w">
                        <Link className="fr-link fr-link--sm cat-card__more" to={paths.prescribe(slug, o.id)}>
                          Inscrire une personne<span className="fr-sr-only"> à « {o.title} »</span>
                        </Link>
                      </p>
                    )}
                  </div>
                </div>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** DSFR pagination: links (bookmarkable), current page and a window of neighbours. */
export function Pagination({
  page,
  pageCount,
  hrefOf,
}: {
  page: number;
  pageCount: number;
  hrefOf: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const window = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const pages = [...window].sort((a, b) => a - b);
  const items: (number | 'gap')[] = [];
  pages.forEach((p, i) => {
    if (i > 0 && p - pages[i - 1]! > 1) items.push('gap');
    items.push(p);
  });
  return (
    <nav className="fr-pagination fr-mt-3w" aria-label="Pages de résultats">
      <ul className="fr-pagination__list">
        <li>
          {page > 1 ? (
            <Link
              className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
              to={hrefOf(page - 1)}
            >
              Page précédente
            </Link>
          ) : (
            <a
              className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
              aria-disabled="true"
              role="link"
            >
              Page précédente
            </a>
          )}
        </li>
        {items.map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`}>
              <span className="fr-pagination__link fr-displayed-lg">…</span>
            </li>
          ) : (
            <li key={p}>
              <Link
                className="fr-pagination__link"
                to={hrefOf(p)}
                aria-current={p === page ? 'page' : undefined}
                title={`Page ${p}`}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link
              className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
              to={hrefOf(page + 1)}
            >
              Page suivante
            </Link>
          ) : (
            <a
              className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
              aria-disabled="true"
              role="link"
            >
              Page suivante
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
}
