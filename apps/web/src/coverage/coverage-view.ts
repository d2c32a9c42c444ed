// What the coverage page shows of a commune: band colours (always with their text), distances,
// populations, and the largest uncovered communes.
import { isUncovered, type CoverageBand, type CoverageCommune } from '@catalogue/contracts';

/** Fill colours of the bands, from covered (green) to none (red); the legend names each one. */
export const BAND_COLOURS: Record<CoverageBand, string> = {
  near: '#1f8d49',
  mid: '#f3c623',
  far: '#f08a24',
  none: '#ce0500',
};

const nf = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export const populationText = (n: number): string => `${nf.format(n)} hab.`;

export function distanceText(c: Pick<CoverageCommune, 'distanceKm' | 'coveredByZone'>): string {
  const km = c.distanceKm === null ? 'aucun lieu d’offre' : `offre à ${nf.format(c.distanceKm)} km`;
  return c.coveredByZone ? `couverte par une zone de diffusion (${km})` : km;
}

/** Rows of the list beside the map. */
export const UNCOVERED_LIST_SIZE = 20;

/** The most populated uncovered communes (see isUncovered), largest first. */
export const largestUncovered = (communes: CoverageCommune[], n = UNCOVERED_LIST_SIZE): CoverageCommune[] =>
  communes
    .filter(isUncovered)
    .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, 'fr'))
    .slice(0, n);
