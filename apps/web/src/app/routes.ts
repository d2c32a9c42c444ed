// The web app's addresses (pure, unit-tested in node).

export type Route =
  | { name: 'home' }
  | { name: 'search'; slug: string }
  | { name: 'offer'; slug: string; id: string }
  | { name: 'organization'; slug: string; id: string }
  | { name: 'not-found' };

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ID = '[0-9a-fA-F-]{36}';
const patterns: [RegExp, (m: RegExpMatchArray) => Route][] = [
  [/^\/?$/, () => ({ name: 'home' })],
  [new RegExp(`^/(${SLUG})/?$`), (m) => ({ name: 'search', slug: m[1]! })],
  [new RegExp(`^/(${SLUG})/offres/(${ID})/?$`), (m) => ({ name: 'offer', slug: m[1]!, id: m[2]!.toLowerCase() })],
  [new RegExp(`^/(${SLUG})/structures/(${ID})/?$`), (m) => ({ name: 'organization', slug: m[1]!, id: m[2]!.toLowerCase() })],
];

export function matchRoute(pathname: string): Route {
  for (const [re, build] of patterns) {
    const m = pathname.match(re);
    if (m) return build(m);
  }
  return { name: 'not-found' };
}

export const paths = {
  home: (): string => '/',
  search: (slug: string, query = ''): string => `/${slug}${query}`,
  offer: (slug: string, id: string): string => `/${slug}/offres/${id}`,
  organization: (slug: string, id: string): string => `/${slug}/structures/${id}`,
};
