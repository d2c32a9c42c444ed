import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface CommuneRow {
  insee: string;
  name: string;
  postcodes: string[];
  epci: string | null;
  lat: number;
  lng: number;
  approx: boolean;
}

/** Communes are national reference data; every query is limited to the tenant's département. */
@Injectable()
export class CommunesRepository {
  constructor(private readonly db: TenantTransaction) {}

  /** Up to `limit` communes whose folded name starts with `folded` or whose postcode starts with `digits`. */
  search(departement: string, folded: string, limit: number): Promise<CommuneRow[]> {
    const isPostcode = /^\d{2,5}$/.test(folded);
    return this.db.manager().query(
      `SELECT insee, name, postcodes, epci, lat, lng, approx
         FROM commune
        WHERE departement = $1
          AND ($2 = '' OR ${isPostcode ? `EXISTS (SELECT 1 FROM unnest(postcodes) p WHERE p LIKE $2 || '%')` : `name_folded LIKE $2 || '%' OR name_folded LIKE '% ' || $2 || '%'`})
        ORDER BY (name_folded = $2) DESC, (name_folded LIKE $2 || '%') DESC, population DESC, name
        LIMIT $3`,
      [departement, folded, limit],
    );
  }

  async findInDepartement(departement: string, insee: string): Promise<CommuneRow | undefined> {
    const rows: CommuneRow[] = await this.db
      .manager()
      .query(
        `SELECT insee, name, postcodes, epci, lat, lng, approx FROM commune WHERE insee = $1 AND departement = $2`,
        [insee, departement],
      );
    return rows[0];
  }

  /** The territories (of the current tenant) a commune belongs to. */
  async territoryCodesOf(insee: string): Promise<string[]> {
    const rows: { code: string }[] = await this.db
      .manager()
      .query(`SELECT code FROM territory WHERE tenant_id = $1 AND commune_codes @> ARRAY[$2]::text[]`, [
        this.db.tenant().id,
        insee,
      ]);
    return rows.map((r) => r.code);
  }
}
