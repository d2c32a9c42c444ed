import type { ReactNode } from 'react';
import { Link, navigate, useLocation } from '../app/router.js';
import { matchRoute, paths, type InfoPageName } from '../app/routes.js';
import { signOut, useSession } from '../app/session.js';

interface LayoutProps {
  /** Name of the département whose catalogue is shown (service tagline). */
  tenantName?: string | undefined;
  tenantHref?: string | undefined;
  children: ReactNode;
}

export function Layout({ tenantName, tenantHref, children }: LayoutProps) {
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                Contenu
              </a>
            </li>
            <li>
              <a className="fr-link" href="#pied-de-page">
                Pied de page
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <header role="banner" className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row">
              <div className="fr-header__brand fr-enlarge-link">
                <div className="fr-header__service">
                  <Link
                    to={tenantHref ?? '/'}
                    title={`Accueil — Catalogue de l'offre d'insertion${tenantName ? ` — ${tenantName}` : ''}`}
                  >
                    <p className="fr-header__service-title">Catalogue de l’offre d’insertion</p>
                  </Link>
                  <p className="fr-header__service-tagline">
                    {tenantName ? `Département : ${tenantName}` : 'Trouver une action d’insertion près de chez soi'}
                  </p>
                </div>
              </div>
              <div className="fr-header__tools">
                <div className="fr-header__tools-links">
                  <ul className="fr-btns-group">
                    <li>
                      <Link className="fr-btn fr-icon-map-pin-2-line" to="/">
                        {tenantHref ? 'Changer de département' : 'Départements'}
                      </Link>
                    </li>
                    <li>
                      <a className="fr-btn fr-icon-code-s-slash-line" href="/api/docs">
                        API publique
                      </a>
                    </li>
                    <AccountLinks />
                  </ul>
                </div>
              </div>
            </div>
          </div>
        </div>
        {/* The DSFR hides the header's tool links on small screens: the account stays reachable. */}
        <div className="fr-container cat-phone-account">
          <ul className="cat-phone-account__list">
            <AccountLinks compact />
          </ul>
        </div>
      </header>
      <main id="contenu" role="main" tabIndex={-1} className="cat-main">
        {children}
      </main>
      <footer className="fr-footer" role="contentinfo" id="pied-de-page">
        <div className="fr-container">
          <div className="fr-footer__body">
            <div className="fr-footer__content">
              <p className="fr-footer__content-desc">
                Le catalogue de l’offre d’insertion rassemble les actions financées ou référencées par les départements
                : accompagnement, mobilité, numérique, formation, santé… Les données suivent le référentiel national
                data·inclusion.
              </p>
              <ul className="fr-footer__content-list">
                <TenantFooterLinks tenantShown={Boolean(tenantName)} />
                <li>
                  <a className="fr-footer__content-link" href="/api/docs">
                    API publique (OpenAPI)
                  </a>
                </li>
              </ul>
            </div>
          </div>
          <div className="fr-footer__bottom">
            <FooterLinks tenantShown={Boolean(tenantName)} />
            <div className="fr-footer__bottom-copy">
              <p>Fonds de carte : voir l’attribution sur chaque carte. Contours des départements : Natural Earth.</p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}

/** No RGAA audit has been made: the site is « non conforme » until one is (RGAA rule). */
export const ACCESSIBILITY_STATUS = 'non conforme';

const FOOTER_LINKS: [InfoPageName, string][] = [
  ['plan-du-site', 'Plan du site'],
  ['accessibilite', `Accessibilité : ${ACCESSIBILITY_STATUS}`],
  ['mentions-legales', 'Mentions légales'],
  ['donnees-personnelles', 'Données personnelles'],
];

/**
 * The DSFR's mandatory footer links. In a département's pages they lead to its own pages (it is
 * the one responsible there), elsewhere to the platform's.
 */
function FooterLinks({ tenantShown }: { tenantShown: boolean }) {
  const route = matchRoute(useLocation().pathname);
  const slug = tenantShown && 'slug' in route ? route.slug : null;
  return (
    <ul className="fr-footer__bottom-list">
      {FOOTER_LINKS.map(([page, label]) => (
        <li key={page} className="fr-footer__bottom-item">
          <Link className="fr-footer__bottom-link" to={paths.info(page, slug)}>
            {label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The département's own public pages, in its footer: its insertion plan, its calls for projects, its open data. */
function TenantFooterLinks({ tenantShown }: { tenantShown: boolean }) {
  const route = matchRoute(useLocation().pathname);
  if (!tenantShown || !('slug' in route) || !route.slug) return null;
  return (
    <>
      <li>
        <Link className="fr-footer__content-link" to={paths.plan(route.slug)}>
          Plan d’insertion
        </Link>
      </li>
      <li>
        <Link className="fr-footer__content-link" to={paths.calls(route.slug)}>
          Appels à projets du département
        </Link>
      </li>
      <li>
        <Link className="fr-footer__content-link" to={paths.openData(route.slug)}>
          Données ouvertes
        </Link>
      </li>
    </>
  );
}

/** "Se connecter", or the signed-in person's space and sign-out. */
function AccountLinks({ compact = false }: { compact?: boolean }) {
  // Under the header on phones: small buttons with their text (an icon alone would hide it).
  const look = (icon: string): string =>
    compact ? `fr-link fr-link--sm fr-link--icon-left ${icon}` : `fr-btn ${icon}`;
  const session = useSession({ probe: false });
  const { pathname, search } = useLocation();
  if (session.status === 'loading') {
    // Holds the place of « Se connecter » (what most visitors get) so the header does not move when it comes.
    return (
      <li aria-hidden="true" className="cat-account-pending">
        <span className={look('fr-icon-lock-line')}>Se connecter</span>
      </li>
    );
  }
  if (session.status === 'signed-out') {
    const here = pathname + search;
    const back =
      pathname.startsWith('/connexion') || pathname === '/inscription' || pathname === '/' ? undefined : here;
    return (
      <li>
        <Link className={look('fr-icon-lock-line')} to={paths.login(back)}>
          Se connecter
        </Link>
      </li>
    );
  }
  return (
    <>
      <li>
        <Link
          className={look('fr-icon-dashboard-3-line')}
          to={paths.space()}
          title={`Mon espace — ${session.me.name || session.me.email}`}
        >
          Mon espace
        </Link>
      </li>
      <li>
        <button
          type="button"
          className={look('fr-icon-logout-box-r-line')}
          onClick={() => {
            void signOut().then(() => navigate(paths.login()));
          }}
        >
          Se déconnecter
        </button>
      </li>
    </>
  );
}

export function NotFound({ what = 'page' }: { what?: 'page' | 'offre' | 'structure' | 'département' }) {
  const text = {
    page: 'La page que vous cherchez est introuvable.',
    offre: 'Cette offre est introuvable : elle a peut-être été retirée du catalogue, ou l’adresse est incomplète.',
    structure: 'Cette structure est introuvable : l’adresse est peut-être incomplète.',
    département: 'Ce département n’a pas (encore) de catalogue sur cette plateforme.',
  }[what];
  return (
    <div className="fr-container fr-my-7w">
      <h1 className="fr-h1">Page introuvable</h1>
      <p className="fr-text--sm fr-mb-3w">Erreur 404</p>
      <p className="fr-text--lead fr-mb-3w">{text}</p>
      <p className="fr-mb-5w">
        Si vous avez tapé l’adresse, vérifiez son orthographe. Sinon, repartez de la liste des départements.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn" to="/">
            Choisir un département
          </Link>
        </li>
      </ul>
    </div>
  );
}

export function ErrorState({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div className="fr-alert fr-alert--error fr-my-3w" role="alert">
      <h2 className="fr-alert__title">{title}</h2>
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-2w" onClick={onRetry}>
          Réessayer
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="cat-loading" role="status">
      {label}
    </p>
  );
}
