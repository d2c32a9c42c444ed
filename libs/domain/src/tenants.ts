/** The demo tenants: the four départements whose plans the product was specified from. */
export const DEMO_TENANTS = [
  { code: '26', slug: 'drome', name: 'Drôme' },
  { code: '38', slug: 'isere', name: 'Isère' },
  { code: '71', slug: 'saone-et-loire', name: 'Saône-et-Loire' },
  { code: '37', slug: 'indre-et-loire', name: 'Indre-et-Loire' },
] as const;

/** A tenant slug: lower-case words joined by hyphens. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Turns a département name into its slug ("Saône-et-Loire" gives "saone-et-loire"). */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
