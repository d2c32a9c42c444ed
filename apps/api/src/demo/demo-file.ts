// The demo data file format (libs/domain/data/demo/FORMAT.md) and its checks against the
// reference data. A file that fails is refused whole, with every problem listed.
import {
  ACCESS_MODE_CODES,
  ALL_AUDIENCES,
  AUDIENCE_CODES,
  COST_CODES,
  DEMO_TENANTS,
  FUNDING_SOURCE_CODES,
  MOBILISATION_MODE_CODES,
  ORGANIZATION_KIND_CODES,
  RECEPTION_MODE_CODES,
  SERVICE_TYPE_CODES,
  THEME_CODES,
} from '@catalogue/domain';
import { loadCommunes, loadEpcis } from '@catalogue/domain/geo';
import { LIMITS, SEAT_ALLOCATIONS } from '@catalogue/contracts';
import type { OfferFields } from '../database/catalogue-writer.js';

export interface DemoFile {
  tenant: string;
  territories: { code: string; name: string; epcis: string[]; communes: string[] }[];
  organizations: {
    key: string;
    name: string;
    kind: string;
    description: string;
    address: string;
    communeInsee: string;
    website?: string;
    email?: string;
    phone?: string;
  }[];
  /** The offer's own fields as the writer takes them (OfferFields, from the contract), and the file's references. */
  offers: (Omit<OfferFields, 'access'> & {
    key: string;
    organization: string;
    /** Checked against the access modes, then narrowed. */
    access: string;
    mobilisation: string[];
    places: { label?: string | null; address: string; communeInsee: string }[];
    zone: { type: string; codes: string[] };
    contact: { name: string; email?: string; phone?: string };
    sessions: {
      startInDays: number;
      durationDays: number;
      /** Europe/Paris wall-clock times, "HH:MM": when the first day starts and the last one ends. */
      startTime?: string;
      endTime?: string;
      capacity: number;
      booked: number;
    }[];
  })[];
}

export class DemoFileError extends Error {
  constructor(
    readonly slug: string,
    readonly problems: string[],
  ) {
    super(`${slug}: ${problems.length} problem(s) in the demo file:\n  - ${problems.slice(0, 40).join('\n  - ')}`);
  }
}

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
/** A session's default hours (Europe/Paris). */
export const DEMO_SESSION_HOURS = { startTime: '09:00', endTime: '17:00' } as const;
const ZONE_TYPES = new Set(['communes', 'epci', 'territory', 'departement']);

/** Checks a parsed demo file; returns it typed, or throws DemoFileError listing every problem. */
export function parseDemoFile(raw: unknown, slug: string): DemoFile {
  const doc = raw as DemoFile;
  const problems: string[] = [];
  const err = (where: string, msg: string) => problems.push(`${where}: ${msg}`);
  const dep = DEMO_TENANTS.find((t) => t.slug === slug)?.code;
  if (!dep) throw new DemoFileError(slug, ['not a demo tenant']);
  if (doc?.tenant !== dep) err('tenant', `expected "${dep}"`);

  const communes = new Map(
    loadCommunes()
      .filter((c) => c.departement === dep)
      .map((c) => [c.insee, c]),
  );
  const depEpcis = new Set([...communes.values()].flatMap((c) => (c.epci ? [c.epci] : [])));
  const knownEpcis = new Set(loadEpcis().map((e) => e.code));
  const commune = (insee: unknown, where: string) =>
    communes.has(String(insee)) || err(where, `commune ${String(insee)} is not in ${dep}`);
  const epci = (code: string, where: string) =>
    depEpcis.has(code) ||
    err(where, knownEpcis.has(code) ? `EPCI ${code} has no commune in ${dep}` : `unknown EPCI ${code}`);
  const unique = (seen: Set<string>, key: unknown, where: string) => {
    if (typeof key !== 'string' || !KEY.test(key)) err(where, 'key must be kebab-case');
    else if (seen.has(key)) err(where, `duplicate ${key}`);
    else seen.add(key);
  };
  const list = (where: string, name: string, value: unknown, codes: ReadonlySet<string>, min = 1) => {
    if (!Array.isArray(value) || value.length < min) return err(where, `${name}: at least ${min} code(s)`);
    for (const v of value) if (!codes.has(v)) err(where, `${name}: unknown code ${String(v)}`);
  };
  const text = (where: string, o: Record<string, unknown>, fields: string[]) =>
    fields.forEach((f) => (typeof o[f] === 'string' && (o[f] as string).trim()) || err(where, `${f} required`));

  const territories = new Set<string>();
  for (const [i, t] of (doc?.territories ?? []).entries()) {
    const w = `territories[${i}]`;
    unique(territories, t.code, w);
    text(w, t, ['name']);
    (t.epcis ?? []).forEach((e) => epci(e, w));
    (t.communes ?? []).forEach((c) => commune(c, w));
    if (!(t.epcis?.length || t.communes?.length)) err(w, 'needs epcis or communes');
    t.epcis ??= [];
    t.communes ??= [];
  }
  const orgs = new Set<string>();
  for (const [i, o] of (doc?.organizations ?? []).entries()) {
    const w = `organizations[${i}]`;
    unique(orgs, o.key, w);
    text(w, o, ['name', 'description', 'address']);
    if (!ORGANIZATION_KIND_CODES.has(o.kind)) err(w, `kind ${o.kind}`);
    commune(o.communeInsee, w);
  }
  const offers = new Set<string>();
  for (const [i, o] of (doc?.offers ?? []).entries()) {
    const w = `offers[${i}] ${o.key}`;
    unique(offers, o.key, w);
    if (!orgs.has(o.organization)) err(w, `unknown organization ${o.organization}`);
    text(w, o, ['title', 'summary', 'description', 'eligibility']);
    if ((o.summary ?? '').length > 160) err(w, 'summary over 160 characters');
    list(w, 'themes', o.themes, THEME_CODES);
    list(w, 'audiences', o.audiences, AUDIENCE_CODES);
    if (o.audiences?.includes(ALL_AUDIENCES) && o.audiences.length > 1) err(w, `${ALL_AUDIENCES} stands alone`);
    list(w, 'serviceTypes', o.serviceTypes, SERVICE_TYPE_CODES);
    list(w, 'modes', o.modes, RECEPTION_MODE_CODES);
    list(w, 'mobilisation', o.mobilisation, MOBILISATION_MODE_CODES);
    list(w, 'funding', o.funding, FUNDING_SOURCE_CODES, 0);
    if (!COST_CODES.has(o.cost)) err(w, `cost ${o.cost}`);
    if (!ACCESS_MODE_CODES.has(o.access)) err(w, `access ${o.access}`);
    if (o.seatAllocation !== undefined && !SEAT_ALLOCATIONS.includes(o.seatAllocation))
      err(w, `seatAllocation ${o.seatAllocation}`);
    const cutoff = o.cancellationCutoffHours;
    if (
      cutoff !== undefined &&
      (!Number.isInteger(cutoff) || cutoff < 0 || cutoff > LIMITS.registration.cutoffHoursMax)
    )
      err(w, `cancellationCutoffHours must be an integer within 0..${LIMITS.registration.cutoffHoursMax}`);
    if (!Array.isArray(o.places)) err(w, 'places must be a list');
    (o.places ?? []).forEach((p, j) => {
      text(`${w} places[${j}]`, p, ['address']);
      commune(p.communeInsee, `${w} places[${j}]`);
    });
    if (!o.places?.length && !o.modes?.includes('a-distance')) err(w, 'no place: modes must include a-distance');
    if (!ZONE_TYPES.has(o.zone?.type)) err(w, `zone.type ${o.zone?.type}`);
    else {
      const codes = o.zone.codes ?? [];
      if (o.zone.type === 'communes') codes.forEach((c) => commune(c, `${w} zone`));
      if (o.zone.type === 'epci') codes.forEach((c) => epci(c, `${w} zone`));
      if (o.zone.type === 'territory')
        codes.forEach((c) => territories.has(c) || err(`${w} zone`, `unknown territory ${c}`));
      if (o.zone.type !== 'departement' && codes.length === 0) err(w, 'zone.codes required');
      o.zone.codes = o.zone.type === 'departement' ? [] : codes;
    }
    if (!o.contact?.name || !(o.contact.email || o.contact.phone)) err(w, 'contact needs a name and an email or phone');
    if (!Array.isArray(o.sessions)) err(w, 'sessions must be a list');
    (o.sessions ?? []).forEach((s, j) => {
      const sw = `${w} sessions[${j}]`;
      if (!Number.isInteger(s.startInDays)) err(sw, 'startInDays must be an integer');
      if (!Number.isInteger(s.durationDays) || s.durationDays < 0) err(sw, 'durationDays must be an integer ≥ 0');
      if (!Number.isInteger(s.capacity) || s.capacity < 1) err(sw, 'capacity must be ≥ 1');
      if (!Number.isInteger(s.booked) || s.booked < 0 || s.booked > s.capacity)
        err(sw, 'booked must be within 0..capacity');
      for (const f of ['startTime', 'endTime'] as const)
        if (s[f] !== undefined && !TIME.test(String(s[f]))) err(sw, `${f} must read HH:MM`);
      const start = s.startTime ?? DEMO_SESSION_HOURS.startTime;
      const end = s.endTime ?? DEMO_SESSION_HOURS.endTime;
      if (s.durationDays === 0 && end <= start) err(sw, 'a one-day session ends after it starts');
    });
    if (/lorem|ipsum/i.test(`${o.title} ${o.summary} ${o.description}`)) err(w, 'placeholder text');
  }
  if (problems.length) throw new DemoFileError(slug, problems);
  return doc;
}
