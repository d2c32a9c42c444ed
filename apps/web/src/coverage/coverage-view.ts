// What the coverage page shows of a commune: band colours (always with their text), distances,
// populations, and the largest uncovered communes.
import { leastServed, type CoverageBand, type CoverageCommune } from '@catalogue/contracts';

/** Fill colours of the bands, from covered (green) to none (red); the legend names each one. */
export const BAND_COLOURS: Record<CoverageBand, string> = {
  near: '#1f8d49',
  mid: '#f3c623',
  far: '#f08a24',
  none: '#ce0500',
  unsure: '#a0a0a0',
};

const nf = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export const populationText = (n: number): string => `${nf.format(n)} hab.`;

/** « ≈ » and « position estimée » when the commune's point is estimated, so no one trusts a false 0 km. */
export function kmText(c: Pick<CoverageCommune, 'distanceKm' | 'approximatePosition'>): string {
  if (c.distanceKm === null) return 'aucune offre';
  return c.approximatePosition
    ? `≈\u202f${nf.format(c.distanceKm)} km (position estimée)`
    : `${nf.format(c.distanceKm)} km`;
}

export function distanceText(c: Pick<CoverageCommune, 'distanceKm' | 'coveredByZone' | 'approximatePosition'>): string {
  const km = c.distanceKm === null ? 'aucun lieu d’offre' : `offre à ${kmText(c)}`;
  return c.coveredByZone ? `couverte par une zone de diffusion (${km})` : km;
}

/** Rows of the list beside the map. */
export const UNCOVERED_LIST_SIZE = 20;

/** The least served communes (contracts' leastServed): uncovered ones, then those to check. */
export const leastServedList = (communes: CoverageCommune[], n = UNCOVERED_LIST_SIZE) => leastServed(communes, n);
