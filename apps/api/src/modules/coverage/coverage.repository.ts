import { Injectable } from '@nestjs/common';
import { ALL_AUDIENCES } from '@catalogue/domain';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { zoneKey } from '../geo/zone-keys.js';

export interface CoverageRow {
  insee: string;
  name: string;
  population: number;
  lat: number;
  lng: number;
  approx: boolean;
  epci: string | null;
  km: number | null;
  offer_id: string | null;
  offer_title: string | null;
  covered: boolean;
}

/** The coverage module's only SQL: reads offers, their places and zones, and the reference communes. */
@Injectable()
export class CoverageRepository {
  constructor(private readonly db: TenantTransaction) {}

  /**
   * Every commune of the département with the nearest place of a published offer of the theme (and
   * public: « tous publics » offers count, as in the search), and whether the diffusion zone of such
   * an offer includes it (the keys of zone-keys.ts: commune, EPCI, territory; not the whole
   * département, every offer's default zone, which says nothing of where it really reaches). One
   * query, fast on a large département: offers read from offer_coverage_idx alone; places reduced to
   * their distinct points (many offers share an address); each commune ranks those points by the
   * chord between unit vectors (plain arithmetic, same order as the great-circle distance), and only
   * the nearest gets its earth distance (rescaled to the search's Earth radius: same kilometres).
   */
  async communes(
    departement: string,
    theme: string,
    audience: string | null,
  ): Promise<{ offers: number; rows: CoverageRow[] }> {
    const tenantId = this.db.tenant().id;
    const rows: (CoverageRow & { offers: number })[] = await this.db.manager().query(
      `WITH chosen AS MATERIALIZED (
              SELECT o.id, o.zone_keys FROM offer o
               WHERE o.tenant_id = $1 AND o.status = 'published' AND o.theme_index @> ARRAY[$2]::text[]
                 AND ($3::text IS NULL OR o.audiences && ARRAY[$3, $4]::text[])),
            places AS MATERIALIZED (
              SELECT DISTINCT ON (p.lat, p.lng) c.id, p.lat, p.lng, ${unitVector('p')}
                FROM chosen c JOIN offer_place p ON p.offer_id = c.id AND p.tenant_id = $1
               ORDER BY p.lat, p.lng, c.id),
            zoned AS (SELECT coalesce(array_agg(DISTINCT k), '{}') AS keys FROM chosen, unnest(chosen.zone_keys) k),
            counted AS (SELECT count(*)::int AS offers FROM chosen)
       SELECT m.insee, m.name, m.population, m.lat, m.lng, m.approx, m.epci, counted.offers,
              n.km, n.id AS offer_id, (SELECT o.title FROM offer o WHERE o.id = n.id) AS offer_title,
              (ARRAY[$6 || m.insee] || CASE WHEN m.epci IS NULL THEN '{}'::text[] ELSE ARRAY[$7 || m.epci] END
                 || ARRAY(SELECT $8 || t.code FROM territory t WHERE t.tenant_id = $1 AND t.commune_codes @> ARRAY[m.insee]))
                && zoned.keys AS covered
         FROM commune m
        CROSS JOIN zoned
        CROSS JOIN counted
        CROSS JOIN LATERAL (SELECT ${unitVector('m')}) me
         LEFT JOIN LATERAL (
              SELECT pl.id,
                     earth_distance(ll_to_earth(m.lat, m.lng), ll_to_earth(pl.lat, pl.lng)) / earth() * 6371.0088 AS km
                FROM places pl
               ORDER BY (pl.x - me.x) ^ 2 + (pl.y - me.y) ^ 2 + (pl.z - me.z) ^ 2, pl.id LIMIT 1) n ON true
        WHERE m.departement = $5
        ORDER BY m.insee`,
      [
        tenantId,
        theme,
        audience,
        ALL_AUDIENCES,
        departement,
        zoneKey.commune(''),
        zoneKey.epci(''),
        zoneKey.territory(''),
      ],
    );
    return { offers: rows[0]?.offers ?? 0, rows };
  }
}

/** The point's unit vector (x, y, z) from the `lat`, `lng` columns of `alias`. */
const unitVector = (alias: string): string =>
  `cos(radians(${alias}.lat)) * cos(radians(${alias}.lng)) AS x, cos(radians(${alias}.lat)) * sin(radians(${alias}.lng)) AS y, sin(radians(${alias}.lat)) AS z`;
