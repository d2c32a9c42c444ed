#!/usr/bin/env node
// Checks the demo data files (libs/domain/data/demo/*.json) against FORMAT.md and the reference data.
// Usage: node scripts/validate-demo.mjs [slug ...]
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'libs/domain/data');
const load = (p) => JSON.parse(readFileSync(join(data, p), 'utf8'));
const codes = (f) => new Set(load(`data-inclusion/${f}.json`).map((x) => x.value));
const THEMES = codes('thematiques');
const PUBLICS = codes('publics');
const TYPES = codes('types-de-services');
const FRAIS = codes('frais');
const MODES = codes('modes-accueil');
const MOBILISATION = codes('modes-mobilisation');
const KINDS = new Set(['association', 'siae', 'training_body', 'local_authority', 'ccas', 'public_employment_service', 'mission_locale', 'health_body', 'social_landlord', 'other']);
const FUNDING = new Set(['pdi', 'fse', 'etat', 'france_travail', 'caf', 'region', 'commune_epci', 'autofinancement']);
const ACCESS = new Set(['prescription', 'self_registration', 'open']);
const ZONES = new Set(['communes', 'epci', 'territory', 'departement']);
const communes = new Map(load('geo/communes.json').rows.map((r) => [r[0], { dep: r[3], epci: r[4] }]));
const epcis = new Set(load('geo/epci.json').rows.map((r) => r[0]));
const SLUGS = { drome: '26', isere: '38', 'saone-et-loire': '71', 'indre-et-loire': '37' };

let failures = 0;
for (const slug of process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SLUGS)) {
  const file = join(data, 'demo', `${slug}.json`);
  if (!existsSync(file)) {
    console.log(`${slug}: no file yet`);
    continue;
  }
  const errors = [];
  const err = (where, msg) => errors.push(`${where}: ${msg}`);
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${slug}: invalid JSON: ${e.message}`);
    failures++;
    continue;
  }
  const dep = SLUGS[slug];
  if (doc.tenant !== dep) err('tenant', `expected "${dep}"`);
  const inDep = (insee, where) => {
    const c = communes.get(insee);
    if (!c) err(where, `unknown commune ${insee}`);
    else if (c.dep !== dep) err(where, `commune ${insee} is not in ${dep}`);
  };
  const epciInDep = (code, where) => {
    if (!epcis.has(code)) err(where, `unknown EPCI ${code}`);
    else if (![...communes.values()].some((c) => c.epci === code && c.dep === dep)) err(where, `EPCI ${code} has no commune in ${dep}`);
  };
  const territories = new Set();
  for (const [i, t] of (doc.territories ?? []).entries()) {
    const w = `territories[${i}]`;
    if (!/^[a-z0-9-]+$/.test(t.code ?? '')) err(w, 'code must be kebab-case');
    if (territories.has(t.code)) err(w, `duplicate code ${t.code}`);
    territories.add(t.code);
    if (!t.name) err(w, 'name required');
    for (const e of t.epcis ?? []) epciInDep(e, w);
    for (const c of t.communes ?? []) inDep(c, w);
    if (!(t.epcis?.length || t.communes?.length)) err(w, 'needs epcis or communes');
  }
  const orgs = new Set();
  for (const [i, o] of (doc.organizations ?? []).entries()) {
    const w = `organizations[${i}] ${o.key}`;
    if (!/^[a-z0-9-]+$/.test(o.key ?? '')) err(w, 'key must be kebab-case');
    if (orgs.has(o.key)) err(w, 'duplicate key');
    orgs.add(o.key);
    for (const f of ['name', 'description', 'address', 'communeInsee']) if (!o[f]) err(w, `${f} required`);
    if (!KINDS.has(o.kind)) err(w, `kind ${o.kind}`);
    inDep(o.communeInsee, w);
    for (const f of ['website', 'email']) if (o[f] && !String(o[f]).includes('.example')) err(w, `${f} must use a .example domain`);
  }
  const offers = new Set();
  const usedOrgs = new Set();
  let selfReg = 0;
  let withSessions = 0;
  for (const [i, o] of (doc.offers ?? []).entries()) {
    const w = `offers[${i}] ${o.key}`;
    if (!/^[a-z0-9-]+$/.test(o.key ?? '')) err(w, 'key must be kebab-case');
    if (offers.has(o.key)) err(w, 'duplicate key');
    offers.add(o.key);
    if (!orgs.has(o.organization)) err(w, `unknown organization ${o.organization}`);
    usedOrgs.add(o.organization);
    for (const f of ['title', 'summary', 'description', 'eligibility']) if (!o[f]) err(w, `${f} required`);
    if ((o.summary ?? '').length > 160) err(w, 'summary over 160 characters');
    if ((o.title ?? '').length > 120) err(w, 'title over 120 characters');
    const list = (name, set, min = 1) => {
      const v = o[name];
      if (!Array.isArray(v) || v.length < min) err(w, `${name}: at least ${min}`);
      for (const x of v ?? []) if (!set.has(x)) err(w, `${name}: unknown code ${x}`);
    };
    list('themes', THEMES);
    list('audiences', PUBLICS);
    list('serviceTypes', TYPES);
    list('modes', MODES);
    list('mobilisation', MOBILISATION);
    list('funding', FUNDING, 0);
    if ((o.audiences ?? []).includes('tous-publics') && o.audiences.length > 1) err(w, 'tous-publics stands alone');
    if (!FRAIS.has(o.cost)) err(w, `cost ${o.cost}`);
    if (o.cost === 'payant' && !o.costDetails) err(w, 'costDetails required when payant');
    if (!ACCESS.has(o.access)) err(w, `access ${o.access}`);
    if (o.access === 'self_registration') selfReg++;
    if (!Array.isArray(o.places)) err(w, 'places must be an array');
    for (const [j, p] of (o.places ?? []).entries()) {
      if (!p.address) err(`${w} places[${j}]`, 'address required');
      inDep(p.communeInsee, `${w} places[${j}]`);
    }
    if ((o.places ?? []).length === 0 && !(o.modes ?? []).includes('a-distance')) err(w, 'no place: modes must include a-distance');
    if ((o.places ?? []).length > 0 && !(o.modes ?? []).includes('en-presentiel')) err(w, 'places given: modes must include en-presentiel');
    const z = o.zone ?? {};
    if (!ZONES.has(z.type)) err(w, `zone.type ${z.type}`);
    if (z.type === 'communes') (z.codes ?? []).forEach((c) => inDep(c, `${w} zone`));
    if (z.type === 'epci') (z.codes ?? []).forEach((c) => epciInDep(c, `${w} zone`));
    if (z.type === 'territory') (z.codes ?? []).forEach((c) => territories.has(c) || err(`${w} zone`, `unknown territory ${c}`));
    if (z.type !== 'departement' && !(z.codes ?? []).length) err(w, 'zone.codes required');
    if (!o.contact?.name || !(o.contact?.email || o.contact?.phone)) err(w, 'contact needs name and email or phone');
    if (o.contact?.email && !o.contact.email.includes('.example')) err(w, 'contact email must use a .example domain');
    if (!Array.isArray(o.sessions)) err(w, 'sessions must be an array');
    if ((o.sessions ?? []).length) withSessions++;
    for (const [j, s] of (o.sessions ?? []).entries()) {
      const sw = `${w} sessions[${j}]`;
      if (!Number.isInteger(s.startInDays)) err(sw, 'startInDays integer');
      if (!Number.isInteger(s.durationDays) || s.durationDays < 0) err(sw, 'durationDays integer ≥ 0');
      if (!Number.isInteger(s.capacity) || s.capacity < 1) err(sw, 'capacity ≥ 1');
      if (!Number.isInteger(s.booked) || s.booked < 0 || s.booked > s.capacity) err(sw, '0 ≤ booked ≤ capacity');
    }
    const text = `${o.title} ${o.summary} ${o.description}`.toLowerCase();
    if (/lorem|ipsum|todo|xxx/.test(text)) err(w, 'placeholder text');
  }
  const n = offers.size;
  if (n < 60) err('offers', `${n} offers, need ≥ 60`);
  if (usedOrgs.size < 20) err('organizations', `${usedOrgs.size} organizations with offers, need ≥ 20`);
  if (selfReg < n * 0.2) err('offers', `only ${selfReg} self_registration offers, want ≥ 20 %`);
  if (withSessions < n * 0.3) err('offers', `only ${withSessions} offers with sessions, want ≥ 30 %`);
  console.log(`${slug}: ${orgs.size} organizations, ${n} offers (${selfReg} self-registration, ${withSessions} with sessions), ${territories.size} territories: ${errors.length ? `${errors.length} ERRORS` : 'OK'}`);
  for (const e of errors.slice(0, 50)) console.log(`  - ${e}`);
  if (errors.length) failures++;
}
process.exit(failures ? 1 : 0);
