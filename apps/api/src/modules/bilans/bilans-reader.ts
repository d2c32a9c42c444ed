// What other modules read of the bilans, in the caller's tenant transaction: the validated bilans
// of a year per plan fiche (the fiche of the funded offer, else the first fiche of the agreement's
// call). The report reads the tables itself for the rest.
import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface FicheBilans {
  ficheId: string;
  validated: number;
  grantedCents: number;
  spentCents: number;
}

@Injectable()
export class BilansReader {
  constructor(private readonly db: TenantTransaction) {}

  async validatedByFiche(year: number): Promise<FicheBilans[]> {
    const rows: { fiche_id: string; validated: string; granted: string; spent: string }[] = await this.db
      .manager()
      .query(
        `SELECT fiche_id, count(*) AS validated, sum(granted_cents) AS granted, sum(spent) AS spent
         FROM (
           SELECT coalesce(f.plan_fiche_id,
                    (SELECT cf.fiche_id FROM funding_call_fiche cf WHERE cf.tenant_id = b.tenant_id AND cf.call_id = a.call_id
                      ORDER BY cf.fiche_id LIMIT 1)) AS fiche_id,
                  b.granted_cents,
                  (SELECT coalesce(sum((l->>'spentCents')::bigint), 0) FROM jsonb_array_elements(b.budget_lines) l) AS spent
             FROM bilan b
             LEFT JOIN agreement a ON a.tenant_id = b.tenant_id AND a.id = b.agreement_id
             LEFT JOIN offer f ON f.tenant_id = b.tenant_id AND f.id = coalesce(a.offer_id, b.offer_id)
            WHERE b.tenant_id = $1 AND b.year = $2 AND b.status = 'validated'
         ) x
        WHERE fiche_id IS NOT NULL
        GROUP BY fiche_id ORDER BY fiche_id`,
        [this.db.tenant().id, year],
      );
    return rows.map((r) => ({
      ficheId: r.fiche_id,
      validated: Number(r.validated),
      grantedCents: Number(r.granted),
      spentCents: Number(r.spent),
    }));
  }
}
