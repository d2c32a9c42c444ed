import type { Tenant } from '../../common/tenancy/tenant.js';
import type { OfferDetailRow, OfferListRow } from './offers.repository.js';
import type { OfferSummaryDto } from './search-offers.dto.js';
import type { OfferDetailResponseDto } from './offer-detail.dto.js';

export type OfferDetailDto = OfferDetailResponseDto;

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

/** The whole département is named after the tenant; other zones by their areas' labels. */
export const diffusionZoneOf = (
  type: string,
  zone: { code: string; name: string }[],
  tenant: Pick<Tenant, 'code' | 'name'>,
) => ({
  type,
  areas: type === 'departement' ? [{ code: tenant.code, name: tenant.name }] : zone,
});

export function toOfferDetail(
  r: OfferDetailRow,
  zone: { code: string; name: string }[],
  tenant: Tenant,
): OfferDetailDto {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    description: r.description,
    organization: { id: r.organization_id, name: r.organization_name },
    themes: r.themes,
    audiences: r.audiences,
    serviceTypes: r.service_types,
    eligibility: r.eligibility,
    cost: r.cost,
    costDetails: r.cost_details,
    modes: r.modes,
    access: r.access,
    mobilisationModes: r.mobilisation,
    places: r.places,
    diffusionZone: diffusionZoneOf(r.zone_type, zone, tenant),
    contact: { name: r.contact_name, email: r.contact_email, phone: r.contact_phone },
    funding: r.funding,
    planMeasure: r.plan_measure,
    hasPlaces: r.has_places,
    sessions: r.sessions,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
