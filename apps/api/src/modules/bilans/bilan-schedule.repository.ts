// SQL of the bilans' clock: the agreements whose bilans are still to create, their creation
// (idempotent: the unique index per agreement and year and ON CONFLICT DO NOTHING), the bilans to
// open, and the reminders, each claimed once by a conditional UPDATE on its stamp column (of two
// runs at once, the second finds the stamp set and claims nothing).
import { Injectable } from '@nestjs/common';
import type { BilanIndicatorValue, CallQuestion } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { StoredBudgetLine } from './bilans.repository.js';

export interface AgreementForBilans {
  id: string;
  organization_id: string;
  starts_on: string;
  ends_on: string;
  bilan_due_dates: string[];
  amount_cents: string;
  indicators: { indicatorId: string | null; label: string; unit: string; target: number | null }[];
  answers: Record<string, unknown>;
  questions: CallQuestion[];
}

export type ReminderStamp = 'reminded_before_at' | 'reminded_due_at' | 'reminded_after_at';

@Injectable()
export class BilanScheduleRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.db.manager().query(sql, params);
  }
  private async updatedIds(sql: string, params: unknown[]): Promise<string[]> {
    const runner = this.db.manager().queryRunner;
    if (!runner) throw new Error('bilans: writes run inside a transaction');
    return ((await runner.query(sql, params, true)).records as { id: string }[]).map((r) => r.id);
  }
  private get tenantId(): string {
    return this.db.tenant().id;
  }

  /** Signed, running or closed agreements with fewer bilans than due dates. */
  agreementsToCover(limit: number): Promise<AgreementForBilans[]> {
    return this.q<AgreementForBilans>(
      `SELECT a.id, a.organization_id, a.starts_on::text AS starts_on, a.ends_on::text AS ends_on,
              a.bilan_due_dates::text[] AS bilan_due_dates, a.amount_cents, a.indicators, ap.answers, c.questions
         FROM agreement a
         JOIN application ap ON ap.tenant_id = a.tenant_id AND ap.id = a.application_id
         JOIN funding_call c ON c.tenant_id = a.tenant_id AND c.id = a.call_id
        WHERE a.tenant_id = $1 AND a.status IN ('signed', 'running', 'closed')
          AND cardinality(a.bilan_due_dates) > (SELECT count(*) FROM bilan b WHERE b.tenant_id = a.tenant_id AND b.agreement_id = a.id)
        ORDER BY a.id LIMIT $2`,
      [this.tenantId, limit],
    );
  }

  /** The bilan of an agreement for a year, unless it exists; its id, or null. */
  async createForAgreement(b: {
    agreementId: string;
    organizationId: string;
    year: number;
    periodStart: string;
    periodEnd: string;
    dueOn: string;
    grantedCents: string;
    indicators: BilanIndicatorValue[];
    budgetLines: StoredBudgetLine[];
  }): Promise<string | null> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO bilan (tenant_id, agreement_id, organization_id, year, period_start, period_end, due_on, granted_cents,
                          indicator_values, budget_lines)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)
       ON CONFLICT (tenant_id, agreement_id, year) WHERE agreement_id IS NOT NULL DO NOTHING RETURNING id`,
      [
        this.tenantId,
        b.agreementId,
        b.organizationId,
        b.year,
        b.periodStart,
        b.periodEnd,
        b.dueOn,
        b.grantedCents,
        JSON.stringify(b.indicators),
        JSON.stringify(b.budgetLines),
      ],
    );
    return rows[0]?.id ?? null;
  }

  async addCreatedEvent(id: string): Promise<void> {
    await this.q(
      `INSERT INTO bilan_event (tenant_id, bilan_id, from_status, to_status, message) VALUES ($1, $2, NULL, 'to_come', $3)`,
      [this.tenantId, id, 'Créé d’après les échéances de la convention'],
    );
  }

  /** Bilans to come whose due date is within `days` days of `today`. */
  async toOpen(today: string, days: number, limit: number): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT id FROM bilan WHERE tenant_id = $1 AND status = 'to_come' AND due_on - $3::int <= $2::date
        ORDER BY due_on, id LIMIT $4`,
      [this.tenantId, today, days, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Claims the open bilans due for one reminder (stamp still empty, `today` in its window):
   * before: within `days` days before the due date; due: on the due date; after: `days` days or
   * more after it. Only bilans still open (never submitted) are reminded.
   */
  claimReminders(stamp: ReminderStamp, today: string, days: number, limit: number): Promise<string[]> {
    const window = {
      // Not the day it opened: the opening email already said when it is due.
      reminded_before_at: `due_on - $3::int <= $2::date AND due_on > $2::date AND opened_at < now() - interval '2 days'`,
      reminded_due_at: `due_on = $2::date AND $3::int >= 0`,
      reminded_after_at: `due_on + $3::int <= $2::date`,
    }[stamp];
    return this.updatedIds(
      `UPDATE bilan SET ${stamp} = now()
        WHERE id IN (SELECT id FROM bilan WHERE tenant_id = $1 AND status = 'open' AND ${stamp} IS NULL AND ${window}
                      ORDER BY id LIMIT $4)
          AND tenant_id = $1 AND status = 'open' AND ${stamp} IS NULL
        RETURNING id`,
      [this.tenantId, today, days, limit],
    );
  }
}
