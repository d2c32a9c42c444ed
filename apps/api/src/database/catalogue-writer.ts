// Writes organisations and offers with the columns derived from them (theme index, zone keys,
// search text). Shared by the demo loader, the benchmark generator and test factories, so that
// every path that fills the catalogue derives those columns the same way. Runs inside a
// transaction whose tenant is set (row-level security applies to whoever calls it).
import {
  AUDIENCES,
  glossaryAcronyms,
  impliedGlossaryTerms,
  THEME_CATEGORIES,
  THEMES,
  themeIndexCodes,
  type AccessMode,
  type OfferStatus,
  type ZoneType,
} from '@catalogue/domain';
import { OFFER_REGISTRATION_DEFAULTS, type OfferDetail, type OfferWrite } from '@catalogue/contracts';
import { zoneKeysOfOffer } from '../modules/geo/zone-keys.js';
import { setTransactionTenant } from '../common/tenancy/transaction-tenant.js';

export interface Queryable {
  query<R = unknown>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface OrganizationInput {
  sourceKey?: string | null;
  name: string;
  kind: string;
  siret?: string | null;
  description?: string;
  address?: string;
  communeInsee?: string | null;
  lat?: number | null;
  lng?: number | null;
  website?: string | null;
  email?: string | null;
  phone?: string | null;
  /** The département's own structures (demo, imports, benchmarks) are validated; set on creation only. */
  status?: 'pending' | 'validated' | 'rejected';
}

export interface PlaceInput {
  label?: string | null;
  address: string;
  communeInsee: string;
  communeName: string;
  lat: number;
  lng: number;
}

export interface SessionInput {
  startsAt: Date;
  endsAt: Date | null;
  capacity: number;
  booked: number;
}

/**
 * The offer's fields that the writer stores as the contract (OfferDetail) names and types them,
 * codes narrowed; optional texts default to null.
 */
export type OfferFields = Pick<
  OfferDetail,
  'title' | 'summary' | 'description' | 'themes' | 'audiences' | 'serviceTypes' | 'eligibility' | 'modes' | 'funding'
> &
  Partial<Pick<OfferDetail, 'costDetails' | 'seatAllocation' | 'cancellationCutoffHours'>> & {
    /** The plan's fiche the offer serves. */
    ficheId?: string | null;
    /** The free text that named the plan's measure before offers pointed to a fiche (demo, imports); kept by edits. */
    planMeasure?: string | null;
    cost: NonNullable<OfferWrite['cost']>;
    access: AccessMode;
  };

export interface OfferInput extends OfferFields {
  sourceKey?: string | null;
  organizationId: string;
  organizationName: string;
  status: OfferStatus;
  mobilisation: string[];
  zoneType: ZoneType;
  zoneCodes: string[];
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  places: PlaceInput[];
  sessions: SessionInput[];
}

const labels = new Map<string, string>([...THEMES, ...THEME_CATEGORIES, ...AUDIENCES].map((i) => [i.code, i.label]));

/** Words that make an offer findable beyond its own text: structure, themes, audiences, places, acronyms. */
export function offerSearchExtra(
  o: Pick<
    OfferInput,
    'organizationName' | 'themes' | 'audiences' | 'title' | 'summary' | 'description' | 'eligibility'
  > & { places: Pick<PlaceInput, 'communeName'>[] },
): string {
  const themeLabels = themeIndexCodes(o.themes).map((c) => labels.get(c) ?? '');
  const audienceLabels = o.audiences.map((c) => labels.get(c) ?? '');
  const communes = [...new Set(o.places.map((p) => p.communeName))];
  const glossary = impliedGlossaryTerms(
    `${o.title} ${o.summary} ${o.description} ${o.eligibility} ${audienceLabels.join(' ')}`,
  );
  return [o.organizationName, ...themeLabels, ...audienceLabels, ...communes, ...glossary].filter(Boolean).join(' · ');
}

export async function upsertOrganization(db: Queryable, tenantId: string, o: OrganizationInput): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO organization (tenant_id, source_key, name, kind, siret, description, address, commune_insee, lat, lng, website, email, phone, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (tenant_id, source_key) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, siret = EXCLUDED.siret,
       description = EXCLUDED.description, address = EXCLUDED.address, commune_insee = EXCLUDED.commune_insee,
       lat = EXCLUDED.lat, lng = EXCLUDED.lng, website = EXCLUDED.website, email = EXCLUDED.email, phone = EXCLUDED.phone,
       updated_at = now()
     RETURNING id`,
    [
      tenantId,
      o.sourceKey ?? null,
      o.name,
      o.kind,
      o.siret ?? null,
      o.description ?? '',
      o.address ?? '',
      o.communeInsee ?? null,
      o.lat ?? null,
      o.lng ?? null,
      o.website ?? null,
      o.email ?? null,
      o.phone ?? null,
      o.status ?? 'validated',
    ],
  );
  return rows[0]!.id;
}

/** The offer's columns in insertion order, derived ones included. */
const OFFER_COLUMNS = [
  'tenant_id',
  'organization_id',
  'source_key',
  'status',
  'title',
  'summary',
  'description',
  'themes',
  'theme_index',
  'audiences',
  'service_types',
  'eligibility',
  'cost',
  'cost_details',
  'modes',
  'access',
  'mobilisation',
  'zone_type',
  'zone_codes',
  'zone_keys',
  'contact_name',
  'contact_email',
  'contact_phone',
  'funding',
  'plan_measure',
  'plan_fiche_id',
  'seat_allocation',
  'cancellation_cutoff_hours',
  'search_extra',
  'search_acronyms',
] as const;
const ARRAY_COLUMNS = new Set([
  'themes',
  'theme_index',
  'audiences',
  'service_types',
  'modes',
  'mobilisation',
  'zone_codes',
  'zone_keys',
  'funding',
]);

/** Columns that are neither text, text arrays nor ids (insertOffers reads every column from JSON text). */
const CAST_COLUMNS: Partial<Record<(typeof OFFER_COLUMNS)[number], string>> = { cancellation_cutoff_hours: 'smallint' };

/** A column's value in insertOffers' JSON row `r`, typed for its column. */
const fromJson = (c: (typeof OFFER_COLUMNS)[number]) =>
  ARRAY_COLUMNS.has(c)
    ? `ARRAY(SELECT json_array_elements_text(r->'${c}'))`
    : c.endsWith('_id')
      ? `(r->>'${c}')::uuid`
      : CAST_COLUMNS[c]
        ? `(r->>'${c}')::${CAST_COLUMNS[c]}`
        : `r->>'${c}'`;

const unique = (codes: string[]) => [...new Set(codes)];

function offerValues(tenant: { id: string; code: string }, o: OfferInput): unknown[] {
  const text = `${o.title} ${o.summary} ${o.description} ${o.eligibility}`;
  const zoneCodes = unique(o.zoneCodes);
  return [
    tenant.id,
    o.organizationId,
    o.sourceKey ?? null,
    o.status,
    o.title,
    o.summary,
    o.description,
    unique(o.themes),
    themeIndexCodes(o.themes),
    unique(o.audiences),
    unique(o.serviceTypes),
    o.eligibility,
    o.cost,
    o.costDetails ?? null,
    unique(o.modes),
    o.access,
    unique(o.mobilisation),
    o.zoneType,
    zoneCodes,
    zoneKeysOfOffer(tenant.code, o.zoneType, zoneCodes),
    o.contactName ?? null,
    o.contactEmail ?? null,
    o.contactPhone ?? null,
    unique(o.funding),
    o.planMeasure ?? null,
    o.ficheId ?? null,
    o.seatAllocation ?? OFFER_REGISTRATION_DEFAULTS.seatAllocation,
    o.cancellationCutoffHours ?? OFFER_REGISTRATION_DEFAULTS.cancellationCutoffHours,
    offerSearchExtra(o),
    glossaryAcronyms(`${text} ${o.organizationName}`).join(' '),
  ];
}

/** Inserts or replaces an offer (by source key) with its places and sessions. */
export async function upsertOffer(db: Queryable, tenant: { id: string; code: string }, o: OfferInput): Promise<string> {
  const updates = OFFER_COLUMNS.filter((c) => !['tenant_id', 'source_key'].includes(c)).map(
    (c) => `${c} = EXCLUDED.${c}`,
  );
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO offer (${OFFER_COLUMNS.join(', ')}, published_at)
     VALUES (${OFFER_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, CASE WHEN $4 = 'published' THEN now() END)
     ON CONFLICT (tenant_id, source_key) DO UPDATE SET ${updates.join(', ')},
       published_at = coalesce(offer.published_at, EXCLUDED.published_at), updated_at = now()
     RETURNING id`,
    offerValues(tenant, o),
  );
  const offerId = rows[0]!.id;
  await db.query(`DELETE FROM offer_place WHERE offer_id = $1`, [offerId]);
  await db.query(`DELETE FROM offer_session WHERE offer_id = $1`, [offerId]);
  await insertPlacesAndSessions(db, tenant.id, [offerId], [o]);
  return offerId;
}

/**
 * Inserts many new offers of one tenant in a few statements (benchmarks, imports). Array columns
 * travel as JSON because PostgreSQL cannot unnest arrays of arrays of uneven length.
 */
export async function insertOffers(
  db: Queryable,
  tenant: { id: string; code: string },
  offers: OfferInput[],
): Promise<string[]> {
  if (offers.length === 0) return [];
  const values = offers.map((o) => offerValues(tenant, o));
  const columns = OFFER_COLUMNS.map((c, i) => ({ c, i }));
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO offer (${OFFER_COLUMNS.join(', ')}, published_at)
     SELECT ${columns.map(({ c }) => fromJson(c)).join(', ')},
            CASE WHEN r->>'status' = 'published' THEN now() END
       FROM json_array_elements($1::json) WITH ORDINALITY AS t(r, n)
      ORDER BY n
     RETURNING id`,
    [JSON.stringify(values.map((v) => Object.fromEntries(columns.map(({ c, i }) => [c, v[i]]))))],
  );
  const ids = rows.map((r) => r.id);
  await insertPlacesAndSessions(db, tenant.id, ids, offers);
  return ids;
}

async function insertPlacesAndSessions(
  db: Queryable,
  tenantId: string,
  offerIds: string[],
  offers: Pick<OfferInput, 'places' | 'sessions'>[],
): Promise<void> {
  const places = offers.flatMap((o, k) => o.places.map((p, i) => ({ ...p, offerId: offerIds[k]!, position: i })));
  if (places.length) {
    await db.query(
      `INSERT INTO offer_place (tenant_id, offer_id, position, label, address, commune_insee, lat, lng)
       SELECT $1, t.offer_id, t.position, t.label, t.address, t.commune, t.lat, t.lng
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[])
           AS t(offer_id, position, label, address, commune, lat, lng)`,
      [
        tenantId,
        places.map((p) => p.offerId),
        places.map((p) => p.position),
        places.map((p) => p.label ?? null),
        places.map((p) => p.address),
        places.map((p) => p.communeInsee),
        places.map((p) => p.lat),
        places.map((p) => p.lng),
      ],
    );
  }
  const sessions = offers.flatMap((o, k) => o.sessions.map((s) => ({ ...s, offerId: offerIds[k]! })));
  if (sessions.length) {
    await db.query(
      `INSERT INTO offer_session (tenant_id, offer_id, starts_at, ends_at, capacity, booked)
       SELECT $1, t.offer_id, t.starts_at, t.ends_at, t.capacity, t.booked
         FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::int[], $6::int[]) AS t(offer_id, starts_at, ends_at, capacity, booked)`,
      [
        tenantId,
        sessions.map((s) => s.offerId),
        sessions.map((s) => s.startsAt),
        sessions.map((s) => s.endsAt),
        sessions.map((s) => s.capacity),
        sessions.map((s) => s.booked),
      ],
    );
  }
}

/**
 * Re-derives the search columns of a structure's offers after its name changed (their search text
 * carries the name). Same derivation as offerValues; runs in the caller's transaction.
 */
export async function rederiveOrganizationOffers(
  db: Queryable,
  organizationId: string,
  organizationName: string,
): Promise<number> {
  const { rows } = await db.query<
    Pick<OfferInput, 'title' | 'summary' | 'description' | 'eligibility' | 'themes' | 'audiences'> & {
      id: string;
      communes: string[];
    }
  >(
    `SELECT o.id, o.title, o.summary, o.description, o.eligibility, o.themes, o.audiences,
            coalesce(array(SELECT c.name FROM offer_place p JOIN commune c ON c.insee = p.commune_insee
                            WHERE p.offer_id = o.id ORDER BY p.position), '{}') AS communes
       FROM offer o WHERE o.organization_id = $1`,
    [organizationId],
  );
  for (const r of rows) {
    const o = { ...r, organizationName, places: r.communes.map((communeName) => ({ communeName })) };
    const text = `${o.title} ${o.summary} ${o.description} ${o.eligibility}`;
    await db.query(`UPDATE offer SET search_extra = $2, search_acronyms = $3 WHERE id = $1`, [
      r.id,
      offerSearchExtra(o),
      glossaryAcronyms(`${text} ${organizationName}`).join(' '),
    ]);
  }
  return rows.length;
}

export type OfferUpdate = Omit<OfferInput, 'status' | 'sourceKey' | 'sessions'>;

/**
 * Rewrites an existing offer's content (not its status) with its derived columns. Places are
 * replaced; its sessions belong to the sessions module (SessionsService.replaceForOffer).
 */
export async function updateOffer(
  db: Queryable,
  tenant: { id: string; code: string },
  offerId: string,
  o: OfferUpdate,
): Promise<void> {
  const values = offerValues(tenant, { ...o, status: 'draft', sessions: [] });
  const columns = OFFER_COLUMNS.map((c, i) => ({ c, v: values[i] })).filter(
    // The legacy plan text is not content any more: an edit keeps it (the offers module clears it).
    ({ c }) => !['tenant_id', 'source_key', 'status', 'organization_id', 'plan_measure'].includes(c),
  );
  const { rows: updated } = await db.query(
    `UPDATE offer SET ${columns.map(({ c }, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now()
      WHERE tenant_id = $1 AND id = $2 RETURNING id`,
    [tenant.id, offerId, ...columns.map(({ v }) => v)],
  );
  if (updated.length === 0) throw new Error(`offer ${offerId} not found`);

  await db.query(`DELETE FROM offer_place WHERE tenant_id = $1 AND offer_id = $2`, [tenant.id, offerId]);
  await insertPlacesAndSessions(db, tenant.id, [offerId], [{ places: o.places, sessions: [] }]);
}

/** Runs `work` in a transaction bound to `tenantId` (as the application does for a request). */
export async function inTenantTransaction<T>(db: Queryable, tenantId: string, work: () => Promise<T>): Promise<T> {
  await db.query('BEGIN');
  try {
    await setTransactionTenant(db, tenantId);
    const result = await work();
    await db.query('COMMIT');
    return result;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
