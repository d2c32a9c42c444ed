// The calls' clock, every minute: closes the published calls whose deadline has passed (one
// conditional UPDATE per tenant, so the call's page says « Clos » within a minute of the deadline)
// and sends the reminders 7 days and 1 day before the deadline to the structures with a draft
// application. Safe with several instances: a call is closed, and each reminder claimed, by an
// UPDATE only one caller wins, in the transaction that writes the log, the audit and the emails.
// The deadline itself does not wait for this job: a submission is checked against the database's
// clock at the second by the applications module (closes_at, read under the call's lock).
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RegisterJob, type BackgroundJob } from '../../common/jobs/background-job.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { callLinks, reminderEmail } from './call-emails.js';
import { CallsRepository } from './calls.repository.js';
import { CallsService } from './calls.service.js';

export interface CallJobsReport {
  closed: number;
  reminders: number;
}

@Injectable()
@RegisterJob()
export class CallJobs implements BackgroundJob {
  readonly jobName = 'clôture et rappels des appels à projets';
  readonly intervalMs = 60_000;
  private readonly log = new Logger('Appels à projets');

  constructor(
    private readonly tenants: TenantDirectory,
    private readonly transaction: TenantTransaction,
    private readonly repo: CallsRepository,
    private readonly calls: CallsService,
    private readonly outbox: Outbox,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async run(): Promise<CallJobsReport> {
    const report: CallJobsReport = { closed: 0, reminders: 0 };
    for (const tenant of await this.tenants.list()) {
      report.closed += await this.transaction.run(tenant, () => this.calls.closeDue(tenant));
      for (const which of ['7d', '1d'] as const)
        report.reminders += await this.transaction.run(tenant, async (m) => {
          const due = await this.repo.claimReminders(which);
          for (const c of due) {
            const email = reminderEmail(
              {
                title: c.title,
                departement: tenant.name,
                closesAt: c.closes_at,
                url: callLinks.applications(this.settings.publicUrl, tenant.slug),
              },
              which,
            );
            await this.outbox.enqueueAll(
              m,
              (await this.repo.applicantMembers(c.id, ['draft'])).map((to) => ({ to, ...email })),
            );
          }
          return due.length;
        });
    }
    if (report.closed || report.reminders)
      this.log.log(`${report.closed} appel(s) clos, ${report.reminders} rappel(s) de date limite`);
    return report;
  }
}
