// The partners' spreadsheet, line by line: a row of strings becomes the offer write shape, or the
// French errors of its columns. Pure (the API passes the code lists and the département's
// communes), written once beside the columns it reads; the field limits are the offer's (LIMITS).
import type { OfferWrite, OfferZoneWrite, UpdateFrequencyMonths } from './backoffice.js';
import { IMPORT_LIMITS, SPREADSHEET_COLUMNS, type ImportLineError } from './interop.js';
import { isEmailAddress, isPhoneNumber, LIMITS, offerFieldErrors } from './rules.js';

/** What a line is checked against: the référentiels' codes and the tenant's geography. */
export interface SpreadsheetReference {
  /** The département's code (`26`) and its name in a sentence (« de la Drôme »). */
  departement: string;
  ofDepartement: string;
  themes: ReadonlySet<string>;
  audiences: ReadonlySet<string>;
  serviceTypes: ReadonlySet<string>;
  receptionModes: ReadonlySet<string>;
  mobilisationModes: ReadonlySet<string>;
  /** The département's communes by INSEE code (the place's coordinates are the commune's centre). */
  communes: ReadonlyMap<string, { lat: number; lng: number }>;
  /** SIREN of the EPCI that reach the département. */
  epcis: ReadonlySet<string>;
}

/** A good line: the offer to create (its organisation is the structure that imports). */
export type SpreadsheetOffer = OfferWrite & { updateFrequencyMonths: UpdateFrequencyMonths };

export type SpreadsheetLine = { offer: SpreadsheetOffer; errors: [] } | { offer: null; errors: ImportLineError[] };

/** A header cell as people type it: case, accents, spaces and dashes do not matter. */
export function normalizeColumnName(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export interface HeaderCheck {
  /** The known columns' positions in the file. */
  positions: Map<string, number>;
  /** French problems that refuse the whole file (unknown, missing or repeated columns). */
  problems: string[];
}

const KNOWN = new Set(SPREADSHEET_COLUMNS.map((c) => c.name));

/** The header row: every required column present once, no column the template does not have. */
export function checkSpreadsheetHeader(header: readonly string[]): HeaderCheck {
  const positions = new Map<string, number>();
  const problems: string[] = [];
  header.forEach((raw, i) => {
    const name = normalizeColumnName(raw);
    if (name === '' && i === header.length - 1) return; // a trailing separator
    if (!KNOWN.has(name)) problems.push(`Colonne inconnue « ${raw.trim() || `n° ${i + 1} (sans nom)`} » en ligne 1`);
    else if (positions.has(name)) problems.push(`Colonne « ${name} » présente deux fois`);
    else positions.set(name, i);
  });
  const missing = SPREADSHEET_COLUMNS.filter((c) => c.required && !positions.has(c.name)).map((c) => `« ${c.name} »`);
  if (missing.length)
    problems.push(
      missing.length === 1
        ? `Colonne obligatoire absente : ${missing[0]}`
        : `Colonnes obligatoires absentes : ${missing.join(', ')}`,
    );
  return { positions, problems };
}

const FREQUENCIES: Record<string, UpdateFrequencyMonths> = { '3': 3, '6': 6, '12': 12 };
const INSEE = /^[0-9][0-9AB][0-9]{3}$/;
const SIREN = /^[0-9]{9}$/;

/** A line of the file (cells by column name, missing columns empty) → the offer, or its errors. */
export function spreadsheetLine(cells: Readonly<Record<string, string>>, ref: SpreadsheetReference): SpreadsheetLine {
  const errors: ImportLineError[] = [];
  const fail = (column: string, message: string) => errors.push({ column, message });
  const cell = (column: string) => (cells[column] ?? '').trim();
  const text = (column: string, max: number, what: string) => {
    const v = cell(column);
    if (v.length > max)
      fail(column, `${what} : ${v.length.toLocaleString('fr-FR')} caractères, ${max.toLocaleString('fr-FR')} au plus`);
    return v;
  };
  const codes = (column: string, known: ReadonlySet<string>, what: string) => {
    const list = [
      ...new Set(
        cell(column)
          .split('|')
          .map((c) => c.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    const unknown = list.filter((c) => !known.has(c));
    if (unknown.length)
      fail(
        column,
        `${unknown.length > 1 ? 'Codes inconnus' : 'Code inconnu'} ${unknown.map((c) => `« ${c} »`).join(', ')} dans « ${column} » (${what})`,
      );
    return list;
  };

  const title = text('titre', LIMITS.offer.title, 'Titre');
  if (!title) fail('titre', 'Titre manquant');
  const summary = text('resume', LIMITS.offer.summary, 'Résumé');
  const description = text('description', LIMITS.offer.description, 'Description');

  const themes = codes('thematiques', ref.themes, 'voir la liste des thématiques data·inclusion');
  if (!cell('thematiques')) fail('thematiques', 'Au moins une thématique est obligatoire');
  const audiences = codes('publics', ref.audiences, 'voir la liste des publics data·inclusion');
  const serviceTypes = codes('types', ref.serviceTypes, 'voir la liste des types de service');
  const modes = codes('modes_accueil', ref.receptionModes, '« en-presentiel » ou « a-distance »');
  const mobilisationModes = codes(
    'modes_mobilisation',
    ref.mobilisationModes,
    'voir la liste des modes de mobilisation',
  );

  const access = cell('acces');
  if (!access) fail('acces', 'Mode d’accès manquant : « prescription », « self_registration » ou « open »');
  else if (!['prescription', 'self_registration', 'open'].includes(access))
    fail('acces', `Mode d’accès « ${access} » inconnu : « prescription », « self_registration » ou « open »`);

  const costCell = cell('frais').toLowerCase() || 'gratuit';
  if (costCell !== 'gratuit' && costCell !== 'payant')
    fail('frais', `Frais « ${cell('frais')} » : « gratuit » ou « payant »`);
  const cost = costCell === 'payant' ? 'payant' : 'gratuit';
  const costDetails = text('precisions_frais', LIMITS.offer.costDetails, 'Précisions sur les frais');
  const eligibility = text('conditions_acces', LIMITS.offer.eligibility, 'Conditions d’accès');

  // The place: a commune of the département and an address; its point is the commune's centre.
  let insee = cell('commune_insee').toUpperCase();
  if (/^[0-9]{4}$/.test(insee)) insee = `0${insee}`; // a spreadsheet that took the code for a number
  const address = text('adresse', LIMITS.offer.address, 'Adresse');
  const label = text('lieu', LIMITS.offer.label, 'Nom du lieu');
  const commune = ref.communes.get(insee);
  if (!insee) fail('commune_insee', 'Code INSEE de la commune manquant');
  else if (!INSEE.test(insee))
    fail('commune_insee', `« ${cell('commune_insee')} » n’est pas un code INSEE de commune (5 caractères)`);
  else if (!commune) fail('commune_insee', `La commune « ${insee} » n’est pas une commune ${ref.ofDepartement}`);
  if (!address) fail('adresse', 'Adresse manquante');

  const diffusionZone = zoneOf(cell('zone_diffusion'), ref, fail);

  const contactName = text('contact_nom', LIMITS.offer.contactName, 'Nom du contact');
  const contactEmail = cell('contact_courriel');
  if (contactEmail && !isEmailAddress(contactEmail))
    fail('contact_courriel', `« ${contactEmail} » n’est pas une adresse électronique valide`);
  const contactPhone = cell('contact_telephone');
  if (contactPhone && !isPhoneNumber(contactPhone))
    fail('contact_telephone', `« ${contactPhone} » n’est pas un numéro de téléphone valide`);

  const frequency = cell('frequence_mise_a_jour');
  const updateFrequencyMonths = frequency ? FREQUENCIES[frequency.replace(/\s*mois$/i, '')] : 6;
  if (!updateFrequencyMonths) fail('frequence_mise_a_jour', `Fréquence « ${frequency} » : 3, 6 ou 12 (mois)`);

  // The cross-field rules every offer follows (rules.ts), in the spreadsheet's words.
  for (const e of offerFieldErrors({ cost, costDetails, audiences })) {
    if (e.rule === 'paidNeedsCostDetails')
      fail('precisions_frais', 'Une action payante précise ses frais dans « precisions_frais »');
    if (e.rule === 'allAudiencesAlone') fail('publics', '« tous-publics » ne se combine avec aucun autre public');
  }

  if (errors.length) return { offer: null, errors: capped(errors) };
  return {
    errors: [],
    offer: {
      title,
      summary: summary || firstSentence(description),
      description,
      themes,
      audiences,
      serviceTypes,
      eligibility,
      cost,
      costDetails: costDetails || null,
      modes: modes.length ? modes : ['en-presentiel'],
      access: access as OfferWrite['access'],
      mobilisationModes,
      places: [{ label: label || null, address, communeInsee: insee, lat: commune!.lat, lng: commune!.lng }],
      diffusionZone: diffusionZone!,
      contact: { name: contactName || null, email: contactEmail || null, phone: contactPhone || null },
      updateFrequencyMonths: updateFrequencyMonths!,
    },
  };
}

/** Empty or the département's code: all of it; else communes of it or EPCI reaching it, one kind. */
function zoneOf(
  value: string,
  ref: SpreadsheetReference,
  fail: (column: string, message: string) => void,
): OfferZoneWrite | null {
  const list = [
    ...new Set(
      value
        .split('|')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
  if (list.length === 0 || (list.length === 1 && list[0] === ref.departement)) return { type: 'departement' };
  const column = 'zone_diffusion';
  if (list.length > LIMITS.offer.zoneAreas) {
    fail(column, `${LIMITS.offer.zoneAreas} codes au plus`);
    return null;
  }
  if (list.every((c) => SIREN.test(c))) {
    const outside = list.filter((c) => !ref.epcis.has(c));
    if (outside.length) fail(column, `EPCI ${outside.map((c) => `« ${c} »`).join(', ')} hors du département`);
    return { type: 'epci', areas: list.map((code) => ({ code })) };
  }
  if (list.every((c) => INSEE.test(c))) {
    const outside = list.filter((c) => !ref.communes.has(c));
    if (outside.length)
      fail(
        column,
        `${outside.length > 1 ? 'Communes' : 'Commune'} ${outside.map((c) => `« ${c} »`).join(', ')} hors du département`,
      );
    return { type: 'communes', areas: list.map((code) => ({ code })) };
  }
  fail(
    column,
    `« ${value} » : le code du département, des codes INSEE de communes ou des SIREN d’EPCI (une seule sorte), séparés par « | »`,
  );
  return null;
}

/** The summary when the line gives none: the description's first sentence, within the limit. */
function firstSentence(description: string): string {
  const sentence = description.split(/(?<=[.!?…])\s/)[0] ?? '';
  return sentence.length <= LIMITS.offer.summary ? sentence : `${sentence.slice(0, LIMITS.offer.summary - 1)}…`;
}

function capped(errors: ImportLineError[]): ImportLineError[] {
  const max = IMPORT_LIMITS.errorsPerLine;
  if (errors.length <= max) return errors;
  return [
    ...errors.slice(0, max - 1),
    { column: '', message: `Et ${errors.length - max + 1} autres erreurs sur cette ligne` },
  ];
}
