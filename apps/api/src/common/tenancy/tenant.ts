/** A département's space, as resolved for a request. */
export interface Tenant {
  id: string;
  code: string;
  slug: string;
  name: string;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
}
