// The whole search lives in the address bar: this module converts between the page's query string
// (French parameter names, shareable) and the search state, and from the state to the API query.
// Pure: no DOM, no React (unit-tested in node).
import { SEARCH_LIMITS } from '@catalogue/contracts';
import { formatBbox, parseBbox, type Bbox } from '../map/geometry.js';

export type ResultsView = 'liste' | 'carte';

export interface SearchState {
  /** Free text. */
  q: string;
  /** INSEE code of the chosen commune (search around its centre and its diffusion zones). */
  commune: string | null;
  /** "Around me": the browser's position. Ignored when a commune is chosen. */
  point: { lat: number; lng: number } | null;
  /** Radius around the commune or the point; null = the API's default. */
  radiusKm: number | null;
  themes: string[];
  audiences: string[];
  access: string[];
  modes: string[];
  /** Only offers with places left. */
  hasPlaces: boolean;
  /** "Search in this area": the map's box. */
  bbox: Bbox | null;
  page: number;
  /** Phone layout: which tab shows. */
  view: ResultsView;
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  commune: null,
  point: null,
  radiusKm: null,
  themes: [],
  audiences: [],
  access: [],
  modes: [],
  hasPlaces: false,
  bbox: null,
  page: 1,
  view: 'liste',
};

/** Radius choices offered in the form (km). */
export const RADIUS_CHOICES = [5, 10, 20, 30, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = SEARCH_LIMITS.defaultPageSize;
/** Pages beyond this are not reachable from the form (the API pages up to any number). */
const MAX_PAGE = 10_000;

const CODE = /^[a-z0-9][a-z0-9_-]{0,120}$/;
const INSEE = /^[0-9][0-9AB][0-9]{3}$/;
const LIST_KEYS = { themes: 'themes', audiences: 'publics', access: 'acces', modes: 'modes' } as const;
type ListKey = keyof typeof LIST_KEYS;

function parseNumber(raw: string | null, min: number, max: number): number | null {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

function parseList(raw: string | null): string[] {
  if (!raw) return [];
  return [
    ...new Set(
      raw
        .split(',')
        .map((c) => c.trim())
        .filter((c) => CODE.test(c)),
    ),
  ].sort();
}

/**
 * Reads a page's query string. Tolerant: a value typed or truncated by hand is dropped rather than
 * breaking the page (the API validates again what is kept).
 */
export function parseSearch(search: string | URLSearchParams): SearchState {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const q = (p.get('q') ?? '').trim().slice(0, SEARCH_LIMITS.maxQueryLength);
  const commune = p.get('commune')?.trim().toUpperCase() ?? '';
  const lat = parseNumber(p.get('lat'), -90, 90);
  const lng = parseNumber(p.get('lng'), -180, 180);
  const radius = parseNumber(p.get('rayon'), 0.1, SEARCH_LIMITS.maxRadiusKm);
  const page = parseNumber(p.get('page'), 1, MAX_PAGE);
  const lists = Object.fromEntries(
    (Object.keys(LIST_KEYS) as ListKey[]).map((k) => [k, parseList(p.get(LIST_KEYS[k]))]),
  ) as Record<ListKey, string[]>;
  const hasCommune = INSEE.test(commune);
  const point = !hasCommune && lat !== null && lng !== null ? { lat, lng } : null;
  return {
    q,
    commune: hasCommune ? commune : null,
    point,
    radiusKm: hasCommune || point ? radius : null,
    ...lists,
    hasPlaces: p.get('places') === '1',
    bbox: parseBbox(p.get('zone')),
    page: page === null ? 1 : Math.floor(page),
    view: p.get('vue') === 'carte' ? 'carte' : 'liste',
  };
}

/** Keeps commas readable in the address bar (codes never contain one). */
const enc = (v: string): string => encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%20/g, '+');
const coord = (n: number): string => String(Math.round(n * 1e4) / 1e4);

/** Canonical query string of a state ('' or '?…'): defaults are left out, lists are sorted. */
export function formatSearch(s: SearchState): string {
  const parts: [string, string][] = [];
  if (s.q) parts.push(['q', s.q]);
  if (s.commune) parts.push(['commune', s.commune]);
  else if (s.point) parts.push(['lat', coord(s.point.lat)], ['lng', coord(s.point.lng)]);
  if ((s.commune || s.point) && s.radiusKm !== null) parts.push(['rayon', String(s.radiusKm)]);
  for (const k of Object.keys(LIST_KEYS) as ListKey[]) {
    if (s[k].length) parts.push([LIST_KEYS[k], [...s[k]].sort().join(',')]);
  }
  if (s.hasPlaces) parts.push(['places', '1']);
  if (s.bbox) parts.push(['zone', formatBbox(s.bbox)]);
  if (s.page > 1) parts.push(['page', String(s.page)]);
  if (s.view === 'carte') parts.push(['vue', 'carte']);
  return parts.length ? '?' + parts.map(([k, v]) => `${k}=${enc(v)}`).join('&') : '';
}

/** A new state after a change of the search: back to page 1 unless the change is the page. */
export function updateSearch(s: SearchState, patch: Partial<SearchState>): SearchState {
  return { ...s, page: 1, ...patch };
}

/** The same search without any filter (words and place kept), back to page 1. */
export function clearFilters(s: SearchState): SearchState {
  return updateSearch(s, { themes: [], access: [], audiences: [], modes: [], hasPlaces: false, bbox: null });
}

export function toggleCode(list: readonly string[], code: string): string[] {
  return list.includes(code) ? list.filter((c) => c !== code) : [...list, code].sort();
}

/** True when the search narrows anything (used for the empty state's advice). */
export function isNarrowed(s: SearchState): boolean {
  return Boolean(
    s.q ||
    s.commune ||
    s.point ||
    s.bbox ||
    s.hasPlaces ||
    s.themes.length ||
    s.audiences.length ||
    s.access.length ||
    s.modes.length,
  );
}

/** Query of GET /tenants/{slug}/offers/map: the search without paging. */
export function toMapQuery(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.commune) p.set('commune', s.commune);
  else if (s.point) {
    p.set('lat', coord(s.point.lat));
    p.set('lng', coord(s.point.lng));
  }
  if ((s.commune || s.point) && s.radiusKm !== null) p.set('radiusKm', String(s.radiusKm));
  if (s.themes.length) p.set('themes', s.themes.join(','));
  if (s.audiences.length) p.set('audiences', s.audiences.join(','));
  if (s.access.length) p.set('access', s.access.join(','));
  if (s.modes.length) p.set('modes', s.modes.join(','));
  if (s.hasPlaces) p.set('hasPlaces', 'true');
  if (s.bbox) p.set('bbox', formatBbox(s.bbox));
  return p;
}

/** Query of GET /tenants/{slug}/offers. */
export function toSearchQuery(s: SearchState, pageSize: number = DEFAULT_PAGE_SIZE): URLSearchParams {
  const p = toMapQuery(s);
  p.set('page', String(s.page));
  p.set('pageSize', String(pageSize));
  return p;
}

/** Name of the URL parameter behind an API parameter (to explain a 400 in the page's terms). */
export function pageParameterOf(apiParameter: string | undefined): string | undefined {
  const map: Record<string, string> = {
    radiusKm: 'rayon',
    audiences: 'publics',
    access: 'acces',
    hasPlaces: 'places',
    bbox: 'zone',
  };
  return apiParameter && (map[apiParameter] ?? apiParameter);
}

const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * The words of the typed query that the API corrected: its `correctedQuery` is the query with each
 * corrected word replaced, word for word ("garage mobilté" → "garage mobilité" gives ["mobilté"]).
 */
export function correctedWords(typed: string, corrected: string): string[] {
  const before = typed.normalize('NFKC').match(WORDS) ?? [];
  const after = corrected.match(WORDS) ?? [];
  if (before.length !== after.length) return [];
  return before.filter((w, i) => w.toLowerCase() !== after[i]!.toLowerCase());
}
