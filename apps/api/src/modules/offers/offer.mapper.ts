import type { FicheRef, OfferDetail } from '@catalogue/contracts';
import type { Tenant } from '../../common/tenancy/tenant.js';
import type { OfferContent } from './offer-content.js';
import type { OfferDetailRow } from './offers-catalogue.repository.js';
import type { OfferDetailResponseDto } from './offer-detail.dto.js';

export type OfferDetailDto = OfferDetailResponseDto;

/** The content fields an offer's row and the contract share (places, zone and sessions have their own mappings). */
export type CommonContent = Omit<OfferContent, 'places' | 'diffusionZone' | 'sessions'>;
type CommonKey = keyof CommonContent;
/** The common fields the detail shows as they are (the fiche is shown as a FicheRef, not its id). */
type DetailKey = Exclude<CommonKey, 'ficheId'>;

/**
 * The content columns of a row as the contract names them: the one mapping from columns to fields,
 * read by the public detail and the back office's content (codes keep the row's own types).
 */
export const rowContent = <R extends OfferDetailRow>(r: R) =>
  ({
    title: r.title,
    summary: r.summary,
    description: r.description,
    themes: r.themes,
    audiences: r.audiences,
    serviceTypes: r.service_types,
    eligibility: r.eligibility,
    cost: r.cost as R['cost'],
    costDetails: r.cost_details,
    modes: r.modes,
    access: r.access as R['access'],
    mobilisationModes: r.mobilisation,
    contact: { name: r.contact_name, email: r.contact_email, phone: r.contact_phone },
    funding: r.funding,
    ficheId: r.plan_fiche_id,
    seatAllocation: r.seat_allocation,
    cancellationCutoffHours: r.cancellation_cutoff_hours,
  }) satisfies Record<CommonKey, unknown>;

/**
 * An offer as the API shows it, from its content fields and what the API derives: the public
 * offer and a revision's preview both go through here (one field order).
 */
export function detailOf(c: Pick<OfferDetail, DetailKey>, d: Omit<OfferDetail, DetailKey>): OfferDetail {
  return {
    id: d.id,
    title: c.title,
    summary: c.summary,
    description: c.description,
    organization: d.organization,
    themes: c.themes,
    audiences: c.audiences,
    serviceTypes: c.serviceTypes,
    eligibility: c.eligibility,
    cost: c.cost,
    costDetails: c.costDetails,
    modes: c.modes,
    access: c.access,
    mobilisationModes: c.mobilisationModes,
    places: d.places,
    diffusionZone: d.diffusionZone,
    contact: c.contact,
    funding: c.funding,
    fiche: d.fiche,
    hasPlaces: d.hasPlaces,
    sessions: d.sessions,
    seatAllocation: c.seatAllocation,
    cancellationCutoffHours: c.cancellationCutoffHours,
    publishedAt: d.publishedAt,
    updatedAt: d.updatedAt,
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
  sessions: OfferDetailDto['sessions'],
): OfferDetailDto {
  return detailOf(rowContent(r), {
    id: r.id,
    organization: { id: r.organization_id, name: r.organization_name },
    places: r.places,
    diffusionZone: diffusionZoneOf(r.zone_type, zone, tenant),
    hasPlaces: r.has_places,
    fiche: r.fiche as FicheRef | null,
    sessions,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
  });
}
