// What other modules read of the plan (calls name their fiches, agreements copy their indicators):
// fiches by id, within the current request's tenant.
import { Injectable } from '@nestjs/common';
import type { FicheRef, IndicatorMeasure } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface FicheIndicator {
  id: string;
  ficheId: string;
  label: string;
  unit: string;
  measure: IndicatorMeasure;
  targets: Record<string, number>;
}

@Injectable()
export class PlanReader {
  constructor(private readonly db: TenantTransaction) {}

  /** The fiches among `ids` that exist in this tenant, in plan order (unknown ids are left out). */
  async ficheRefs(ids: readonly string[]): Promise<FicheRef[]> {
    if (!ids.length) return [];
    const rows: { id: string; number: string; title: string; axis_number: number; axis_title: string }[] = await this.db
      .manager()
      .query(
        `SELECT f.id, f.number, f.title, a.number AS axis_number, a.title AS axis_title
           FROM plan_fiche f JOIN plan_axis a ON a.tenant_id = f.tenant_id AND a.id = f.axis_id
          WHERE f.tenant_id = $1 AND f.id = ANY($2::uuid[])
          ORDER BY a.number, f.position, f.number`,
        [this.db.tenant().id, ids],
      );
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      axis: { number: r.axis_number, title: r.axis_title },
    }));
  }

  /** The indicators of these fiches, in plan order. */
  async indicatorsOf(ficheIds: readonly string[]): Promise<FicheIndicator[]> {
    if (!ficheIds.length) return [];
    const rows: {
      id: string;
      fiche_id: string;
      label: string;
      unit: string;
      measure: IndicatorMeasure;
      targets: Record<string, number>;
    }[] = await this.db.manager().query(
      `SELECT i.id, i.fiche_id, i.label, i.unit, i.measure, i.targets
         FROM plan_indicator i
        WHERE i.tenant_id = $1 AND i.fiche_id = ANY($2::uuid[])
        ORDER BY i.fiche_id, i.position`,
      [this.db.tenant().id, ficheIds],
    );
    return rows.map((r) => ({
      id: r.id,
      ficheId: r.fiche_id,
      label: r.label,
      unit: r.unit,
      measure: r.measure,
      targets: r.targets,
    }));
  }
}
