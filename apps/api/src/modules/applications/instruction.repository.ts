// The instruction's data: each assigned agent's scores of an application, the call's ranking facts
// and the sum granted against its envelope. Every query names its tenant on top of row-level security.
import { Injectable } from '@nestjs/common';
import type { ApplicationStatus } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface ScoreRow {
  instructor_id: string;
  instructor_name: string;
  scores: Record<string, number>;
  comment: string;
  total: string;
  eliminated: boolean;
  scored_at: Date;
}

/** One ranked application: its amounts and the instructors' totals. */
export interface RankingRow {
  id: string;
  organization_name: string;
  status: ApplicationStatus;
  amount_requested_cents: string | null;
  amount_granted_cents: string | null;
  submitted_at: Date | null;
  first_submitted_at: Date | null;
  score_count: number;
  mean_total: string | null;
  eliminated: boolean;
}

@Injectable()
export class InstructionRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get q() {
    return this.db.manager();
  }
  private get tenantId() {
    return this.db.tenant().id;
  }

  async scores(applicationId: string): Promise<ScoreRow[]> {
    return this.q.query(
      `SELECT s.instructor_id, u.name AS instructor_name, s.scores, s.comment, s.total, s.eliminated, s.scored_at
         FROM application_score s JOIN app_user u ON u.id = s.instructor_id
        WHERE s.tenant_id = $1 AND s.application_id = $2
        ORDER BY u.name, s.instructor_id`,
      [this.tenantId, applicationId],
    );
  }

  /** The instructor's own scores of the application, replacing their previous ones. */
  async upsertScore(s: {
    applicationId: string;
    instructorId: string;
    scores: Record<string, number>;
    comment: string;
    total: number;
    eliminated: boolean;
  }): Promise<void> {
    await this.q.query(
      `INSERT INTO application_score (tenant_id, application_id, instructor_id, scores, comment, no_conflict_of_interest, total, eliminated)
       VALUES ($1, $2, $3, $4::jsonb, $5, true, $6, $7)
       ON CONFLICT (tenant_id, application_id, instructor_id)
       DO UPDATE SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, total = EXCLUDED.total,
                     eliminated = EXCLUDED.eliminated, no_conflict_of_interest = true, scored_at = now()`,
      [this.tenantId, s.applicationId, s.instructorId, JSON.stringify(s.scores), s.comment, s.total, s.eliminated],
    );
  }

  /** The call's submitted and decided applications with their instructors' mean total. */
  async ranking(callId: string): Promise<RankingRow[]> {
    return this.q.query(
      `SELECT a.id, o.name AS organization_name, a.status, a.amount_requested_cents, a.amount_granted_cents,
              a.submitted_at, a.first_submitted_at,
              count(s.instructor_id)::int AS score_count,
              avg(s.total) AS mean_total,
              coalesce(bool_or(s.eliminated), false) AS eliminated
         FROM application a
         JOIN organization o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
         LEFT JOIN application_score s ON s.tenant_id = a.tenant_id AND s.application_id = a.id
        WHERE a.tenant_id = $1 AND a.call_id = $2 AND a.status IN ('submitted', 'selected', 'rejected')
        GROUP BY a.id, o.name`,
      [this.tenantId, callId],
    );
  }

  /** The sum granted so far in the call, in cents (read under the call's row lock by a decision). */
  async grantedCents(callId: string): Promise<number> {
    const rows: { sum: string }[] = await this.q.query(
      `SELECT coalesce(sum(amount_granted_cents), 0) AS sum FROM application
        WHERE tenant_id = $1 AND call_id = $2 AND status = 'selected'`,
      [this.tenantId, callId],
    );
    return Number(rows[0]!.sum);
  }
}
