import type { OfferListRow } from '../offers/offers-catalogue.service.js';
import type { OfferSummaryDto } from './search-offers.dto.js';

/** `distanceKm`: undefined when the search had no point (then the field is left out). */
export function toOfferSummary(r: OfferListRow, distanceKm: number | null | undefined): OfferSummaryDto {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    organization: { id: r.organization_id, name: r.organization_name },
    themes: r.themes,
    audiences: r.audiences,
    access: r.access,
    modes: r.modes,
    hasPlaces: r.has_places,
    places: r.places,
    ...(distanceKm !== undefined ? { distanceKm } : {}),
  };
}
