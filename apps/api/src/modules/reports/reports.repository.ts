// The only code that reads the report's own facts (plan, fiches, funding) and writes what agents
// type for it (plan_fiche_year, plan_indicator_value). The tenant in every query, on top of RLS.
import { Injectable } from '@nestjs/common';
import type { IndicatorMeasure } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface PlanRow {
  id: string;
  name: string;
  period_start: number;
  period_end: number;
}

export interface FicheRow {
  id: string;
  axis_id: string;
  axis_number: number;
  axis_title: string;
  axis_description: string | null;
  number: string;
  title: string;
  description: string | null;
  objective: string | null;
  public_text: string | null;
  means: string | null;
  progress: string | null;
  voted_cents: string | null;
  updated_at: Date | null;
  updated_by: string | null;
}

/** An agreement that commits money in the year, with the current plan's fiches its call serves (plan order). */
export interface FundedAgreementRow {
  id: string;
  amount_cents: string;
  /** Cents of the tranches due within the year and not after today. */
  paid_cents: string;
  fiche_ids: string[];
}

@Injectable()
export class ReportsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get tenantId(): string {
    return this.db.tenant().id;
  }

  async currentPlan(): Promise<PlanRow | null> {
    const rows: PlanRow[] = await this.db
      .manager()
      .query(
        `SELECT id, name, period_start, period_end FROM insertion_plan WHERE tenant_id = $1 AND is_current LIMIT 1`,
        [this.tenantId],
      );
    return rows[0] ?? null;
  }

  /** The plan's fiches in order, with what was written for `year`. */
  async fiches(planId: string, year: number): Promise<FicheRow[]> {
    return this.db.manager().query(
      `SELECT f.id, a.id AS axis_id, a.number AS axis_number, a.title AS axis_title, a.description AS axis_description,
              f.number, f.title, f.description, f.objective, f.public_text, f.means,
              y.progress, y.voted_cents, y.updated_at, nullif(u.name, '') AS updated_by
         FROM plan_axis a
         JOIN plan_fiche f ON f.tenant_id = a.tenant_id AND f.axis_id = a.id
         LEFT JOIN plan_fiche_year y ON y.tenant_id = f.tenant_id AND y.fiche_id = f.id AND y.year = $3
         LEFT JOIN app_user u ON u.id = y.updated_by
        WHERE a.tenant_id = $1 AND a.plan_id = $2
        ORDER BY a.number, f.position, f.number`,
      [this.tenantId, planId, year],
    );
  }

  /**
   * Agreements signed, running or closed whose action overlaps `year` and whose call serves at
   * least one fiche of the plan; the tranches paid are those due within the year and by today (Paris).
   */
  async fundedAgreements(planId: string, year: number): Promise<FundedAgreementRow[]> {
    return this.db.manager().query(
      `SELECT g.id, g.amount_cents,
              coalesce((SELECT sum((t->>'amountCents')::bigint) FROM jsonb_array_elements(g.payment_schedule) t
                         WHERE (t->>'dueOn')::date BETWEEN make_date($3, 1, 1) AND make_date($3, 12, 31)
                           AND (t->>'dueOn')::date <= (now() AT TIME ZONE 'Europe/Paris')::date), 0) AS paid_cents,
              array_agg(f.id ORDER BY a.number, f.position, f.number) AS fiche_ids
         FROM agreement g
         JOIN funding_call_fiche cf ON cf.tenant_id = g.tenant_id AND cf.call_id = g.call_id
         JOIN plan_fiche f ON f.tenant_id = cf.tenant_id AND f.id = cf.fiche_id AND f.plan_id = $2
         JOIN plan_axis a ON a.tenant_id = f.tenant_id AND a.id = f.axis_id
        WHERE g.tenant_id = $1 AND g.status IN ('signed', 'running', 'closed')
          AND g.starts_on <= make_date($3, 12, 31) AND g.ends_on >= make_date($3, 1, 1)
        GROUP BY g.id
        ORDER BY g.id`,
      [this.tenantId, planId, year],
    );
  }

  /** A fiche of the current plan, locked for the write; null when it is not one. */
  async lockFiche(ficheId: string): Promise<{ id: string; number: string; title: string } | null> {
    const rows = await this.db.manager().query(
      `SELECT f.id, f.number, f.title FROM plan_fiche f
         JOIN insertion_plan p ON p.tenant_id = f.tenant_id AND p.id = f.plan_id AND p.is_current
        WHERE f.tenant_id = $1 AND f.id = $2 FOR UPDATE OF f`,
      [this.tenantId, ficheId],
    );
    return rows[0] ?? null;
  }

  async indicatorsOf(ficheId: string): Promise<{ id: string; measure: IndicatorMeasure }[]> {
    return this.db
      .manager()
      .query(`SELECT id, measure FROM plan_indicator WHERE tenant_id = $1 AND fiche_id = $2`, [this.tenantId, ficheId]);
  }

  /** Upserts the fiche's year; fields left undefined keep their value. */
  async saveFicheYear(
    ficheId: string,
    year: number,
    change: { progress?: string; votedCents?: number | null },
    actorId: string,
  ): Promise<void> {
    await this.db.manager().query(
      `INSERT INTO plan_fiche_year (tenant_id, fiche_id, year, progress, voted_cents, updated_by, updated_at)
       VALUES ($1, $2, $3, coalesce($4, ''), $5, $7, now())
       ON CONFLICT (tenant_id, fiche_id, year) DO UPDATE SET
         progress = CASE WHEN $4::text IS NULL THEN plan_fiche_year.progress ELSE EXCLUDED.progress END,
         voted_cents = CASE WHEN $6 THEN EXCLUDED.voted_cents ELSE plan_fiche_year.voted_cents END,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        this.tenantId,
        ficheId,
        year,
        change.progress ?? null,
        change.votedCents ?? null,
        change.votedCents !== undefined,
        actorId,
      ],
    );
  }

  async saveValue(indicatorId: string, year: number, value: number, note: string | null, actorId: string) {
    await this.db.manager().query(
      `INSERT INTO plan_indicator_value (tenant_id, indicator_id, year, value, note, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (tenant_id, indicator_id, year) DO UPDATE SET
         value = EXCLUDED.value, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [this.tenantId, indicatorId, year, value, note, actorId],
    );
  }

  async deleteValue(indicatorId: string, year: number): Promise<void> {
    await this.db
      .manager()
      .query(`DELETE FROM plan_indicator_value WHERE tenant_id = $1 AND indicator_id = $2 AND year = $3`, [
        this.tenantId,
        indicatorId,
        year,
      ]);
  }
}
