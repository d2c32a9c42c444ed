import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { OfferExportRow, OrganizationExportRow } from './data-inclusion-mapping.js';

export type ExportKind = 'structures' | 'services';

/** What tells whether an export changed: its records' count and latest change, the catalogue's version. */
export interface ExportState {
  count: number;
  /** The latest `updated_at` of the exported records (null: none). */
  latest: Date | null;
  /** The tenant's catalogue version (bumped by any change of an offer, a place or an organisation) and its time. */
  version: string;
  versionAt: Date | null;
  /** A digest of the territories' communes (a territory zone is exported as their INSEE codes). */
  territories: string;
}

// What is exported: validated structures; published offers of a validated structure (a service
// always has its structure in the structures export).
const STRUCTURES_WHERE = `o.tenant_id = $1 AND o.status = 'validated'`;
const SERVICES_FROM = `offer o JOIN organization s ON s.tenant_id = o.tenant_id AND s.id = o.organization_id AND s.status = 'validated'`;
const SERVICES_WHERE = `o.tenant_id = $1 AND o.status = 'published'`;

/** The export's only SQL: reads in keyset batches (by id) so that no export sits in memory whole. */
@Injectable()
export class DataInclusionExportRepository {
  constructor(private readonly db: TenantTransaction) {}

  async state(kind: ExportKind): Promise<ExportState> {
    const tenantId = this.db.tenant().id;
    const from =
      kind === 'structures' ? `organization o WHERE ${STRUCTURES_WHERE}` : `${SERVICES_FROM} WHERE ${SERVICES_WHERE}`;
    const rows: {
      count: number;
      latest: Date | null;
      version: string | null;
      version_at: Date | null;
      territories: string | null;
    }[] = await this.db.manager().query(
      `SELECT (SELECT count(*)::int FROM ${from}) AS count,
              (SELECT max(o.updated_at) FROM ${from}) AS latest,
              (SELECT version::text FROM catalogue_version WHERE tenant_id = $1) AS version,
              (SELECT changed_at FROM catalogue_version WHERE tenant_id = $1) AS version_at,
              (SELECT md5(string_agg(code || ':' || array_to_string(commune_codes, ','), ';' ORDER BY code))
                 FROM territory WHERE tenant_id = $1) AS territories`,
      [tenantId],
    );
    const r = rows[0]!;
    return {
      count: r.count,
      latest: r.latest,
      version: r.version ?? '0',
      versionAt: r.version_at,
      territories: r.territories ?? '',
    };
  }

  /** The tenant's territories: code → INSEE codes of their communes. */
  async territories(): Promise<Map<string, string[]>> {
    const rows: { code: string; commune_codes: string[] }[] = await this.db
      .manager()
      .query(`SELECT code, commune_codes FROM territory WHERE tenant_id = $1`, [this.db.tenant().id]);
    return new Map(rows.map((r) => [r.code, r.commune_codes]));
  }

  /** Up to `limit` exported offers after `after` (by id), each with its first place. */
  services(after: string | null, limit: number): Promise<OfferExportRow[]> {
    return this.db.manager().query(
      `SELECT o.id, o.organization_id, o.title, o.summary, o.description, o.themes, o.audiences, o.service_types,
              o.eligibility, o.cost, o.cost_details, o.modes, o.access, o.mobilisation, o.zone_type, o.zone_codes,
              o.contact_name, o.contact_email, o.contact_phone, o.updated_at,
              p.label AS place_label, p.address AS place_address, p.commune_insee AS place_insee,
              c.name AS place_commune, c.postcodes[1] AS place_postcode, p.lat AS place_lat, p.lng AS place_lng
         FROM ${SERVICES_FROM}
         LEFT JOIN LATERAL (
           SELECT label, address, commune_insee, lat, lng FROM offer_place
            WHERE tenant_id = o.tenant_id AND offer_id = o.id ORDER BY position, id LIMIT 1
         ) p ON true
         LEFT JOIN commune c ON c.insee = p.commune_insee
        WHERE ${SERVICES_WHERE} AND ($2::uuid IS NULL OR o.id > $2::uuid)
        ORDER BY o.id
        LIMIT $3`,
      [this.db.tenant().id, after, limit],
    );
  }

  /** Up to `limit` exported structures after `after` (by id). */
  structures(after: string | null, limit: number): Promise<OrganizationExportRow[]> {
    return this.db.manager().query(
      `SELECT o.id, o.name, o.description, o.siret, o.address, o.commune_insee, c.name AS commune_name,
              c.postcodes[1] AS commune_postcode, o.lat, o.lng, o.website, o.email, o.phone, o.updated_at
         FROM organization o
         LEFT JOIN commune c ON c.insee = o.commune_insee
        WHERE ${STRUCTURES_WHERE} AND ($2::uuid IS NULL OR o.id > $2::uuid)
        ORDER BY o.id
        LIMIT $3`,
      [this.db.tenant().id, after, limit],
    );
  }
}
