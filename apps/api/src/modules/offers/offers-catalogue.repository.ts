import { Injectable } from '@nestjs/common';
import type { OfferDetail, OfferSummary } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { IndexedOffer } from './offers-catalogue.service.js';

/** A contract field's column name: camelCase to snake_case (`serviceTypes` → `service_types`). */
type ColumnName<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Uppercase<H> ? `_${Lowercase<H>}` : H}${ColumnName<T>}`
  : S;
/** The columns that store these fields of a contract shape as they are, under their column names. */
type ColumnsOf<T, K extends keyof T & string> = { [P in K as ColumnName<P>]: T[P] };

export interface OfferListRow extends ColumnsOf<
  OfferSummary,
  'id' | 'title' | 'summary' | 'themes' | 'audiences' | 'access' | 'modes' | 'hasPlaces'
> {
  organization_id: string;
  organization_name: string;
  places: OfferSummary['places'];
}

export interface OfferDetailRow
  extends
    Omit<OfferListRow, 'places'>,
    ColumnsOf<
      OfferDetail,
      | 'description'
      | 'serviceTypes'
      | 'eligibility'
      | 'cost'
      | 'costDetails'
      | 'funding'
      | 'fiche'
      | 'seatAllocation'
      | 'cancellationCutoffHours'
    > {
  /** OfferDetail's `mobilisationModes`. */
  mobilisation: string[];
  plan_fiche_id: string | null;
  zone_type: string;
  zone_codes: string[];
  contact_name: OfferDetail['contact']['name'];
  contact_email: OfferDetail['contact']['email'];
  contact_phone: OfferDetail['contact']['phone'];
  published_at: Date | null;
  updated_at: Date;
  places: OfferDetail['places'];
}

/** The fiche `id` (FicheRef, with its axis) as JSON, null when there is none. */
export const FICHE_REF_JSON = (id: string, tenantId: string) =>
  `(SELECT json_build_object('id', f.id, 'number', f.number, 'title', f.title,
                             'axis', json_build_object('number', a.number, 'title', a.title))
      FROM plan_fiche f JOIN plan_axis a ON a.tenant_id = f.tenant_id AND a.id = f.axis_id
     WHERE f.tenant_id = ${tenantId} AND f.id = ${id})`;

/** The offer's content columns (OfferDetailRow's own), read alike by the public detail and the back office. */
export const OFFER_CONTENT_COLUMNS = `o.title, o.summary, o.description, o.themes, o.audiences, o.service_types, o.eligibility,
              o.cost, o.cost_details, o.modes, o.access, o.mobilisation, o.zone_type, o.zone_codes,
              o.contact_name, o.contact_email, o.contact_phone, o.funding, o.plan_fiche_id, ${FICHE_REF_JSON('o.plan_fiche_id', 'o.tenant_id')} AS fiche,
              o.seat_allocation, o.cancellation_cutoff_hours`;

/** Reads of the published catalogue: the search's index and result lists, the public detail. */
@Injectable()
export class OffersCatalogueRepository {
  constructor(private readonly db: TenantTransaction) {}

  /** The texts of these published offers in which a word may be written (to show a correction as written). */
  async textsOf(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { text: string }[] = await this.db.manager().query(
      `SELECT concat_ws(' ', o.title, o.summary, o.search_extra, o.description) AS text
         FROM offer o WHERE o.tenant_id = $1 AND o.id = ANY($2::uuid[]) AND o.status = 'published'`,
      [this.db.tenant().id, ids],
    );
    return rows.map((r) => r.text);
  }

  /** The version of the tenant's catalogue, bumped by triggers when what loadIndexedOffers reads changes. */
  async catalogueVersion(): Promise<number> {
    const rows: { version: string }[] = await this.db
      .manager()
      .query(`SELECT version FROM catalogue_version WHERE tenant_id = $1`, [this.db.tenant().id]);
    return Number(rows[0]?.version ?? 0);
  }

  /**
   * Every published offer of the tenant, in the compact form the in-memory index is built from.
   * Every column read here must move the catalogue version when it changes: a new one goes into
   * the triggers' WHEN lists too (OFFER_INDEXED_COLUMNS, PLACE_INDEXED_COLUMNS of migration
   * 1764600000000), in a new migration.
   */
  async loadIndexedOffers(): Promise<IndexedOffer[]> {
    // One JSON text parsed at once: far faster than node-postgres decoding thousands of arrays.
    const rows: { offers: string | null }[] = await this.db.manager().query(
      `SELECT json_agg(json_build_object(
                'id', o.id, 'title', o.title, 'themeIndex', o.theme_index, 'audiences', o.audiences, 'access', o.access, 'modes', o.modes,
                'openUntil', (extract(epoch FROM o.places_open_until) * 1000)::bigint, 'zoneKeys', o.zone_keys,
                'titleKey', lower(f_unaccent(o.title)),
                'lexemes', array_to_string(tsvector_to_array(o.search_vector), ' '),
                'lexemesA', array_to_string(tsvector_to_array(ts_filter(o.search_vector, '{a}')), ' '),
                'lexemesB', array_to_string(tsvector_to_array(ts_filter(o.search_vector, '{b}')), ' '),
                'lexemesC', array_to_string(tsvector_to_array(ts_filter(o.search_vector, '{c}')), ' '),
                'places', coalesce((SELECT json_agg(json_build_object('lat', p.lat, 'lng', p.lng) ORDER BY p.position) FROM offer_place p
                                     WHERE p.offer_id = o.id AND p.tenant_id = o.tenant_id), '[]')) ORDER BY o.id)::text AS offers
         FROM offer o
        WHERE o.tenant_id = $1 AND o.status = 'published'`,
      [this.db.tenant().id],
    );
    return rows[0]?.offers ? (JSON.parse(rows[0].offers) as IndexedOffer[]) : [];
  }

  /** The list fields of these published offers. */
  listByIds(ids: string[]): Promise<OfferListRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.manager().query(
      `SELECT o.id, o.title, o.summary, o.themes, o.audiences, o.access, o.modes,
              coalesce(o.places_open_until > now(), false) AS has_places,
              org.id AS organization_id, org.name AS organization_name,
              ${PLACES_JSON(false)} AS places
         FROM offer o
         JOIN organization org ON org.id = o.organization_id AND org.tenant_id = o.tenant_id
        WHERE o.tenant_id = $1 AND o.id = ANY($2::uuid[]) AND o.status = 'published'`,
      [this.db.tenant().id, ids],
    );
  }

  async findPublished(id: string): Promise<OfferDetailRow | undefined> {
    const rows: OfferDetailRow[] = await this.db.manager().query(
      `SELECT o.id, ${OFFER_CONTENT_COLUMNS}, o.published_at, o.updated_at,
              coalesce(o.places_open_until > now(), false) AS has_places,
              org.id AS organization_id, org.name AS organization_name,
              ${PLACES_JSON(true)} AS places
         FROM offer o
         JOIN organization org ON org.id = o.organization_id AND org.tenant_id = o.tenant_id
        WHERE o.tenant_id = $1 AND o.id = $2 AND o.status = 'published'`,
      [this.db.tenant().id, id],
    );
    return rows[0];
  }

  /** Names of the zone's codes: communes, EPCI (national reference data) or the tenant's territories. */
  async zoneLabels(type: string, codes: string[]): Promise<{ code: string; name: string }[]> {
    if (codes.length === 0) return [];
    const rows: { code: string; name: string }[] =
      type === 'communes'
        ? await this.db.manager().query(`SELECT insee AS code, name FROM commune WHERE insee = ANY($1)`, [codes])
        : type === 'epci'
          ? await this.db.manager().query(`SELECT code, name FROM epci WHERE code = ANY($1)`, [codes])
          : await this.db
              .manager()
              .query(`SELECT code, name FROM territory WHERE tenant_id = $1 AND code = ANY($2)`, [
                this.db.tenant().id,
                codes,
              ]);
    const byCode = new Map(rows.map((r) => [r.code, r.name]));
    return codes.map((code) => ({ code, name: byCode.get(code) ?? code }));
  }
}

const PLACES_JSON = (full: boolean) => `coalesce((SELECT json_agg(json_build_object(
      ${full ? `'label', p.label, 'address', p.address,` : ''}
      'commune', c.name, 'communeInsee', p.commune_insee, 'lat', p.lat, 'lng', p.lng) ORDER BY p.position)
    FROM offer_place p JOIN commune c ON c.insee = p.commune_insee WHERE p.offer_id = o.id AND p.tenant_id = o.tenant_id), '[]')`;
