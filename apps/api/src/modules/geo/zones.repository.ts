import { Injectable } from '@nestjs/common';
import type { ZoneChoice } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

/** The areas a diffusion zone may name: EPCI are national reference data, territories belong to the tenant. */
@Injectable()
export class ZonesRepository {
  constructor(private readonly db: TenantTransaction) {}

  /** The EPCI with at least one commune in the département (an EPCI may straddle two départements). */
  epcisOf(departement: string): Promise<ZoneChoice[]> {
    return this.db.manager().query(
      `SELECT e.code, e.name
         FROM epci e
        WHERE EXISTS (SELECT 1 FROM commune c WHERE c.epci = e.code AND c.departement = $1)
        ORDER BY e.code`,
      [departement],
    );
  }

  territories(): Promise<ZoneChoice[]> {
    return this.db
      .manager()
      .query(`SELECT code, name FROM territory WHERE tenant_id = $1 ORDER BY code`, [this.db.tenant().id]);
  }
}
