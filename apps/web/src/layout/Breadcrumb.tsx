import { Link } from '../app/router.js';

export interface Crumb {
  label: string;
  /** Absent for the current page, the last crumb. */
  to?: string;
}

/**
 * DSFR breadcrumb: every crumb but the last is a link; the last is the current page, marked
 * `aria-current="page"` and without `href` (it leads nowhere new).
 */
export function Breadcrumb({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
      <ol className="fr-breadcrumb__list">
        {crumbs.map((c, i) => (
          <li key={i}>
            {c.to && i < crumbs.length - 1 ? (
              <Link className="fr-breadcrumb__link" to={c.to}>
                {c.label}
              </Link>
            ) : (
              <a className="fr-breadcrumb__link" aria-current="page">
                {c.label}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
