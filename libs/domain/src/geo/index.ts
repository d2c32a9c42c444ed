// Offline geography (Node only: reads the JSON files shipped in data/geo).
import { readFileSync } from 'node:fs';

export interface Commune {
  insee: string;
  name: string;
  postcodes: string[];
  departement: string;
  epci: string | null;
  lat: number;
  lng: number;
  population: number;
  /** True when the position is estimated (GeoNames lacks the commune). */
  approx: boolean;
}

export interface Departement {
  code: string;
  name: string;
  region: string;
  chefLieu: string;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
}

export interface Epci {
  code: string;
  name: string;
  type: string;
}

const dataFile = (name: string): URL => new URL(`../../../data/geo/${name}`, import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(dataFile(name), 'utf8')) as T;

type CommuneRow = [string, string, string, string, string, number, number, number, number];

let communes: Commune[] | undefined;
export function loadCommunes(): Commune[] {
  communes ??= readJson<{ rows: CommuneRow[] }>('communes.json').rows.map(
    ([insee, name, postcodes, departement, epci, lat, lng, population, approx]) => ({
      insee,
      name,
      postcodes: postcodes ? postcodes.split(' ') : [],
      departement,
      epci: epci || null,
      lat,
      lng,
      population,
      approx: approx === 1,
    }),
  );
  return communes;
}

export function loadDepartements(): Departement[] {
  return readJson<{ items: Departement[] }>('departements.json').items;
}

export function loadEpcis(): Epci[] {
  return readJson<{ rows: [string, string, string][] }>('epci.json').rows.map(([code, name, type]) => ({
    code,
    name,
    type,
  }));
}

/** GeoJSON outline of a département ([lng, lat] pairs). */
export type DepartementOutline =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

let outlines: Record<string, DepartementOutline> | undefined;
/** Simplified outlines by département code (Natural Earth 1:10m, public domain). */
export function loadDepartementOutlines(): Record<string, DepartementOutline> {
  outlines ??= readJson<{ items: Record<string, DepartementOutline> }>('departements-outlines.json').items;
  return outlines;
}
