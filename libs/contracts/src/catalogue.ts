// Response shapes of the public catalogue API (/api/v1), shared by the API (whose DTO classes
// implement them, so a drift fails the build) and the web app. No runtime code, no Node imports.
import type { FicheRef } from './funding.js';

export type AccessModeCode = 'prescription' | 'self_registration' | 'open';
export type ZoneTypeCode = 'communes' | 'epci' | 'territory' | 'departement';

export interface ApiError {
  statusCode: number;
  /** Stable code: `invalid_parameter`, `not_found`, `forbidden`, `internal_error`… */
  code: string;
  message: string;
  /** For `invalid_parameter`: the parameter at fault. */
  parameter?: string;
}

export interface TenantSummary {
  code: string;
  slug: string;
  name: string;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: number[];
}

/** GeoJSON geometry of a département's outline (WGS 84, [lng, lat] pairs). */
export type OutlineGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface TenantDetail extends TenantSummary {
  /** Simplified outline of the département (Natural Earth, public domain); null when unknown. */
  outline: OutlineGeometry | null;
}

export interface ReferenceItem {
  code: string;
  label: string;
}

export interface Taxonomy {
  themeCategories: ReferenceItem[];
  themes: (ReferenceItem & { category: string | null })[];
  audiences: ReferenceItem[];
  costs: ReferenceItem[];
  modes: ReferenceItem[];
  accessModes: ReferenceItem[];
  mobilisationModes: ReferenceItem[];
  mobilisers: ReferenceItem[];
  serviceTypes: ReferenceItem[];
  organizationKinds: ReferenceItem[];
  fundingSources: ReferenceItem[];
  zoneTypes: ReferenceItem[];
}

export interface CommuneSummary {
  insee: string;
  name: string;
  postcodes: string[];
  lat: number;
  lng: number;
  approx: boolean;
}

export interface PlaceSummary {
  commune: string;
  communeInsee: string;
  lat: number;
  lng: number;
}

export interface OfferSummary {
  id: string;
  title: string;
  summary: string;
  organization: { id: string; name: string };
  themes: string[];
  audiences: string[];
  access: string;
  modes: string[];
  hasPlaces: boolean;
  places: PlaceSummary[];
  /** Present when the search had a point; null for an offer without a place. */
  distanceKm?: number | null;
}

export interface FacetCount {
  code: string;
  count: number;
}

export interface SearchFacets {
  themes: FacetCount[];
  audiences: FacetCount[];
  access: FacetCount[];
  modes: FacetCount[];
  hasPlaces: FacetCount[];
}

export interface OfferSearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: OfferSummary[];
  facets: SearchFacets;
  /**
   * The query as searched when a word of `q` is known by no offer and was read as the closest word
   * of the catalogue ("mobilté" → "mobilité"), each corrected word as the catalogue writes it;
   * null when nothing was corrected.
   */
  correctedQuery: string | null;
}

/** One marker of the results map: an offer at one of its places. */
export interface OfferMapPoint {
  id: string;
  title: string;
  lat: number;
  lng: number;
}

/**
 * Every result of a search placed on the map (same filters as the search, no paging). An offer is
 * placed at its place nearest to the search point (or inside the `bbox`), else its first place;
 * offers without a place are counted in `total` but not in `items`.
 */
export interface OfferMapResult {
  total: number;
  /** Offers that have a place (= items.length unless truncated). */
  located: number;
  /** True when more than MAP_LIMITS.maxPoints offers are located: `items` holds the first ones. */
  truncated: boolean;
  items: OfferMapPoint[];
}

export interface OfferPlace extends PlaceSummary {
  label: string | null;
  address: string;
}
export interface ZoneArea {
  code: string;
  name: string;
}
export interface OfferDiffusionZone {
  type: string;
  areas: ZoneArea[];
}
export interface OfferContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}
export interface OfferSession {
  id: string;
  startsAt: string;
  endsAt: string | null;
  capacity: number;
  placesLeft: number;
  /** People on the session's wait list now. */
  waitlist: number;
}
/** A structure as an offer names it. */
export interface OrganizationRef {
  id: string;
  name: string;
}

export interface OfferDetail {
  id: string;
  title: string;
  summary: string;
  description: string;
  organization: OrganizationRef;
  themes: string[];
  audiences: string[];
  serviceTypes: string[];
  eligibility: string;
  cost: string;
  costDetails: string | null;
  modes: string[];
  access: string;
  mobilisationModes: string[];
  places: OfferPlace[];
  diffusionZone: OfferDiffusionZone;
  contact: OfferContact;
  funding: string[];
  /** The fiche action of the département's plan the offer serves (issue 14; replaces the free text `planMeasure`). */
  fiche: FicheRef | null;
  hasPlaces: boolean;
  sessions: OfferSession[];
  /** How seats are given: at once while there are some (`automatic`), or once the structure accepts (`review`). */
  seatAllocation: 'automatic' | 'review';
  /** Until how many hours before a session the person or the referent may cancel (later: an excused absence). */
  cancellationCutoffHours: number;
  publishedAt: string | null;
  updatedAt: string;
}

export interface OrganizationDetail {
  id: string;
  name: string;
  kind: string;
  siret: string | null;
  description: string;
  address: string;
  communeInsee: string | null;
  commune: string | null;
  lat: number | null;
  lng: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  offers: { id: string; title: string; summary: string; themes: string[]; access: string }[];
}

/** Limits of the search parameters, for the web's own checks before it calls the API. */
export const SEARCH_LIMITS = {
  maxPageSize: 100,
  defaultPageSize: 20,
  maxRadiusKm: 200,
  defaultRadiusKm: 20,
  maxQueryLength: 200,
} as const;

/** Limits of the results map. */
export const MAP_LIMITS = {
  maxPoints: 10000,
} as const;

/** An EPCI (by SIREN) or a territory (by code) that an offer's diffusion zone may name. */
export interface ZoneChoice {
  code: string;
  name: string;
}

/** GET /tenants/{slug}/zones: the EPCI of the département and the tenant's territories, by name. */
export interface DiffusionZones {
  epcis: ZoneChoice[];
  territories: ZoneChoice[];
}
