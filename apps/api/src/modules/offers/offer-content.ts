// An offer's editable content in one normalised shape: what a draft holds, what a revision stores
// (offer_revision.data), what edits are merged onto and what history diffs. Pure functions.
import type { AccessMode, ZoneType } from '@catalogue/domain';
import { OFFER_REGISTRATION_DEFAULTS, type OfferDetail, type OfferWrite } from '@catalogue/contracts';
import type { OfferWriteDto } from './offer-write.dto.js';

/** A place as the offer holds it: the public place without the commune's name (read from the reference data). */
export type ContentPlace = Omit<OfferDetail['places'][number], 'commune'>;

export interface ContentSession extends Omit<OfferDetail['sessions'][number], 'id' | 'placesLeft' | 'waitlist'> {
  /** Existing sessions keep their id; a revision gives its new sessions one ahead of time. */
  id: string | null;
}

/**
 * The editable fields of the public offer (OfferDetail) in their stored form: what the API derives
 * (id, structure, dates, places left) left out, codes narrowed, the zone by its codes.
 */
export interface OfferContent extends Omit<
  OfferDetail,
  | 'id'
  | 'organization'
  | 'hasPlaces'
  | 'publishedAt'
  | 'updatedAt'
  | 'cost'
  | 'access'
  | 'places'
  | 'diffusionZone'
  | 'sessions'
  | 'fiche'
> {
  /** The fiche action of the plan (the detail shows it as `fiche`). */
  ficheId: string | null;
  cost: NonNullable<OfferWrite['cost']>;
  access: AccessMode;
  places: ContentPlace[];
  diffusionZone: { type: ZoneType; codes: string[] };
  sessions: ContentSession[];
}

/** Every content field once (a missing one fails the build), in the order history lists them. */
const HISTORY_ORDER: Record<keyof OfferContent, true> = {
  title: true,
  summary: true,
  description: true,
  themes: true,
  audiences: true,
  serviceTypes: true,
  eligibility: true,
  cost: true,
  costDetails: true,
  modes: true,
  access: true,
  mobilisationModes: true,
  places: true,
  diffusionZone: true,
  contact: true,
  funding: true,
  ficheId: true,
  sessions: true,
  seatAllocation: true,
  cancellationCutoffHours: true,
};
export const CONTENT_FIELDS = Object.keys(HISTORY_ORDER) as (keyof OfferContent)[];

/** A date as the API writes it (ISO 8601, UTC, milliseconds). */
export const isoDate = (value: string | Date): string => new Date(value).toISOString();

const text = (v: string | null | undefined) => (v ?? '').trim();
const nullable = (v: string | null | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};
const codes = (v: string[]) => [...new Set(v)];

/**
 * `base` with the fields the body gives (a missing field keeps its value, read-only ones are not
 * read). The body is already validated; `base` is null at creation (then defaults apply).
 */
export function mergeContent(base: OfferContent | null, body: OfferWriteDto): OfferContent {
  const b = base ?? EMPTY_CONTENT;
  const pick = <K extends keyof OfferWriteDto, T>(
    key: K,
    map: (v: NonNullable<OfferWriteDto[K]>) => T,
    fallback: T,
  ): T => {
    const v = body[key];
    return v === undefined ? fallback : map(v as NonNullable<OfferWriteDto[K]>);
  };
  return {
    title: pick('title', (v) => v.trim(), b.title),
    summary: body.summary === undefined ? b.summary : text(body.summary),
    description: body.description === undefined ? b.description : text(body.description),
    themes: pick('themes', codes, b.themes),
    audiences: pick('audiences', codes, b.audiences),
    serviceTypes: pick('serviceTypes', codes, b.serviceTypes),
    eligibility: body.eligibility === undefined ? b.eligibility : text(body.eligibility),
    cost: pick('cost', (v) => v, b.cost),
    costDetails: body.costDetails === undefined ? b.costDetails : nullable(body.costDetails),
    modes: pick('modes', codes, b.modes),
    access: pick('access', (v) => v, b.access),
    mobilisationModes: pick('mobilisationModes', codes, b.mobilisationModes),
    places: pick(
      'places',
      (v) =>
        v.map((p) => ({
          label: nullable(p.label),
          address: p.address.trim(),
          communeInsee: p.communeInsee,
          lat: p.lat,
          lng: p.lng,
        })),
      b.places,
    ),
    diffusionZone: pick(
      'diffusionZone',
      (z) => ({ type: z.type, codes: z.type === 'departement' ? [] : codes((z.areas ?? []).map((a) => a.code)) }),
      b.diffusionZone,
    ),
    contact: pick(
      'contact',
      (c) => ({ name: nullable(c.name), email: nullable(c.email)?.toLowerCase() ?? null, phone: nullable(c.phone) }),
      b.contact,
    ),
    funding: pick('funding', codes, b.funding),
    ficheId: body.ficheId === undefined ? b.ficheId : body.ficheId,
    sessions: pick(
      'sessions',
      (v) =>
        v.map((s) => ({
          id: s.id ?? null,
          startsAt: isoDate(s.startsAt),
          endsAt: s.endsAt ? isoDate(s.endsAt) : null,
          capacity: s.capacity,
        })),
      b.sessions,
    ),
    seatAllocation: pick('seatAllocation', (v) => v, b.seatAllocation),
    cancellationCutoffHours: pick('cancellationCutoffHours', (v) => v, b.cancellationCutoffHours),
  };
}

const EMPTY_CONTENT: OfferContent = {
  title: '',
  summary: '',
  description: '',
  themes: [],
  audiences: [],
  serviceTypes: [],
  eligibility: '',
  cost: 'gratuit',
  costDetails: null,
  modes: ['en-presentiel'],
  access: 'prescription',
  mobilisationModes: [],
  places: [],
  diffusionZone: { type: 'departement', codes: [] },
  contact: { name: null, email: null, phone: null },
  funding: [],
  ficheId: null,
  sessions: [],
  ...OFFER_REGISTRATION_DEFAULTS,
};

/** JSON with object keys sorted: a revision read back from jsonb has its keys in another order. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v ?? null);

/** The content fields whose value differs (lists compared in order: reordering places is a change). */
export function changedFields(before: OfferContent, after: OfferContent): string[] {
  return CONTENT_FIELDS.filter((f) => canonical(before[f]) !== canonical(after[f]));
}
