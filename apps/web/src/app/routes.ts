// The web app's addresses (pure, unit-tested in node). The back office's addresses are also a
// contract with the emails the API sends (verification, reset, magic link, invitation, offer).

/** The DSFR's mandatory information pages, by their address segment. */
export const INFO_PAGES = ['accessibilite', 'mentions-legales', 'donnees-personnelles', 'plan-du-site'] as const;
export type InfoPageName = (typeof INFO_PAGES)[number];

export type Route =
  | { name: 'home' }
  /** At the root for the platform, under `/{slug}/` for a département (which is then the one responsible). */
  | { name: 'info'; page: InfoPageName; slug: string | null }
  | { name: 'search'; slug: string }
  | { name: 'offer'; slug: string; id: string }
  | { name: 'organization'; slug: string; id: string }
  | { name: 'login' }
  | { name: 'register' }
  | { name: 'forgot-password' }
  | { name: 'verify-email' }
  | { name: 'new-password' }
  | { name: 'magic-link' }
  | { name: 'space' }
  | { name: 'platform-admin' }
  | { name: 'bo-new-organization'; slug: string }
  | { name: 'bo-organization'; slug: string; id: string }
  | { name: 'bo-edit-organization'; slug: string; id: string }
  | { name: 'bo-organizations'; slug: string }
  | { name: 'bo-new-offer'; slug: string }
  | { name: 'bo-offer'; slug: string; id: string }
  | { name: 'bo-moderation'; slug: string }
  | { name: 'bo-dashboard'; slug: string }
  | { name: 'bo-settings'; slug: string }
  | { name: 'bo-audit'; slug: string }
  | { name: 'invitation'; slug: string }
  // Registrations (issue 13)
  | { name: 'beneficiary-register'; slug: string }
  | { name: 'account' }
  | { name: 'self-register'; slug: string; id: string }
  | { name: 'prescribe'; slug: string; id: string }
  | { name: 'my-registrations'; slug: string }
  | { name: 'prescriptions'; slug: string }
  | { name: 'registration'; slug: string; id: string }
  | { name: 'inbox'; slug: string; id: string }
  | { name: 'attendance-sheet'; slug: string; offerId: string; sessionId: string }
  // The plan and its calls for projects (issue 14)
  | { name: 'plan'; slug: string }
  | { name: 'calls'; slug: string }
  | { name: 'call'; slug: string; id: string }
  | { name: 'bo-plan'; slug: string }
  | { name: 'bo-calls'; slug: string }
  | { name: 'bo-new-call'; slug: string }
  | { name: 'bo-call'; slug: string; id: string }
  | { name: 'bo-ranking'; slug: string; id: string }
  | { name: 'bo-applications'; slug: string }
  | { name: 'bo-application'; slug: string; id: string }
  | { name: 'bo-agreements'; slug: string }
  | { name: 'bo-agreement'; slug: string; id: string }
  // Bilans, indicators, coverage gaps and the execution report (issue 15)
  | { name: 'bo-bilans'; slug: string }
  | { name: 'bo-bilan'; slug: string; id: string }
  | { name: 'bo-indicators'; slug: string }
  | { name: 'bo-coverage'; slug: string }
  | { name: 'bo-report'; slug: string }
  /** The printable execution report (signed-in staff, no back-office chrome when printed). */
  | { name: 'report'; slug: string; year: number }
  // Interoperability (issue 16)
  /** Public: the open data export's addresses, licence and last update. */
  | { name: 'open-data'; slug: string }
  | { name: 'bo-data-inclusion-import'; slug: string }
  | { name: 'bo-api-keys'; slug: string }
  | { name: 'bo-offer-import'; slug: string; id: string }
  | { name: 'not-found' };

const PUBLIC_PAGES = [
  'home',
  'info',
  'search',
  'offer',
  'organization',
  'plan',
  'calls',
  'call',
  'open-data',
  'not-found',
] as const;
export type BackOfficeRoute = Exclude<Route, { name: (typeof PUBLIC_PAGES)[number] }>;

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ID = '[0-9a-fA-F-]{36}';
const fixed: Record<string, Route['name']> = {
  '/connexion': 'login',
  '/inscription': 'register',
  '/mot-de-passe-oublie': 'forgot-password',
  '/connexion/verifier-email': 'verify-email',
  '/connexion/nouveau-mot-de-passe': 'new-password',
  '/connexion/lien-magique': 'magic-link',
  '/espace': 'space',
  '/admin': 'platform-admin',
  '/espace/mon-compte': 'account',
};
const tenantPages: Record<string, BackOfficeRoute['name']> = {
  'espace/structures/nouvelle': 'bo-new-organization',
  'espace/structures': 'bo-organizations',
  'espace/offres/nouvelle': 'bo-new-offer',
  'espace/moderation': 'bo-moderation',
  'espace/tableau-de-bord': 'bo-dashboard',
  'espace/reglages': 'bo-settings',
  'espace/journal': 'bo-audit',
  invitation: 'invitation',
  'creer-un-compte': 'beneficiary-register',
  'espace/mes-inscriptions': 'my-registrations',
  'espace/prescriptions': 'prescriptions',
  'espace/plan': 'bo-plan',
  'espace/appels-a-projets/nouveau': 'bo-new-call',
  'espace/appels-a-projets': 'bo-calls',
  'espace/dossiers': 'bo-applications',
  'espace/conventions': 'bo-agreements',
  'espace/bilans': 'bo-bilans',
  'espace/indicateurs': 'bo-indicators',
  'espace/zones-blanches': 'bo-coverage',
  'espace/rapport': 'bo-report',
  'espace/import-data-inclusion': 'bo-data-inclusion-import',
  'espace/cles-api': 'bo-api-keys',
};
const publicTenantPages: Record<string, Route['name']> = {
  plan: 'plan',
  'appels-a-projets': 'calls',
  'donnees-ouvertes': 'open-data',
};

const INFO = INFO_PAGES.join('|');
const patterns: [RegExp, (m: RegExpMatchArray) => Route][] = [
  [/^\/?$/, () => ({ name: 'home' })],
  [new RegExp(`^/(${INFO})/?$`), (m) => ({ name: 'info', page: m[1] as InfoPageName, slug: null })],
  [new RegExp(`^/(${SLUG})/(${INFO})/?$`), (m) => ({ name: 'info', page: m[2] as InfoPageName, slug: m[1]! })],
  [new RegExp(`^/(${SLUG})/?$`), (m) => ({ name: 'search', slug: m[1]! })],
  [new RegExp(`^/(${SLUG})/offres/(${ID})/?$`), (m) => ({ name: 'offer', slug: m[1]!, id: m[2]!.toLowerCase() })],
  [
    new RegExp(`^/(${SLUG})/structures/(${ID})/?$`),
    (m) => ({ name: 'organization', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/structures/(${ID})/?$`),
    (m) => ({ name: 'bo-organization', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/structures/(${ID})/modifier/?$`),
    (m) => ({ name: 'bo-edit-organization', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/offres/(${ID})/?$`),
    (m) => ({ name: 'bo-offer', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/offres/(${ID})/s-inscrire/?$`),
    (m) => ({ name: 'self-register', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/offres/(${ID})/inscrire-une-personne/?$`),
    (m) => ({ name: 'prescribe', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/inscriptions/(${ID})/?$`),
    (m) => ({ name: 'registration', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/structures/(${ID})/inscriptions/?$`),
    (m) => ({ name: 'inbox', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/offres/(${ID})/sessions/(${ID})/presences/?$`),
    (m) => ({ name: 'attendance-sheet', slug: m[1]!, offerId: m[2]!.toLowerCase(), sessionId: m[3]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/appels-a-projets/(${ID})/?$`),
    (m) => ({ name: 'call', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/appels-a-projets/(${ID})/?$`),
    (m) => ({ name: 'bo-call', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/appels-a-projets/(${ID})/classement/?$`),
    (m) => ({ name: 'bo-ranking', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/dossiers/(${ID})/?$`),
    (m) => ({ name: 'bo-application', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/conventions/(${ID})/?$`),
    (m) => ({ name: 'bo-agreement', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/structures/(${ID})/import/?$`),
    (m) => ({ name: 'bo-offer-import', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/espace/bilans/(${ID})/?$`),
    (m) => ({ name: 'bo-bilan', slug: m[1]!, id: m[2]!.toLowerCase() }),
  ],
  [
    new RegExp(`^/(${SLUG})/rapport/((?:19|20|21)[0-9]{2})/?$`),
    (m) => ({ name: 'report', slug: m[1]!, year: Number(m[2]) }),
  ],
  [
    new RegExp(`^/(${SLUG})/(${Object.keys(tenantPages).join('|')})/?$`),
    (m) => ({ name: tenantPages[m[2]!]!, slug: m[1]! }) as Route,
  ],
  [
    new RegExp(`^/(${SLUG})/(${Object.keys(publicTenantPages).join('|')})/?$`),
    (m) => ({ name: publicTenantPages[m[2]!]!, slug: m[1]! }) as Route,
  ],
];

export function matchRoute(pathname: string): Route {
  const plain = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  const name = fixed[plain];
  if (name) return { name } as Route;
  for (const [re, build] of patterns) {
    const m = pathname.match(re);
    if (m) return build(m);
  }
  return { name: 'not-found' };
}

export function isBackOffice(route: Route): route is BackOfficeRoute {
  return !(PUBLIC_PAGES as readonly string[]).includes(route.name);
}

const q = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return s ? `?${s}` : '';
};

export const paths = {
  home: (): string => '/',
  /** An information page, the département's when `slug` is given. */
  info: (page: InfoPageName, slug?: string | null): string => (slug ? `/${slug}/${page}` : `/${page}`),
  search: (slug: string, query = ''): string => `/${slug}${query}`,
  offer: (slug: string, id: string): string => `/${slug}/offres/${id}`,
  organization: (slug: string, id: string): string => `/${slug}/structures/${id}`,
  login: (back?: string): string => `/connexion${q({ retour: back })}`,
  register: (): string => '/inscription',
  forgotPassword: (): string => '/mot-de-passe-oublie',
  space: (): string => '/espace',
  platformAdmin: (): string => '/admin',
  newOrganization: (slug: string): string => `/${slug}/espace/structures/nouvelle`,
  boOrganization: (slug: string, id: string): string => `/${slug}/espace/structures/${id}`,
  editOrganization: (slug: string, id: string): string => `/${slug}/espace/structures/${id}/modifier`,
  boOrganizations: (slug: string): string => `/${slug}/espace/structures`,
  newOffer: (slug: string, organizationId: string): string =>
    `/${slug}/espace/offres/nouvelle${q({ structure: organizationId })}`,
  boOffer: (slug: string, id: string): string => `/${slug}/espace/offres/${id}`,
  moderation: (slug: string): string => `/${slug}/espace/moderation`,
  dashboard: (slug: string): string => `/${slug}/espace/tableau-de-bord`,
  settings: (slug: string): string => `/${slug}/espace/reglages`,
  audit: (slug: string): string => `/${slug}/espace/journal`,
  /** A beneficiary's account, not a professional's (the département they sign up in). */
  beneficiaryRegister: (slug: string, back?: string): string => `/${slug}/creer-un-compte${q({ retour: back })}`,
  account: (): string => '/espace/mon-compte',
  selfRegister: (slug: string, offerId: string, sessionId?: string): string =>
    `/${slug}/offres/${offerId}/s-inscrire${q({ session: sessionId })}`,
  prescribe: (slug: string, offerId: string, sessionId?: string): string =>
    `/${slug}/offres/${offerId}/inscrire-une-personne${q({ session: sessionId })}`,
  myRegistrations: (slug: string): string => `/${slug}/espace/mes-inscriptions`,
  prescriptions: (slug: string): string => `/${slug}/espace/prescriptions`,
  registration: (slug: string, id: string): string => `/${slug}/espace/inscriptions/${id}`,
  inbox: (slug: string, organizationId: string): string => `/${slug}/espace/structures/${organizationId}/inscriptions`,
  attendanceSheet: (slug: string, offerId: string, sessionId: string): string =>
    `/${slug}/espace/offres/${offerId}/sessions/${sessionId}/presences`,
  // The plan and its calls for projects
  plan: (slug: string): string => `/${slug}/plan`,
  calls: (slug: string): string => `/${slug}/appels-a-projets`,
  call: (slug: string, id: string): string => `/${slug}/appels-a-projets/${id}`,
  boPlan: (slug: string): string => `/${slug}/espace/plan`,
  boCalls: (slug: string): string => `/${slug}/espace/appels-a-projets`,
  newCall: (slug: string): string => `/${slug}/espace/appels-a-projets/nouveau`,
  boCall: (slug: string, id: string): string => `/${slug}/espace/appels-a-projets/${id}`,
  ranking: (slug: string, id: string): string => `/${slug}/espace/appels-a-projets/${id}/classement`,
  applications: (slug: string): string => `/${slug}/espace/dossiers`,
  application: (slug: string, id: string): string => `/${slug}/espace/dossiers/${id}`,
  agreements: (slug: string): string => `/${slug}/espace/conventions`,
  agreement: (slug: string, id: string): string => `/${slug}/espace/conventions/${id}`,
  // Bilans, indicators, coverage gaps and the execution report
  bilans: (slug: string): string => `/${slug}/espace/bilans`,
  bilan: (slug: string, id: string): string => `/${slug}/espace/bilans/${id}`,
  indicators: (slug: string): string => `/${slug}/espace/indicateurs`,
  coverage: (slug: string): string => `/${slug}/espace/zones-blanches`,
  boReport: (slug: string): string => `/${slug}/espace/rapport`,
  report: (slug: string, year: number): string => `/${slug}/rapport/${year}`,
  // Interoperability
  openData: (slug: string): string => `/${slug}/donnees-ouvertes`,
  dataInclusionImport: (slug: string): string => `/${slug}/espace/import-data-inclusion`,
  apiKeys: (slug: string): string => `/${slug}/espace/cles-api`,
  offerImport: (slug: string, organizationId: string): string => `/${slug}/espace/structures/${organizationId}/import`,
};

/** A same-site path to go back to after signing in (never another origin: `//x` or `https:`). */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}

const AFTER_SIGN_UP = 'catalogue.afterSignUp';

/**
 * Where a new personal account goes back to once its address is verified (the offer it wanted to
 * register to): kept in this browser between the sign-up and the link of the email.
 */
export const afterSignUp = {
  remember(path: string | null | undefined): void {
    const safe = safeReturnPath(path);
    try {
      if (safe) window.localStorage.setItem(AFTER_SIGN_UP, safe);
    } catch {
      // Storage refused (private browsing): the verified page offers the usual links.
    }
  },
  /** The remembered path, once (it is forgotten as it is read). */
  take(): string | null {
    try {
      const path = safeReturnPath(window.localStorage.getItem(AFTER_SIGN_UP));
      window.localStorage.removeItem(AFTER_SIGN_UP);
      return path;
    } catch {
      return null;
    }
  },
};
