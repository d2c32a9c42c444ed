// Coverage gaps (« zones blanches »), issue 15: per commune of the département, the distance to the
// nearest published offer of a theme (its places) and whether an offer's diffusion zone covers it.

/** One commune of the département and how well the theme reaches it. */
export interface CoverageCommune {
  insee: string;
  name: string;
  /** Municipal population (reference data shipped with the project). */
  population: number;
  lat: number;
  lng: number;
  /**
   * The reference data lacks this commune's coordinates: lat/lng are estimated (the mean of the
   * located communes of its postcode, else of its EPCI), so its distance may be far off (a whole
   * valley can sit on its main town's point).
   */
  approximatePosition: boolean;
  /** SIREN of the commune's EPCI, or null. */
  epci: string | null;
  /** Great-circle distance (km, one decimal) to the nearest place of such an offer; null without any. */
  distanceKm: number | null;
  /** Some such offer's diffusion zone (communes, EPCI or territory: not the whole département, the default) includes the commune. */
  coveredByZone: boolean;
  nearestOfferId: string | null;
  nearestOfferTitle: string | null;
}

export interface CoverageResponse {
  /** Thématique or category code, as the search filters take it. */
  theme: string;
  themeLabel: string;
  /** Public code, or null for every public. */
  audience: string | null;
  audienceLabel: string | null;
  /** Published offers of that theme (and public). */
  offers: number;
  communes: CoverageCommune[];
}

/** Distance bands of the map (km): covered by a zone or nearer than the first, …, beyond the last or none. */
export const COVERAGE_BANDS_KM = [5, 15, 30] as const;

export type CoverageBand = 'near' | 'mid' | 'far' | 'none' | 'unsure';

export const COVERAGE_BAND_LABELS: Record<CoverageBand, string> = {
  near: 'Couverte (zone de diffusion ou moins de 5 km)',
  mid: 'De 5 à 15 km',
  far: 'De 15 à 30 km',
  none: 'Plus de 30 km ou aucune offre',
  unsure: 'Hors zone, position estimée : distance incertaine',
};

/** The band of a commune: a diffusion zone covers it or an offer is near, …, far or none; unsure (see isUncertain). */
export function coverageBand(
  c: Pick<CoverageCommune, 'distanceKm' | 'coveredByZone' | 'approximatePosition'>,
): CoverageBand {
  const [near, mid, far] = COVERAGE_BANDS_KM;
  if (c.coveredByZone) return 'near';
  if (isUncertain(c)) return 'unsure';
  if (c.distanceKm !== null && c.distanceKm < near) return 'near';
  if (c.distanceKm !== null && c.distanceKm < mid) return 'mid';
  if (c.distanceKm !== null && c.distanceKm <= far) return 'far';
  return 'none';
}

/** Beyond this distance (km), or without any offer, a commune no zone covers is « non couverte ». */
export const UNCOVERED_FROM_KM = 15;

/** Not covered by a zone, and the nearest place further than UNCOVERED_FROM_KM (or none). */
export const isUncovered = (c: Pick<CoverageCommune, 'distanceKm' | 'coveredByZone'>): boolean =>
  !c.coveredByZone && (c.distanceKm === null || c.distanceKm > UNCOVERED_FROM_KM);

/**
 * No zone covers it, the nearest place looks close, but the commune's position is estimated: the
 * distance cannot be trusted either way, so the list shows it « à vérifier » after the uncovered ones.
 */
export const isUncertain = (
  c: Pick<CoverageCommune, 'distanceKm' | 'coveredByZone' | 'approximatePosition'>,
): boolean => !c.coveredByZone && c.approximatePosition && !isUncovered(c);

/** Why a commune is among the least served: uncovered for sure, or not covered by a zone with an uncertain distance. */
export type LeastServedReason = 'uncovered' | 'uncertain';

/**
 * The communes least served, most populated first: every uncovered commune, then those whose
 * distance is uncertain (see isUncertain); at most `n`.
 */
export function leastServed(
  communes: CoverageCommune[],
  n: number,
): (CoverageCommune & { reason: LeastServedReason })[] {
  const byPopulation = (a: CoverageCommune, b: CoverageCommune) =>
    b.population - a.population || a.name.localeCompare(b.name, 'fr');
  const uncovered = communes.filter(isUncovered).sort(byPopulation);
  const uncertain = communes.filter(isUncertain).sort(byPopulation);
  return [
    ...uncovered.map((c) => ({ ...c, reason: 'uncovered' as const })),
    ...uncertain.map((c) => ({ ...c, reason: 'uncertain' as const })),
  ].slice(0, n);
}
