// Reference lists of the catalogue. The data·inclusion référentiels are imported as published
// (codes and labels untouched) from data/data-inclusion, copied from the national schema v1.0.8.
import thematiques from '../data/data-inclusion/thematiques.json' with { type: 'json' };
import categories from '../data/data-inclusion/categories-thematiques.json' with { type: 'json' };
import publics from '../data/data-inclusion/publics.json' with { type: 'json' };
import frais from '../data/data-inclusion/frais.json' with { type: 'json' };
import modesAccueil from '../data/data-inclusion/modes-accueil.json' with { type: 'json' };
import modesMobilisation from '../data/data-inclusion/modes-mobilisation.json' with { type: 'json' };
import personnesMobilisatrices from '../data/data-inclusion/personnes-mobilisatrices.json' with { type: 'json' };
import typesDeServices from '../data/data-inclusion/types-de-services.json' with { type: 'json' };
import reseauxPorteurs from '../data/data-inclusion/reseaux-porteurs.json' with { type: 'json' };

export interface ReferenceItem {
  code: string;
  label: string;
  description?: string | null;
}

export interface ThemeItem extends ReferenceItem {
  /** Category code for a sub-theme; null for a category itself. */
  category: string | null;
}

interface PublishedItem {
  value: string;
  label: string;
  description: string | null;
}

const fromPublished = (items: PublishedItem[]): ReferenceItem[] =>
  items.map(({ value, label, description }) => ({ code: value, label, description }));

/** Theme categories (the part before `--` of a thématique). */
export const THEME_CATEGORIES: readonly ReferenceItem[] = fromPublished(categories);
/** Thématiques: `categorie--sous-thematique`. */
export const THEMES: readonly ThemeItem[] = thematiques.map(({ value, label, description }) => ({
  code: value,
  label,
  description,
  category: value.split('--')[0] ?? null,
}));
export const AUDIENCES: readonly ReferenceItem[] = fromPublished(publics);
export const COSTS: readonly ReferenceItem[] = fromPublished(frais);
export const RECEPTION_MODES: readonly ReferenceItem[] = fromPublished(modesAccueil);
export const MOBILISATION_MODES: readonly ReferenceItem[] = fromPublished(modesMobilisation);
export const MOBILISERS: readonly ReferenceItem[] = fromPublished(personnesMobilisatrices);
export const SERVICE_TYPES: readonly ReferenceItem[] = fromPublished(typesDeServices);
export const NETWORKS: readonly ReferenceItem[] = fromPublished(reseauxPorteurs);

/** The audience that stands alone (never combined with another one). */
export const ALL_AUDIENCES = 'tous-publics';

/**
 * How a person gets into an offer. Our own, coarser view of data·inclusion's
 * `mobilisable_par` + `modes_mobilisation`, which the export maps onto.
 */
export const ACCESS_MODES = [
  { code: 'prescription', label: 'Sur prescription uniquement', mobilisablePar: ['professionnels'] },
  { code: 'self_registration', label: 'Inscription en ligne possible', mobilisablePar: ['professionnels', 'usagers'] },
  { code: 'open', label: 'Accès libre', mobilisablePar: ['professionnels', 'usagers'] },
] as const;
export type AccessMode = (typeof ACCESS_MODES)[number]['code'];

export const ORGANIZATION_KINDS = [
  { code: 'association', label: 'Association' },
  { code: 'siae', label: "Structure d'insertion par l'activité économique (SIAE)" },
  { code: 'training_body', label: 'Organisme de formation' },
  { code: 'local_authority', label: 'Collectivité territoriale' },
  { code: 'ccas', label: "Centre communal ou intercommunal d'action sociale (CCAS / CIAS)" },
  { code: 'public_employment_service', label: "Service public de l'emploi (France Travail)" },
  { code: 'mission_locale', label: 'Mission locale' },
  { code: 'health_body', label: 'Structure de santé' },
  { code: 'social_landlord', label: 'Bailleur social' },
  { code: 'other', label: 'Autre' },
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number]['code'];

export const FUNDING_SOURCES = [
  { code: 'pdi', label: "Programme départemental d'insertion (PDI)" },
  { code: 'fse', label: 'Fonds social européen (FSE+)' },
  { code: 'etat', label: 'État (pacte des solidarités, convention)' },
  { code: 'france_travail', label: 'France Travail' },
  { code: 'caf', label: "Caisse d'allocations familiales" },
  { code: 'region', label: 'Région' },
  { code: 'commune_epci', label: 'Commune ou intercommunalité' },
  { code: 'autofinancement', label: 'Autofinancement' },
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number]['code'];

export const OFFER_STATUSES = [
  { code: 'draft', label: 'Brouillon' },
  { code: 'submitted', label: 'En attente de validation' },
  { code: 'published', label: 'Publiée' },
  { code: 'archived', label: 'Archivée' },
] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number]['code'];

export const ZONE_TYPES = [
  { code: 'communes', label: 'Communes' },
  { code: 'epci', label: 'Intercommunalités (EPCI)' },
  { code: 'territory', label: "Territoires d'action sociale" },
  { code: 'departement', label: 'Tout le département' },
] as const;
export type ZoneType = (typeof ZONE_TYPES)[number]['code'];

const codeSet = (items: readonly { code: string }[]): ReadonlySet<string> => new Set(items.map((i) => i.code));

export const THEME_CODES = codeSet(THEMES);
export const THEME_CATEGORY_CODES = codeSet(THEME_CATEGORIES);
export const AUDIENCE_CODES = codeSet(AUDIENCES);
export const COST_CODES = codeSet(COSTS);
export const RECEPTION_MODE_CODES = codeSet(RECEPTION_MODES);
export const MOBILISATION_MODE_CODES = codeSet(MOBILISATION_MODES);
export const SERVICE_TYPE_CODES = codeSet(SERVICE_TYPES);
export const ACCESS_MODE_CODES = codeSet(ACCESS_MODES);
export const ORGANIZATION_KIND_CODES = codeSet(ORGANIZATION_KINDS);
export const FUNDING_SOURCE_CODES = codeSet(FUNDING_SOURCES);

/** A theme filter accepts a sub-theme or a whole category. */
export const isThemeFilterCode = (code: string): boolean => THEME_CODES.has(code) || THEME_CATEGORY_CODES.has(code);

/**
 * The codes an offer is indexed under for theme filtering and facets: each sub-theme and its
 * category, so that filtering on `mobilite` finds every mobility sub-theme.
 */
export function themeIndexCodes(themes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of themes) {
    out.add(t);
    const category = t.split('--')[0];
    if (category && category !== t) out.add(category);
  }
  return [...out];
}

export const themeLabel = (code: string): string | undefined =>
  THEMES.find((t) => t.code === code)?.label ?? THEME_CATEGORIES.find((t) => t.code === code)?.label;
