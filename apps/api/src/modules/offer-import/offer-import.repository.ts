// SQL of the spreadsheet import: the structure, the département's geography the lines are
// checked against, and the guard against importing the same file twice. Reads only: the offers
// are written by the offers module (OfferBatch). The tenant is named in every query.
import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface ImportingOrganization {
  id: string;
  name: string;
  status: 'pending' | 'validated' | 'rejected';
}

@Injectable()
export class OfferImportRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.db.manager().query(sql, params);
  }
  private get tenantId(): string {
    return this.db.tenant().id;
  }

  async organization(id: string): Promise<ImportingOrganization | undefined> {
    const rows = await this.q<ImportingOrganization>(
      `SELECT id, name, status FROM organization WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  /** The département's communes (their centre places an imported offer) and the EPCI reaching it. */
  async geography(departement: string) {
    const communes = await this.q<{ insee: string; epci: string | null; lat: number; lng: number }>(
      `SELECT insee, epci, lat, lng FROM commune WHERE departement = $1`,
      [departement],
    );
    return {
      communes: new Map(communes.map((c) => [c.insee, { lat: c.lat, lng: c.lng }])),
      epcis: new Set(communes.flatMap((c) => (c.epci ? [c.epci] : []))),
    };
  }

  /** The département's most populated communes (the template's example). */
  async largestCommunes(departement: string, n: number): Promise<string[]> {
    const rows = await this.q<{ insee: string }>(
      `SELECT insee FROM commune WHERE departement = $1 ORDER BY population DESC, insee LIMIT $2`,
      [departement, n],
    );
    return rows.map((r) => r.insee);
  }

  /**
   * Serialises the imports of one structure until the transaction ends: a second upload of the
   * same file waits for the first, then finds its offers (importedAt) and is refused.
   */
  async lockStructure(organizationId: string): Promise<void> {
    await this.q(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`offer-import:${organizationId}`]);
  }

  /** When offers of this structure were imported from a file (by its source-key prefix), if ever. */
  async importedAt(organizationId: string, sourceKeyPrefix: string): Promise<Date | null> {
    const rows = await this.q<{ at: Date }>(
      `SELECT min(created_at) AS at FROM offer
        WHERE tenant_id = $1 AND organization_id = $2 AND starts_with(source_key, $3)`,
      [this.tenantId, organizationId, sourceKeyPrefix],
    );
    return rows[0]?.at ?? null;
  }

  /** A dry run writes as the import would, then takes it all back. */
  savepoint(): Promise<unknown> {
    return this.q(`SAVEPOINT offer_import_dry_run`, []);
  }
  rollbackToSavepoint(): Promise<unknown> {
    return this.q(`ROLLBACK TO SAVEPOINT offer_import_dry_run`, []);
  }
}
