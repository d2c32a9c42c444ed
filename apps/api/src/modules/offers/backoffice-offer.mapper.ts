// From the database's rows to the back office's shapes, and from content to the writer's input.
import type { BackOfficeOffer, FicheRef, OfferDetail } from '@catalogue/contracts';
import type { OfferInput, OfferUpdate } from '../../database/catalogue-writer.js';
import type { SessionUpdate } from '../sessions/sessions.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { isoDate, type OfferContent } from './offer-content.js';
import { detailOf, diffusionZoneOf as zoneOf, rowContent, toOfferDetail } from './offer.mapper.js';
import type { CommuneRef, OfferRecord } from './offers-write.repository.js';

type ZoneLabels = { code: string; name: string }[];

/** The content an offer holds now (what edits are merged onto and diffed against). */
export function contentOf(r: OfferRecord): OfferContent {
  return {
    ...rowContent(r),
    places: r.places.map((p) => ({
      label: p.label,
      address: p.address,
      communeInsee: p.communeInsee,
      lat: p.lat,
      lng: p.lng,
    })),
    diffusionZone: { type: r.zone_type, codes: r.zone_codes },
    sessions: r.sessions.map((s) => ({
      id: s.id,
      startsAt: isoDate(s.startsAt),
      endsAt: s.endsAt ? isoDate(s.endsAt) : null,
      capacity: s.capacity,
    })),
  };
}

/** The writer's input for this content (commune names come from the reference data). */
export function writerInput(
  c: OfferContent,
  org: { id: string; name: string },
  communes: Map<string, CommuneRef>,
): Omit<OfferInput, 'status' | 'sessions'> {
  // Every field the writer names as the contract does goes as it is; the others are renamed here.
  const { mobilisationModes, diffusionZone, contact, places, sessions, ...fields } = c;
  return {
    organizationId: org.id,
    organizationName: org.name,
    ...fields,
    mobilisation: mobilisationModes,
    zoneType: diffusionZone.type,
    zoneCodes: diffusionZone.codes,
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhone: contact.phone,
    places: places.map((p) => ({ ...p, communeName: communes.get(p.communeInsee)?.name ?? '' })),
  };
}

export const writerUpdate = (
  c: OfferContent,
  org: { id: string; name: string },
  communes: Map<string, CommuneRef>,
): OfferUpdate => writerInput(c, org, communes);

/** The content's sessions as the sessions module takes them (new ones without an id). */
export const sessionUpdates = (c: OfferContent): SessionUpdate[] =>
  c.sessions.map((s) => ({
    id: s.id,
    startsAt: new Date(s.startsAt),
    endsAt: s.endsAt ? new Date(s.endsAt) : null,
    capacity: s.capacity,
  }));

/** Every session (past ones too: an edit sends back all it keeps), with its places left and wait list. */
const sessionsOf = (
  sessions: { id: string | null; startsAt: string; endsAt: string | null; capacity: number }[],
  stored: OfferRecord['sessions'],
) => {
  const byId = new Map(stored.map((s) => [s.id, s]));
  return sessions.map((s) => {
    const held = s.id ? byId.get(s.id) : undefined;
    return {
      id: s.id ?? '',
      startsAt: isoDate(s.startsAt),
      endsAt: s.endsAt ? isoDate(s.endsAt) : null,
      capacity: s.capacity,
      placesLeft: Math.max(0, s.capacity - (held?.booked ?? 0)),
      waitlist: held?.waitlisted ?? 0,
    };
  });
};

const hasPlacesOf = (sessions: { startsAt: string; endsAt: string | null; placesLeft: number }[], now = Date.now()) =>
  sessions.some((s) => s.placesLeft > 0 && new Date(s.endsAt ?? s.startsAt).getTime() >= now);

/** A revision's content shown like an offer (as it would be once published). */
export function revisionDetail(
  c: OfferContent,
  r: OfferRecord,
  zone: ZoneLabels,
  communes: Map<string, CommuneRef>,
  tenant: Tenant,
  fiche: FicheRef | null,
): OfferDetail {
  const sessions = sessionsOf(c.sessions, r.sessions);
  return detailOf(c, {
    fiche,
    id: r.id,
    organization: { id: r.organization_id, name: r.organization_name },
    places: c.places.map((p) => ({ ...p, commune: communes.get(p.communeInsee)?.name ?? p.communeInsee })),
    diffusionZone: zoneOf(c.diffusionZone.type, zone, tenant),
    hasPlaces: hasPlacesOf(sessions),
    sessions,
    publishedAt: r.published_at ? isoDate(r.published_at) : null,
    updatedAt: isoDate(r.revision_updated_at ?? r.updated_at),
  });
}

export function toBackOfficeOffer(
  r: OfferRecord,
  zone: ZoneLabels,
  tenant: Tenant,
  revision: OfferDetail | null,
): BackOfficeOffer {
  // The published content as the public sees it (one mapping), all sessions included, plus the back office's fields.
  const sessions = sessionsOf(r.sessions, r.sessions);
  return {
    ...toOfferDetail(r, zone, tenant, sessions),
    status: r.status,
    updateFrequencyMonths: r.update_frequency_months,
    confirmedAt: isoDate(r.confirmed_at),
    overdue: r.overdue,
    reviewComment: r.review_comment,
    needsReview: r.needs_review,
    submittedAt: r.submitted_at ? isoDate(r.submitted_at) : null,
    revision:
      r.revision_data && r.revision_status && revision
        ? {
            status: r.revision_status,
            reviewComment: r.revision_comment,
            updatedAt: isoDate(r.revision_updated_at ?? r.updated_at),
            offer: revision,
          }
        : null,
  };
}
