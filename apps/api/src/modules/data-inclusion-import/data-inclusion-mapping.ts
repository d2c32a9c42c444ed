// data·inclusion record → the catalogue's structure or offer (the reverse of the export's mapping,
// docs/donnees-ouvertes.md), with the product's own checks: communes of the département, zone
// codes, the lengths of LIMITS, the offers' cross-field rules. Pure: the caller gives the reference
// data it needs.
import { isValidSiret } from '@catalogue/domain';
import { isEmailAddress, isPhoneNumber, LIMITS, offerFieldErrors, type ImportLineError } from '@catalogue/contracts';
import type { OfferInput, OrganizationInput, PlaceInput } from '../../database/catalogue-writer.js';

export interface CommuneFacts {
  insee: string;
  name: string;
  departement: string;
  epci: string | null;
  lat: number;
  lng: number;
}

export interface MappingContext {
  /** The tenant's département code. */
  departement: string;
  communes: Map<string, CommuneFacts>;
  /** EPCI SIRENs that reach the département. */
  epcis: Set<string>;
}

type R = Record<string, unknown>;
const text = (r: R, f: string): string | null => (typeof r[f] === 'string' && r[f].trim() ? r[f].trim() : null);
const list = (r: R, f: string): string[] => (Array.isArray(r[f]) ? (r[f] as string[]) : []);
const num = (r: R, f: string): number | null => (typeof r[f] === 'number' ? r[f] : null);

/** The key that makes an import idempotent: the record's source and its id there. */
export const sourceKey = (source: string, id: string): string => `di:${source}:${id}`;

function tooLong(errors: ImportLineError[], field: string, value: string | null, max: number): void {
  if (value && value.length > max)
    errors.push({ column: field, message: `${field} : ${max.toLocaleString('fr-FR')} caractères au plus` });
}

/** A commune of the département, or the reason it is refused. */
function communeOf(ctx: MappingContext, code: string, errors: ImportLineError[], field = 'code_insee') {
  const c = ctx.communes.get(code);
  if (!c) errors.push({ column: field, message: `${field} : commune inconnue « ${code} »` });
  else if (c.departement !== ctx.departement)
    errors.push({
      column: field,
      message: `${field} : la commune « ${code} » (${c.name}) n’est pas dans le département (${ctx.departement})`,
    });
  else return c;
  return null;
}

/** A record's email and phone, each checked like the product's own forms (a bad one is an error of its field). */
function contactOf(r: R, errors: ImportLineError[]): { email: string | null; phone: string | null } {
  const email = text(r, 'courriel');
  if (email && !isEmailAddress(email))
    errors.push({ column: 'courriel', message: `courriel : adresse « ${email} » invalide` });
  const phone = text(r, 'telephone');
  if (phone && !isPhoneNumber(phone))
    errors.push({ column: 'telephone', message: `telephone : numéro « ${phone} » invalide` });
  return { email, phone };
}

export function mapStructure(
  r: R,
  ctx: MappingContext,
): { input: Omit<OrganizationInput, 'kind' | 'status'>; errors: ImportLineError[] } {
  const errors: ImportLineError[] = [];
  const insee = text(r, 'code_insee');
  if (insee) communeOf(ctx, insee, errors);
  const siret = text(r, 'siret');
  if (siret && !isValidSiret(siret)) errors.push({ column: 'siret', message: `siret : numéro « ${siret} » invalide` });
  const { email, phone } = contactOf(r, errors);
  const input = {
    sourceKey: sourceKey(String(r.source), String(r.id)),
    name: text(r, 'nom') ?? '',
    siret,
    description: text(r, 'description') ?? '',
    address: text(r, 'adresse') ?? '',
    communeInsee: insee,
    lat: num(r, 'latitude'),
    lng: num(r, 'longitude'),
    website: text(r, 'site_web'),
    email,
    phone,
  };
  tooLong(errors, 'nom', input.name, LIMITS.organization.name);
  tooLong(errors, 'description', input.description, LIMITS.organization.description);
  tooLong(errors, 'adresse', input.address, LIMITS.organization.address);
  tooLong(errors, 'site_web', input.website, LIMITS.organization.website);
  return { input, errors };
}

/** The description's first sentence, cut to the summary's limit. */
export function summaryOf(description: string): string {
  const first = description.split(/(?<=[.!?…])\s/)[0]!.trim();
  const max = LIMITS.offer.summary;
  return first.length <= max ? first : `${first.slice(0, max - 1)}…`;
}

export type ServiceContent = Omit<OfferInput, 'organizationId' | 'organizationName' | 'status' | 'sessions'>;

function zoneOf(r: R, ctx: MappingContext, errors: ImportLineError[]): Pick<ServiceContent, 'zoneType' | 'zoneCodes'> {
  const codes = list(r, 'zone_eligibilite');
  const whole = { zoneType: 'departement' as const, zoneCodes: [] };
  if (codes.length === 0 || (codes.length === 1 && codes[0] === ctx.departement)) return whole;
  const field = 'zone_eligibilite';
  if (codes.every((c) => /^\d{9}$/.test(c))) {
    const unknown = codes.filter((c) => !ctx.epcis.has(c));
    if (unknown.length)
      errors.push({ column: field, message: `${field} : EPCI hors du département « ${unknown.join(' | ')} »` });
    return { zoneType: 'epci', zoneCodes: codes };
  }
  if (codes.every((c) => c.length === 5)) {
    const outside = codes.filter((c) => ctx.communes.get(c)?.departement !== ctx.departement);
    if (outside.length)
      errors.push({
        column: field,
        message: `${field} : commune hors du département (${ctx.departement}) « ${outside.slice(0, 5).join(' | ')} »`,
      });
    return { zoneType: 'communes', zoneCodes: codes };
  }
  errors.push({
    column: field,
    message: `${field} : codes « ${codes.slice(0, 5).join(' | ')} » : attendu le département (${ctx.departement}), des communes ou des EPCI du département`,
  });
  return whole;
}

export function mapService(r: R, ctx: MappingContext): { content: ServiceContent; errors: ImportLineError[] } {
  const errors: ImportLineError[] = [];
  const title = text(r, 'nom') ?? '';
  const description = text(r, 'description') ?? '';
  const themes = list(r, 'thematiques');
  if (themes.length === 0)
    errors.push({ column: 'thematiques', message: 'thematiques : au moins une thématique est nécessaire' });
  const mobilisers = list(r, 'mobilisable_par');
  const modes = list(r, 'modes_mobilisation');
  const link = text(r, 'lien_mobilisation');
  const access = !mobilisers.includes('usagers')
    ? 'prescription'
    : link && modes.includes('utiliser-lien-mobilisation')
      ? 'self_registration'
      : 'open';
  const insee = text(r, 'code_insee');
  const address = text(r, 'adresse');
  const places: PlaceInput[] = [];
  const commune = insee ? communeOf(ctx, insee, errors) : null;
  if (commune && address)
    places.push({
      label: text(r, 'complement_adresse'),
      address,
      communeInsee: commune.insee,
      communeName: commune.name,
      lat: num(r, 'latitude') ?? commune.lat,
      lng: num(r, 'longitude') ?? commune.lng,
    });
  const { email, phone } = contactOf(r, errors);
  const content: ServiceContent = {
    sourceKey: sourceKey(String(r.source), String(r.id)),
    title,
    summary: summaryOf(description),
    description,
    themes,
    audiences: list(r, 'publics'),
    serviceTypes: text(r, 'type') ? [text(r, 'type')!] : [],
    eligibility: text(r, 'conditions_acces') ?? '',
    cost: (text(r, 'frais') ?? 'gratuit') as ServiceContent['cost'],
    costDetails: text(r, 'frais_precisions'),
    modes: list(r, 'modes_accueil'),
    access,
    mobilisation: access === 'self_registration' ? modes.filter((m) => m !== 'utiliser-lien-mobilisation') : modes,
    ...zoneOf(r, ctx, errors),
    contactName: text(r, 'contact_nom_prenom'),
    contactEmail: email,
    contactPhone: phone,
    places,
    funding: [],
  };
  tooLong(errors, 'nom', title, LIMITS.offer.title);
  tooLong(errors, 'description', description, LIMITS.offer.description);
  tooLong(errors, 'conditions_acces', content.eligibility, LIMITS.offer.eligibility);
  tooLong(errors, 'frais_precisions', content.costDetails ?? null, LIMITS.offer.costDetails);
  tooLong(errors, 'adresse', address, LIMITS.offer.address);
  tooLong(errors, 'complement_adresse', places[0]?.label ?? null, LIMITS.offer.label);
  tooLong(errors, 'contact_nom_prenom', content.contactName ?? null, LIMITS.offer.contactName);
  const FIELDS: Record<string, string> = { costDetails: 'frais_precisions', audiences: 'publics' };
  const RULES: Record<string, string> = {
    paidNeedsCostDetails: 'frais_precisions : obligatoire pour un service payant',
    allAudiencesAlone: 'publics : « tous-publics » ne se combine avec aucun autre public',
  };
  for (const e of offerFieldErrors({
    cost: content.cost,
    costDetails: content.costDetails,
    audiences: content.audiences,
  }))
    errors.push({ column: FIELDS[e.field] ?? e.field, message: RULES[e.rule] ?? e.message });
  return { content, errors };
}
