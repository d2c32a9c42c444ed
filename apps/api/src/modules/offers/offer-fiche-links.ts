// Offers point to a fiche of the plan. Before that they named their measure in free text
// (`plan_measure`, kept as it was): when a plan is entered, the offers whose text names one of its
// fiches are linked to it. The demo applies its own table (PLAN_MEASURES.md), real tenants the
// pattern-based reading of the text.
import { Injectable } from '@nestjs/common';
import { ficheNumberFor } from '@catalogue/domain';
import type { Queryable } from '../../database/catalogue-writer.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { writerOf } from './offers-write.repository.js';

/**
 * Links the tenant's offers that still have only their legacy text to the fiche it names
 * (`fiches`: the plan's fiche ids by number; `table`: text → fiche number, read first when given).
 * Returns how many offers were linked.
 */
export async function linkLegacyMeasures(
  db: Queryable,
  tenantId: string,
  fiches: ReadonlyMap<string, string>,
  table?: Readonly<Record<string, string | null>>,
): Promise<number> {
  if (fiches.size === 0) return 0;
  const { rows } = await db.query<{ id: string; plan_measure: string }>(
    `SELECT id, plan_measure FROM offer WHERE tenant_id = $1 AND plan_fiche_id IS NULL AND plan_measure IS NOT NULL`,
    [tenantId],
  );
  const known = new Set(fiches.keys());
  const links = rows.flatMap((o) => {
    const number =
      table && Object.hasOwn(table, o.plan_measure) ? table[o.plan_measure] : ficheNumberFor(o.plan_measure, known);
    const fiche = number ? fiches.get(number) : undefined;
    return fiche ? [{ id: o.id, fiche }] : [];
  });
  if (!links.length) return 0;
  const { rows: linked } = await db.query<{ id: string }>(
    `UPDATE offer o SET plan_fiche_id = r.fiche
       FROM json_to_recordset($2::json) AS r(id uuid, fiche uuid)
      WHERE o.tenant_id = $1 AND o.id = r.id AND o.plan_fiche_id IS NULL
     RETURNING o.id`,
    [tenantId, JSON.stringify(links)],
  );
  return linked.length;
}

/** What the plan module asks of offers, in the request's transaction. */
@Injectable()
export class OfferFicheLinks {
  constructor(private readonly db: TenantTransaction) {}

  link(fiches: ReadonlyMap<string, string>): Promise<number> {
    return linkLegacyMeasures(writerOf(this.db.manager()), this.db.tenant().id, fiches);
  }
}
