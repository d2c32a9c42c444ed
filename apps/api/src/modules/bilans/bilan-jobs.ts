// The bilans' clock (hourly): creates the bilans of signed, running and closed agreements (one per
// due date and year, prefilled with the agreement's indicators and the application's budget),
// opens those due within 30 days (the structure is told), and reminds the structure 7 days before,
// on the due date and 7 days after (then the agents too). Safe with several instances: creation
// is idempotent by the unique indexes, an opening goes through the row lock and the state machine,
// and each reminder is claimed once by a conditional UPDATE in the transaction that queues it.
import { Injectable, Logger } from '@nestjs/common';
import { toCents, type BudgetLine } from '@catalogue/contracts';
import { RegisterJob, type BackgroundJob } from '../../common/jobs/background-job.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { bilanPeriods, OPEN_DAYS_BEFORE, parisToday, REMINDER_DAYS } from './bilan-lifecycle.js';
import { BilanNotices } from './bilan-notices.js';
import { BilanScheduleRepository, type AgreementForBilans, type ReminderStamp } from './bilan-schedule.repository.js';
import { BilansRepository, type StoredBudgetLine } from './bilans.repository.js';
import { BilansService } from './bilans.service.js';

const BATCH = 200;
const REMINDERS: [ReminderStamp, 'before' | 'due' | 'after'][] = [
  ['reminded_before_at', 'before'],
  ['reminded_due_at', 'due'],
  ['reminded_after_at', 'after'],
];

export interface BilanJobsReport {
  created: number;
  opened: number;
  reminders: number;
}

/** The application's budget lines (from the call's budget question, if any) as planned lines. */
export function plannedLines(a: Pick<AgreementForBilans, 'answers' | 'questions'>): StoredBudgetLine[] {
  const q = a.questions.find((x) => x.type === 'budget_table');
  const lines = q ? a.answers[q.key] : undefined;
  if (!Array.isArray(lines)) return [];
  return (lines as Partial<BudgetLine>[])
    .filter((l) => typeof l?.label === 'string' && l.label.trim())
    .slice(0, 50)
    .map((l) => ({ label: l.label!.trim().slice(0, 200), plannedCents: toCents(l.amount, 1e9), spentCents: 0 }));
}

/**
 * Creates the bilans still missing for signed, running and closed agreements (one per period of
 * their due dates), prefilled, each with its creation event, in the caller's transaction; the ids
 * created. Idempotent (the unique index per agreement and year): the hourly job and the demo use it.
 */
export async function createDueBilans(schedule: BilanScheduleRepository, limit: number): Promise<string[]> {
  const created: string[] = [];
  for (const a of await schedule.agreementsToCover(limit))
    for (const p of bilanPeriods(a.starts_on, a.ends_on, a.bilan_due_dates)) {
      const id = await schedule.createForAgreement({
        agreementId: a.id,
        organizationId: a.organization_id,
        ...p,
        grantedCents: a.amount_cents,
        indicators: a.indicators.map((i) => ({ ...i, value: null, comment: '' })),
        budgetLines: plannedLines(a),
      });
      if (id) {
        await schedule.addCreatedEvent(id);
        created.push(id);
      }
    }
  return created;
}

@Injectable()
@RegisterJob()
export class BilanJobs implements BackgroundJob {
  readonly jobName = 'création, ouverture et relances des bilans';
  readonly intervalMs = 60 * 60_000;
  private readonly log = new Logger('Bilans');

  constructor(
    private readonly tenants: TenantDirectory,
    private readonly transaction: TenantTransaction,
    private readonly schedule: BilanScheduleRepository,
    private readonly repo: BilansRepository,
    private readonly bilans: BilansService,
    private readonly notices: BilanNotices,
  ) {}

  async run(today = parisToday()): Promise<BilanJobsReport> {
    const report: BilanJobsReport = { created: 0, opened: 0, reminders: 0 };
    for (const tenant of await this.tenants.list()) {
      report.created += (await this.transaction.run(tenant, () => createDueBilans(this.schedule, BATCH))).length;
      const toOpen = await this.transaction.run(tenant, () => this.schedule.toOpen(today, OPEN_DAYS_BEFORE, BATCH));
      // One transaction per bilan: a failure leaves the others done.
      for (const id of toOpen)
        if (await this.transaction.run(tenant, () => this.bilans.openBySystem(tenant, id))) report.opened++;
      for (const [stamp, when] of REMINDERS)
        for (;;) {
          const n = await this.transaction.run(tenant, async () => {
            const ids = await this.schedule.claimReminders(stamp, today, REMINDER_DAYS, BATCH);
            for (const id of ids)
              await this.notices.send(tenant, (await this.repo.load(id))!, { kind: 'reminder', when }, null);
            return ids.length;
          });
          report.reminders += n;
          if (n < BATCH) break;
        }
    }
    if (report.created || report.opened || report.reminders)
      this.log.log(`${report.created} bilan(s) créé(s), ${report.opened} ouvert(s), ${report.reminders} relance(s)`);
    return report;
  }
}
