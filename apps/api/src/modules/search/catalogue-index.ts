// The in-memory search index of one tenant's published catalogue (docs/adr/004). PostgreSQL does
// the language work (French stemming, accents, typo corrections) on documents and queries; this
// index matches the resulting lexemes, applies point, radius, diffusion zone, map box and filters,
// counts the facets and orders the page (or places every result on the map), over compact typed arrays.
import { ACCESS_MODES, ALL_AUDIENCES, AUDIENCES, RECEPTION_MODES, THEME_CATEGORIES, THEMES } from '@catalogue/domain';
import type { IndexedOffer } from '../offers/offers-catalogue.service.js';

export type { IndexedOffer };

/** Scores of the tsvector weights A, B, C, D, as PostgreSQL's ts_rank defaults. */
const WEIGHT_SCORE = [1, 0.4, 0.2, 0.1];

/** A lexeme to look for, as a whole or as the start of an indexed lexeme. */
export interface LexemeTerm {
  lexeme: string;
  exact: boolean;
}

/** [minLng, minLat, maxLng, maxLat], min below max. */
export type Bbox = [number, number, number, number];

/** What selects and orders the results: everything but the page. */
export interface IndexFilters {
  /**
   * The text as groups of terms (from PostgreSQL's analysis of the user's words): an offer
   * matches when each group has a term among its lexemes. Null: no text given.
   */
  text: LexemeTerm[][] | null;
  point: { lat: number; lng: number; radiusKm: number } | null;
  /** With a point from a commune: offers whose diffusion zone has one of these keys match too. */
  zoneKeys: string[] | null;
  themes: string[] | null;
  audiences: string[] | null;
  access: string[] | null;
  modes: string[] | null;
  hasPlaces: boolean | null;
  /** Only offers with a place inside this box (offers without a place are left out). */
  bbox: Bbox | null;
  now: number;
}

export interface IndexQuery extends IndexFilters {
  offset: number;
  limit: number;
}

export interface IndexResult {
  total: number;
  page: { id: string; distanceKm: number | null }[];
  facets: {
    themes: Map<string, number>;
    audiences: Map<string, number>;
    access: Map<string, number>;
    modes: Map<string, number>;
    hasPlaces: Map<string, number>;
  };
}

/** Every result of a search placed on the map, in the search's order. */
export interface IndexMapResult {
  total: number;
  /** Results that have a place. */
  located: number;
  /** The first `maxPoints` located results, each at one of its places. */
  points: { id: string; title: string; lat: number; lng: number }[];
}

/** Code dictionaries: every facet value is a small integer. */
const dictionary = (codes: readonly string[]) => ({ codes, id: new Map(codes.map((c, i) => [c, i])) });
const THEME_DICT = dictionary([...THEME_CATEGORIES.map((t) => t.code), ...THEMES.map((t) => t.code)]);
const AUDIENCE_DICT = dictionary(AUDIENCES.map((a) => a.code));
const ACCESS_DICT = dictionary(ACCESS_MODES.map((a) => a.code));
const MODE_DICT = dictionary(RECEPTION_MODES.map((m) => m.code));
const ALL_AUDIENCES_ID = AUDIENCE_DICT.id.get(ALL_AUDIENCES)!;

/** Compressed lists: the values of item i are values[start[i] .. start[i + 1]). */
interface Lists {
  start: Int32Array;
  values: Uint8Array;
}

function lists(items: string[][], dict: { id: Map<string, number> }): Lists {
  const start = new Int32Array(items.length + 1);
  const flat: number[] = [];
  items.forEach((codes, i) => {
    // Each code once per offer, so that a duplicate cannot be counted twice in a facet.
    for (const c of new Set(codes)) {
      const id = dict.id.get(c);
      if (id !== undefined) flat.push(id);
    }
    start[i + 1] = flat.length;
  });
  return { start, values: Uint8Array.from(flat) };
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export class CatalogueIndex {
  readonly size: number;
  private readonly ids: string[];
  private readonly titles: string[];
  private readonly themes: Lists;
  private readonly audiences: Lists;
  private readonly modes: Lists;
  private readonly access: Uint8Array;
  private readonly openUntil: Float64Array;
  /** Position of each offer in title order (ties broken by id). */
  private readonly titleOrder: Int32Array;
  /** The places of offer i are places placeStart[i] .. placeStart[i + 1]), in their order. */
  private readonly placeStart: Int32Array;
  private readonly placeOffer: Int32Array;
  private readonly placeLat: Float64Array;
  private readonly placeLng: Float64Array;
  private readonly byZoneKey = new Map<string, number[]>();
  /** Inverted index: sorted lexemes, and for each the offers (i * 4 + weight) that contain it. */
  private readonly vocabulary: string[];
  private readonly postings: Int32Array[];

  constructor(offers: IndexedOffer[]) {
    this.size = offers.length;
    this.ids = offers.map((o) => o.id);
    this.titles = offers.map((o) => o.title);
    this.themes = lists(
      offers.map((o) => o.themeIndex),
      THEME_DICT,
    );
    this.audiences = lists(
      offers.map((o) => o.audiences),
      AUDIENCE_DICT,
    );
    this.modes = lists(
      offers.map((o) => o.modes),
      MODE_DICT,
    );
    this.access = Uint8Array.from(offers.map((o) => ACCESS_DICT.id.get(o.access) ?? 255));
    this.openUntil = Float64Array.from(offers.map((o) => o.openUntil ?? -Infinity));
    const order = offers
      .map((_, i) => i)
      .sort((a, b) => cmp(offers[a]!.titleKey, offers[b]!.titleKey) || cmp(offers[a]!.id, offers[b]!.id));
    this.titleOrder = new Int32Array(offers.length);
    order.forEach((offer, rank) => (this.titleOrder[offer] = rank));
    const places = offers.flatMap((o, i) => o.places.map((p) => ({ i, ...p })));
    this.placeStart = new Int32Array(offers.length + 1);
    offers.forEach((o, i) => (this.placeStart[i + 1] = this.placeStart[i]! + o.places.length));
    this.placeOffer = Int32Array.from(places.map((p) => p.i));
    this.placeLat = Float64Array.from(places.map((p) => p.lat));
    this.placeLng = Float64Array.from(places.map((p) => p.lng));
    const byLexeme = new Map<string, number[]>();
    offers.forEach((o, i) => {
      const a = new Set(words(o.lexemesA));
      const b = new Set(words(o.lexemesB));
      const c = new Set(words(o.lexemesC));
      for (const lexeme of words(o.lexemes)) {
        const posting = i * 4 + (a.has(lexeme) ? 0 : b.has(lexeme) ? 1 : c.has(lexeme) ? 2 : 3);
        const list = byLexeme.get(lexeme);
        if (list) list.push(posting);
        else byLexeme.set(lexeme, [posting]);
      }
    });
    this.vocabulary = [...byLexeme.keys()].sort(cmp);
    this.postings = this.vocabulary.map((l) => Int32Array.from(byLexeme.get(l)!));
    offers.forEach((o, i) => {
      for (const key of o.zoneKeys) {
        const list = this.byZoneKey.get(key);
        if (list) list.push(i);
        else this.byZoneKey.set(key, [i]);
      }
    });
  }

  /** Some indexed lexeme starts with this one (a word's stem that finds something as typed). */
  hasPrefix(lexeme: string): boolean {
    return this.vocabulary[lowerBound(this.vocabulary, lexeme)]?.startsWith(lexeme) ?? false;
  }

  /** How many offers contain exactly this lexeme. */
  frequency(lexeme: string): number {
    const v = lowerBound(this.vocabulary, lexeme);
    return this.vocabulary[v] === lexeme ? this.postings[v]!.length : 0;
  }

  /** Up to `limit` offers containing exactly this lexeme, those with it in the title first, then the summary… */
  offersWith(lexeme: string, limit: number): string[] {
    const v = lowerBound(this.vocabulary, lexeme);
    if (this.vocabulary[v] !== lexeme) return [];
    return [...this.postings[v]!]
      .sort((a, b) => (a & 3) - (b & 3) || a - b)
      .slice(0, limit)
      .map((posting) => this.ids[posting >> 2]!);
  }

  /** One page of the results, with their total and the facets. */
  search(q: IndexQuery): IndexResult {
    const { hits, distance, counts } = this.select(q);
    const page = hits.slice(q.offset, q.offset + q.limit).map((i) => ({
      id: this.ids[i]!,
      distanceKm: distance && Number.isFinite(distance[i]!) ? Math.round(distance[i]! * 10) / 10 : null,
    }));
    return {
      total: hits.length,
      page,
      facets: {
        themes: toMap(counts.themes, THEME_DICT.codes),
        audiences: toMap(counts.audiences, AUDIENCE_DICT.codes),
        access: toMap(counts.access, ACCESS_DICT.codes),
        modes: toMap(counts.modes, MODE_DICT.codes),
        hasPlaces: toMap(counts.hasPlaces, ['false', 'true']),
      },
    };
  }

  /**
   * Every result with a place, in the search's order (the first `maxPoints`), each at one place:
   * among its places (inside the box when there is one), the nearest to the point when there is
   * one, else the first.
   */
  map(q: IndexFilters, maxPoints: number): IndexMapResult {
    const { hits } = this.select(q);
    const points: IndexMapResult['points'] = [];
    let located = 0;
    for (const i of hits) {
      const p = this.mapPlace(i, q);
      if (p < 0) continue;
      located++;
      if (points.length < maxPoints)
        points.push({ id: this.ids[i]!, title: this.titles[i]!, lat: this.placeLat[p]!, lng: this.placeLng[p]! });
    }
    return { total: hits.length, located, points };
  }

  /** The matching offers in order, their distances to the point, and the facet counts. */
  private select(q: IndexFilters) {
    const n = this.size;
    // 1. The matching set: text, then point (radius) or diffusion zone, then the box.
    const candidate = new Uint8Array(n).fill(1);
    const rank = new Float64Array(n);
    if (q.text) this.matchText(q.text, candidate, rank);
    let distance: Float64Array | null = null;
    let near: Uint8Array | null = null;
    if (q.point) {
      distance = this.distancesFrom(q.point.lat, q.point.lng);
      near = new Uint8Array(n);
      for (let i = 0; i < n; i++) near[i] = distance[i]! <= q.point.radiusKm ? 1 : 0;
      const inZone = new Uint8Array(n);
      for (const key of q.zoneKeys ?? []) for (const i of this.byZoneKey.get(key) ?? []) inZone[i] = 1;
      for (let i = 0; i < n; i++) if (!near[i] && !inZone[i]) candidate[i] = 0;
    }
    if (q.bbox) {
      const inBox = new Uint8Array(n);
      for (let p = 0; p < this.placeOffer.length; p++)
        if (inside(q.bbox, this.placeLat[p]!, this.placeLng[p]!)) inBox[this.placeOffer[p]!] = 1;
      for (let i = 0; i < n; i++) if (!inBox[i]) candidate[i] = 0;
    }

    // 2. Filters as flags, so that each facet is counted without its own filter (disjunctive).
    const themeIds = ids(q.themes, THEME_DICT);
    const audienceIds = q.audiences ? new Set([...ids(q.audiences, AUDIENCE_DICT)!, ALL_AUDIENCES_ID]) : null;
    const accessIds = ids(q.access, ACCESS_DICT);
    const modeIds = ids(q.modes, MODE_DICT);
    const counts = {
      themes: new Int32Array(THEME_DICT.codes.length),
      audiences: new Int32Array(AUDIENCE_DICT.codes.length),
      access: new Int32Array(ACCESS_DICT.codes.length),
      modes: new Int32Array(MODE_DICT.codes.length),
      hasPlaces: new Int32Array(2),
    };
    const hits: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!candidate[i]) continue;
      const open = this.openUntil[i]! > q.now;
      const t = !themeIds || anyOf(this.themes, i, themeIds);
      const a = !audienceIds || anyOf(this.audiences, i, audienceIds);
      const x = !accessIds || accessIds.has(this.access[i]!);
      const m = !modeIds || anyOf(this.modes, i, modeIds);
      const h = q.hasPlaces === null || open === q.hasPlaces;
      if (a && x && m && h) countAll(this.themes, i, counts.themes);
      if (t && x && m && h) countAll(this.audiences, i, counts.audiences);
      if (t && a && m && h && this.access[i]! < counts.access.length) counts.access[this.access[i]!]!++;
      if (t && a && x && h) countAll(this.modes, i, counts.modes);
      if (t && a && x && m) counts.hasPlaces[open ? 1 : 0]!++;
      if (t && a && x && m && h) hits.push(i);
    }

    // 3. Order: text rank, then distance (offers matched only by their zone after the near ones), then title.
    const sortDistance = (i: number) => (near && near[i] ? distance![i]! : Infinity);
    hits.sort(
      (i, j) =>
        (q.text ? rank[j]! - rank[i]! : 0) ||
        (q.point ? sortDistance(i) - sortDistance(j) : 0) ||
        this.titleOrder[i]! - this.titleOrder[j]!,
    );

    // An offer for everyone counts under every audience, since the audience filter includes it.
    const forAll = counts.audiences[ALL_AUDIENCES_ID]!;
    if (forAll) counts.audiences.forEach((_, k) => k !== ALL_AUDIENCES_ID && (counts.audiences[k]! += forAll));
    return { hits, distance, counts };
  }

  /** The place at which offer i shows on the map (see map()), or -1 when it has none there. */
  private mapPlace(i: number, q: IndexFilters): number {
    let best = -1;
    let bestKm = Infinity;
    const cosLat = q.point ? Math.cos(q.point.lat * RAD) : 0;
    for (let p = this.placeStart[i]!; p < this.placeStart[i + 1]!; p++) {
      if (q.bbox && !inside(q.bbox, this.placeLat[p]!, this.placeLng[p]!)) continue;
      if (!q.point) return p;
      const km = haversineKm(q.point.lat, cosLat, q.point.lng, this.placeLat[p]!, this.placeLng[p]!);
      if (km < bestKm) {
        best = p;
        bestKm = km;
      }
    }
    return best;
  }

  /**
   * Keeps the offers that match every group; an offer's rank adds, per group, the best weight
   * among its lexemes matching that group (title 1, summary 0.4, structure and labels 0.2, rest 0.1).
   */
  private matchText(groups: LexemeTerm[][], candidate: Uint8Array, rank: Float64Array): void {
    const groupScore = new Float64Array(this.size);
    for (const terms of groups) {
      groupScore.fill(0);
      for (const { lexeme, exact } of terms) {
        const matches = (v: number) => (exact ? this.vocabulary[v] === lexeme : this.vocabulary[v]!.startsWith(lexeme));
        for (let v = lowerBound(this.vocabulary, lexeme); v < this.vocabulary.length && matches(v); v++) {
          for (const posting of this.postings[v]!) {
            const i = posting >> 2;
            const score = WEIGHT_SCORE[posting & 3]!;
            if (score > groupScore[i]!) groupScore[i] = score;
          }
        }
      }
      for (let i = 0; i < this.size; i++) {
        if (groupScore[i]! === 0) candidate[i] = 0;
        else rank[i]! += groupScore[i]!;
      }
    }
  }

  /** Great-circle distance (km) from a point to the nearest place of each offer; Infinity without place. */
  private distancesFrom(lat: number, lng: number): Float64Array {
    const d = new Float64Array(this.size).fill(Infinity);
    const cosLat = Math.cos(lat * RAD);
    for (let p = 0; p < this.placeOffer.length; p++) {
      const km = haversineKm(lat, cosLat, lng, this.placeLat[p]!, this.placeLng[p]!);
      const i = this.placeOffer[p]!;
      if (km < d[i]!) d[i] = km;
    }
    return d;
  }
}

/** Great-circle distance (km) between (lat1, lng1), whose latitude's cosine is given, and (lat2, lng2). */
function haversineKm(lat1: number, cosLat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + cosLat1 * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point is inside the box, edges included. */
const inside = (b: Bbox, lat: number, lng: number) => lng >= b[0] && lat >= b[1] && lng <= b[2] && lat <= b[3];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const words = (s: string) => (s ? s.split(' ') : []);

/** First position in a sorted array whose value is not below `value`. */
function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function ids(codes: string[] | null, dict: { id: Map<string, number> }): Set<number> | null {
  return codes ? new Set(codes.flatMap((c) => (dict.id.has(c) ? [dict.id.get(c)!] : []))) : null;
}

function anyOf(l: Lists, i: number, wanted: Set<number>): boolean {
  for (let k = l.start[i]!; k < l.start[i + 1]!; k++) if (wanted.has(l.values[k]!)) return true;
  return false;
}

function countAll(l: Lists, i: number, counts: Int32Array): void {
  for (let k = l.start[i]!; k < l.start[i + 1]!; k++) counts[l.values[k]!]!++;
}

function toMap(counts: Int32Array, codes: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  counts.forEach((c, k) => c > 0 && m.set(codes[k]!, c));
  return m;
}
