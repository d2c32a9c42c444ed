// The registrations' clock: reminds structures of pending registrations (after the tenant's
// delay, 7 days by default), expires what waited too long (30 days) or whose session started,
// and reminds accepted people 48 h before their session. Safe with several instances: reminders
// are claimed by an UPDATE only one caller wins, in the transaction that queues the email; an
// expiry goes through the service's locks (offer, session, registration) and the state machine,
// so a registration already moved is left alone.
import { Injectable, Logger } from '@nestjs/common';
import { RegisterJob, type BackgroundJob } from '../../common/jobs/background-job.js';
import { readTenantRules } from '../../common/tenancy/tenant-rules.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { RegistrationsService } from './registrations.service.js';

export const SESSION_REMINDER_HOURS = 48;
const BATCH = 200;

export interface RegistrationJobsReport {
  expired: number;
  pendingReminders: number;
  sessionReminders: number;
}

@Injectable()
@RegisterJob()
export class RegistrationJobs implements BackgroundJob {
  readonly jobName = 'relances et expirations des inscriptions';
  readonly intervalMs = 15 * 60_000;
  private readonly log = new Logger('Inscriptions');

  constructor(
    private readonly tenants: TenantDirectory,
    private readonly transaction: TenantTransaction,
    private readonly repo: RegistrationsRepository,
    private readonly registrations: RegistrationsService,
  ) {}

  async run(): Promise<RegistrationJobsReport> {
    const report: RegistrationJobsReport = { expired: 0, pendingReminders: 0, sessionReminders: 0 };
    for (const tenant of await this.tenants.list()) {
      const { registrationReminderDays: reminderDays, registrationExpiryDays: expiryDays } = await this.transaction.run(
        tenant,
        (m) => readTenantRules(m, tenant.id),
      );
      for (;;) {
        const due = await this.transaction.run(tenant, () => this.repo.dueToExpire(expiryDays, BATCH));
        let moved = 0;
        // One transaction per registration: a failure leaves the others done.
        for (const id of due)
          if (await this.transaction.run(tenant, () => this.registrations.system(tenant, id, { kind: 'expire' })))
            moved++;
        report.expired += moved;
        if (due.length < BATCH || moved === 0) break;
      }
      for (;;) {
        const n = await this.transaction.run(tenant, async () => {
          const ids = await this.repo.claimPendingReminders(reminderDays, BATCH);
          for (const id of ids) await this.registrations.remind(tenant, id, 'pending_reminder');
          return ids.length;
        });
        report.pendingReminders += n;
        if (n < BATCH) break;
      }
      for (;;) {
        const n = await this.transaction.run(tenant, async () => {
          const ids = await this.repo.claimSessionReminders(SESSION_REMINDER_HOURS, BATCH);
          for (const id of ids) await this.registrations.remind(tenant, id, 'reminder');
          return ids.length;
        });
        report.sessionReminders += n;
        if (n < BATCH) break;
      }
    }
    if (report.expired || report.pendingReminders || report.sessionReminders)
      this.log.log(
        `${report.expired} expirée(s), ${report.pendingReminders} relance(s) de structure, ${report.sessionReminders} rappel(s) de session`,
      );
    return report;
  }
}
