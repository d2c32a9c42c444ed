// Pieces shared by the information pages: who speaks, and the links between the pages.
import type { TenantSummary } from '@catalogue/contracts';
import type { ReactNode } from 'react';
import { api } from '../app/api.js';
import { Link } from '../app/router.js';
import { useLoad } from '../app/use-load.js';
import { Loading } from '../layout/Layout.js';
import { paths, type InfoPageName } from '../app/routes.js';
import { ofDepartement, theDepartement } from './departement-name.js';

/** The département whose page it is, or null for the platform's. */
export type InfoTenant = { code: string; slug: string; name: string } | null;

export const INFO_TITLES: Record<InfoPageName, string> = {
  accessibilite: 'Déclaration d’accessibilité',
  'mentions-legales': 'Mentions légales',
  'donnees-personnelles': 'Données personnelles',
  'plan-du-site': 'Plan du site',
};

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** « le Département de la Drôme », or « l’exploitant de la plateforme » (lower case: mid-sentence). */
export const responsible = (tenant: InfoTenant): string =>
  tenant ? theDepartement(tenant.code, tenant.name) : 'l’exploitant de la plateforme';
export const responsibleStart = (tenant: InfoTenant): string => capitalize(responsible(tenant));

/** « au catalogue de l’offre d’insertion de la Drôme », or « à la plateforme… » (after « s’applique »). */
export const toService = (tenant: InfoTenant): string =>
  tenant
    ? `au catalogue de l’offre d’insertion ${ofDepartement(tenant.code, tenant.name)}`
    : 'à la plateforme du catalogue de l’offre d’insertion';

/** The service's own address, as the reader sees it. */
export const serviceAddress = (tenant: InfoTenant): string =>
  `${window.location.origin}${tenant ? paths.search(tenant.slug) : '/'}`;

export function InfoLink({ page, tenant, children }: { page: InfoPageName; tenant: InfoTenant; children: ReactNode }) {
  return (
    <Link className="fr-link" to={paths.info(page, tenant?.slug)}>
      {children}
    </Link>
  );
}

/** A link that opens another site, said so to screen readers and sighted readers alike. */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      className="fr-link"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      title={`${typeof children === 'string' ? children : href} — nouvelle fenêtre`}
    >
      {children}
    </a>
  );
}

/** The platform's départements by name, one list item each. */
export function TenantList({ item }: { item: (t: TenantSummary) => ReactNode }) {
  const tenants = useLoad('tenants', () => api.tenants());
  if (!tenants.data)
    return tenants.status === 'error' ? (
      <p>La liste des départements n’a pas pu être chargée.</p>
    ) : (
      <Loading label="Chargement des départements…" />
    );
  return (
    <ul>
      {[...tenants.data]
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
        .map((t) => (
          <li key={t.slug}>{item(t)}</li>
        ))}
    </ul>
  );
}
