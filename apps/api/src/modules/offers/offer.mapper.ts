import type { Tenant } from '../../common/tenancy/tenant.js';
import type { OfferDetailRow } from './offers-catalogue.repository.js';
import type { OfferDetailResponseDto } from './offer-detail.dto.js';

export type OfferDetailDto = OfferDetailResponseDto;

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
  sessions: OfferDetailDto['sessions'],
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
    sessions,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
