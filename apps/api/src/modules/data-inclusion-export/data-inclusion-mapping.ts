// The catalogue → data·inclusion mapping (docs/donnees-ouvertes.md): a published offer becomes a
// service, a validated organisation a structure. Pure functions, so that the whole contract is unit
// tested (and property tested) without a database; the import follows the same table in reverse.
import type { AccessMode, ZoneType } from '@catalogue/domain';
import { SCHEMA_CODES } from '../../common/data-inclusion/data-inclusion-schemas.js';

/** What the export reads of an offer (its first place joined, with the commune's name and postcode). */
export interface OfferExportRow {
  id: string;
  organization_id: string;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  audiences: string[];
  service_types: string[];
  eligibility: string;
  cost: string;
  cost_details: string | null;
  modes: string[];
  access: AccessMode;
  mobilisation: string[];
  zone_type: ZoneType;
  zone_codes: string[];
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  updated_at: Date;
  place_label: string | null;
  place_address: string | null;
  place_insee: string | null;
  place_commune: string | null;
  place_postcode: string | null;
  place_lat: number | null;
  place_lng: number | null;
}

export interface OrganizationExportRow {
  id: string;
  name: string;
  description: string;
  siret: string | null;
  address: string;
  commune_insee: string | null;
  commune_name: string | null;
  commune_postcode: string | null;
  lat: number | null;
  lng: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  updated_at: Date;
}

/** What every record of one export shares. */
export interface ExportContext {
  slug: string;
  departementCode: string;
  /** The web app's address (no trailing slash), for `lien_source` and `lien_mobilisation`. */
  publicUrl: string;
  /** The tenant's territories: code → INSEE codes of their communes. */
  territories: ReadonlyMap<string, readonly string[]>;
}

export interface DataInclusionService {
  source: string;
  structure_id: string;
  id: string;
  nom: string;
  description: string;
  date_maj: string;
  lien_source: string | null;
  type: string | null;
  thematiques: string[] | null;
  frais: string | null;
  frais_precisions: string | null;
  publics: string[] | null;
  publics_precisions: string | null;
  conditions_acces: string | null;
  commune: string | null;
  code_postal: string | null;
  code_insee: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  longitude: number | null;
  latitude: number | null;
  telephone: string | null;
  courriel: string | null;
  contact_nom_prenom: string | null;
  modes_accueil: string[] | null;
  zone_eligibilite: string[] | null;
  mobilisable_par: string[] | null;
  lien_mobilisation: string | null;
  modes_mobilisation: string[] | null;
  mobilisation_precisions: string | null;
  horaires_accueil: string | null;
  nombre_semaines: number | null;
  volume_horaire_hebdomadaire: number | null;
}

export interface DataInclusionStructure {
  source: string;
  id: string;
  nom: string;
  description: string | null;
  siret: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  code_insee: string | null;
  commune: string | null;
  code_postal: string | null;
  latitude: number | null;
  longitude: number | null;
  site_web: string | null;
  courriel: string | null;
  telephone: string | null;
  date_maj: string;
  lien_source: string | null;
  reseaux_porteurs: string[] | null;
  horaires_accueil: string | null;
  accessibilite_lieu: string | null;
}

const NAME_MAX = 150;
const NAME_MIN = 3;
const DESCRIPTION_MIN = 5;
const DESCRIPTION_MAX = 10_000;
export const SELF_REGISTRATION_LINK_MODE = 'utiliser-lien-mobilisation';

export const sourceOf = (slug: string): string => `catalogue-insertion-${slug}`;

/** Counted in code points, as JSON Schema counts lengths. */
const codePoints = (s: string): string[] => Array.from(s);

/**
 * `nom`: the title, the first 149 characters + « … » beyond 150. The schema wants 3 characters at
 * least: a shorter title (the write rules allow one) is completed with « … ».
 */
export function dataInclusionName(title: string): string {
  const chars = codePoints(title.trim());
  if (chars.length > NAME_MAX) return `${chars.slice(0, NAME_MAX - 1).join('')}…`;
  return chars.join('') + '…'.repeat(Math.max(0, NAME_MIN - chars.length));
}

const cut = (text: string, max: number): string => {
  const chars = codePoints(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
};
const longEnough = (text: string | null | undefined): text is string =>
  !!text && codePoints(text.trim()).length >= DESCRIPTION_MIN;

/** A date as the calendar shows it in Paris, YYYY-MM-DD. */
const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export const parisDate = (d: Date): string => parisDay.format(d);

const orNull = (s: string | null | undefined): string | null => (s && s.trim() ? s : null);
const listOrNull = (codes: readonly string[]): string[] | null => (codes.length ? [...new Set(codes)] : null);
/** The codes the schema knows, in the référentiel's order (a list is a set: one order, whatever the input's). */
const known = (codes: readonly string[], allowed: ReadonlySet<string>): string[] =>
  [...allowed].filter((c) => codes.includes(c));

// The national schema's formats (ajv-formats' "email" and "uri", full mode): a value the schema
// would refuse is left out (null), as data·inclusion itself drops it.
const SCHEMA_EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
export const schemaEmail = (email: string | null): string | null =>
  email && SCHEMA_EMAIL.test(email.trim()) ? email.trim() : null;

/** A web address with its scheme (a bare `www.…` gets https://), normalised; null when it is none. */
export function schemaUrl(url: string | null): string | null {
  const text = url?.trim();
  if (!text) return null;
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
    if (!['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname.includes('.')) return null;
    return parsed.href.length <= 2083 ? parsed.href : null;
  } catch {
    return null;
  }
}

function zoneOf(row: Pick<OfferExportRow, 'zone_type' | 'zone_codes'>, ctx: ExportContext): string[] | null {
  switch (row.zone_type) {
    case 'communes':
    case 'epci':
      return listOrNull(row.zone_codes);
    case 'territory':
      return listOrNull(row.zone_codes.flatMap((code) => ctx.territories.get(code) ?? []));
    case 'departement':
      return [ctx.departementCode];
  }
}

const postcode = (code: string | null): string | null => (code && /^\d{5}$/.test(code) ? code : null);

export function toService(row: OfferExportRow, ctx: ExportContext): DataInclusionService {
  const page = `${ctx.publicUrl}/${ctx.slug}/offres/${row.id}`;
  const selfRegistration = row.access === 'self_registration';
  const mobilisation = known(
    selfRegistration ? [...row.mobilisation, SELF_REGISTRATION_LINK_MODE] : row.mobilisation,
    SCHEMA_CODES.modesMobilisation,
  );
  const hasPlace = row.place_insee !== null;
  return {
    source: sourceOf(ctx.slug),
    structure_id: row.organization_id,
    id: row.id,
    nom: dataInclusionName(row.title),
    description: cut(
      longEnough(row.description) ? row.description : longEnough(row.summary) ? row.summary : `Action : ${row.title}`,
      DESCRIPTION_MAX,
    ),
    date_maj: parisDate(row.updated_at),
    lien_source: page,
    type: known(row.service_types, SCHEMA_CODES.type)[0] ?? null,
    thematiques: listOrNull(known(row.themes, SCHEMA_CODES.thematiques)),
    frais: SCHEMA_CODES.frais.has(row.cost) ? row.cost : null,
    frais_precisions: orNull(row.cost_details),
    publics: listOrNull(known(row.audiences, SCHEMA_CODES.publics)),
    publics_precisions: null,
    conditions_acces: orNull(row.eligibility),
    commune: hasPlace ? row.place_commune : null,
    code_postal: hasPlace ? postcode(row.place_postcode) : null,
    code_insee: hasPlace ? row.place_insee : null,
    adresse: hasPlace ? orNull(row.place_address) : null,
    complement_adresse: hasPlace ? orNull(row.place_label) : null,
    longitude: hasPlace ? row.place_lng : null,
    latitude: hasPlace ? row.place_lat : null,
    telephone: orNull(row.contact_phone),
    courriel: schemaEmail(row.contact_email),
    contact_nom_prenom: orNull(row.contact_name),
    modes_accueil: listOrNull(known(row.modes, SCHEMA_CODES.modesAccueil)),
    zone_eligibilite: zoneOf(row, ctx),
    mobilisable_par: row.access === 'prescription' ? ['professionnels'] : ['professionnels', 'usagers'],
    lien_mobilisation: selfRegistration ? page : null,
    modes_mobilisation: listOrNull(mobilisation),
    mobilisation_precisions: null,
    horaires_accueil: null,
    nombre_semaines: null,
    volume_horaire_hebdomadaire: null,
  };
}

export function toStructure(row: OrganizationExportRow, ctx: ExportContext): DataInclusionStructure {
  const hasCommune = row.commune_insee !== null;
  return {
    source: sourceOf(ctx.slug),
    id: row.id,
    nom: dataInclusionName(row.name),
    description: longEnough(row.description) ? cut(row.description, DESCRIPTION_MAX) : null,
    siret: row.siret && /^\d{14}$/.test(row.siret) ? row.siret : null,
    adresse: orNull(row.address),
    complement_adresse: null,
    code_insee: row.commune_insee,
    commune: hasCommune ? row.commune_name : null,
    code_postal: hasCommune ? postcode(row.commune_postcode) : null,
    latitude: row.lat,
    longitude: row.lng,
    site_web: schemaUrl(row.website),
    courriel: schemaEmail(row.email),
    telephone: orNull(row.phone),
    date_maj: parisDate(row.updated_at),
    lien_source: `${ctx.publicUrl}/${ctx.slug}/structures/${row.id}`,
    reseaux_porteurs: null,
    horaires_accueil: null,
    accessibilite_lieu: null,
  };
}
