// Conversions between the map (Leaflet's [lat, lng] world), the API ([lng, lat] GeoJSON and bbox
// parameters) and the address bar. Pure: no Leaflet import (unit-tested in node).

/** [minLng, minLat, maxLng, maxLat], like the API's `bbox` parameter. */
export type Bbox = [number, number, number, number];
export type LatLng = [number, number];

export interface BoundsLike {
  getWest(): number;
  getSouth(): number;
  getEast(): number;
  getNorth(): number;
}

const KM_PER_DEGREE = 111.32;
const clamp = (v: number, min: number, max: number): number => Math.min(max, Math.max(min, v));

/** The map's visible box as a bbox rounded outwards to 1e-4° (about 10 m), so nothing visible is cut. */
export function bboxFromBounds(b: BoundsLike): Bbox {
  const down = (v: number): number => Math.floor(v * 1e4) / 1e4;
  const up = (v: number): number => Math.ceil(v * 1e4) / 1e4;
  return [
    down(clamp(b.getWest(), -180, 180)),
    down(clamp(b.getSouth(), -90, 90)),
    up(clamp(b.getEast(), -180, 180)),
    up(clamp(b.getNorth(), -90, 90)),
  ];
}

export function formatBbox(b: Bbox): string {
  return b.map((v) => String(Math.round(v * 1e4) / 1e4)).join(',');
}

/** Parses `minLng,minLat,maxLng,maxLat`; null when malformed, out of range or empty. */
export function parseBbox(raw: string | null | undefined): Bbox | null {
  if (!raw) return null;
  const parts = raw.split(',');
  if (parts.length !== 4 || parts.some((p) => p.trim() === '')) return null;
  const [w, s, e, n] = parts.map(Number) as Bbox;
  if (![w, s, e, n].every(Number.isFinite)) return null;
  if (w < -180 || e > 180 || s < -90 || n > 90 || w >= e || s >= n) return null;
  return [w, s, e, n];
}

/** Leaflet's [[south, west], [north, east]] of a bbox. */
export function bboxToLatLngBounds(b: Bbox): [LatLng, LatLng] {
  return [
    [b[1], b[0]],
    [b[3], b[2]],
  ];
}

/** Smallest bbox holding every point; null without points. */
export function pointsBbox(points: readonly { lat: number; lng: number }[]): Bbox | null {
  if (points.length === 0) return null;
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const p of points) {
    if (p.lng < w) w = p.lng;
    if (p.lng > e) e = p.lng;
    if (p.lat < s) s = p.lat;
    if (p.lat > n) n = p.lat;
  }
  return [w, s, e, n];
}

/** Box around a circle (enough to frame a radius search). */
export function radiusBbox(center: { lat: number; lng: number }, radiusKm: number): Bbox {
  const dLat = radiusKm / KM_PER_DEGREE;
  const dLng = radiusKm / (KM_PER_DEGREE * Math.max(0.01, Math.cos((center.lat * Math.PI) / 180)));
  return [center.lng - dLng, clamp(center.lat - dLat, -90, 90), center.lng + dLng, clamp(center.lat + dLat, -90, 90)];
}

export function bboxContains(b: Bbox, p: { lat: number; lng: number }): boolean {
  return p.lng >= b[0] && p.lng <= b[2] && p.lat >= b[1] && p.lat <= b[3];
}

type Outline = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** GeoJSON outline ([lng, lat]) → Leaflet polygons ([lat, lng]), one entry per polygon. */
export function outlineToLatLngs(outline: Outline): LatLng[][][] {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map(([lng, lat]) => [lat!, lng!] as LatLng)));
}

/** Bbox of a GeoJSON outline. */
export function outlineBbox(outline: Outline): Bbox {
  const points = (outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates)
    .flatMap((rings) => rings[0] ?? [])
    .map(([lng, lat]) => ({ lng: lng!, lat: lat! }));
  return pointsBbox(points) ?? [0, 0, 0, 0];
}

/** Size class of a cluster icon, from its number of offers. */
export function clusterSize(count: number): 'small' | 'medium' | 'large' {
  return count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
}

/** Short label of a cluster: 7, 86, 1,2 k, 12 k. */
export function clusterLabel(count: number): string {
  if (count < 1000) return String(count);
  const k = count / 1000;
  return `${k < 10 ? (Math.floor(k * 10) / 10).toString().replace('.', ',') : Math.floor(k)} k`;
}
