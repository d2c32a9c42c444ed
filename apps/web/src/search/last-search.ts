// The last results page seen per département, for the offer page's "back to results" link.
const last = new Map<string, string>();
export const rememberSearch = (slug: string, href: string): void => void last.set(slug, href);
export const lastSearchOf = (slug: string): string | undefined => last.get(slug);
