// The retention delay of registered people: once a day, in each département, the people with no
// activity for the département's delay (personal_data_retention_months, 24 by default) and no
// registration still active are anonymised: names replaced, contact and commune emptied, link to
// an account dropped; situation, age band, sex and the registrations stay for the statistics.
import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log.js';
import { RegisterJob, type BackgroundJob } from '../../common/jobs/background-job.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { RegistrationsPrivacyRepository } from './registrations-privacy.repository.js';

export const RETENTION_INTERVAL_MS = 24 * 3600_000;

/**
 * Safe on several instances at once: each tenant's due people are locked FOR UPDATE SKIP LOCKED in
 * one transaction that anonymises them and writes the audit line, so a person is done once and
 * counted once; running again finds nobody (anonymised people are no longer due).
 */
@Injectable()
@RegisterJob()
export class RegistrationsRetention implements BackgroundJob {
  readonly jobName = 'anonymisation des personnes inactives';
  readonly intervalMs = RETENTION_INTERVAL_MS;
  private readonly log = new Logger('Conservation');

  constructor(
    private readonly tenants: TenantDirectory,
    private readonly transaction: TenantTransaction,
    private readonly repository: RegistrationsPrivacyRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Anonymises who is due in every tenant; returns how many people, per tenant slug (tenants with none left out). */
  async run(): Promise<Record<string, number>> {
    const done: Record<string, number> = {};
    for (const tenant of await this.tenants.list()) {
      const people = await this.transaction.run(tenant, async (m) => {
        const due = await this.repository.dueForRetention(m, tenant.id);
        const { people, registrations } = await this.repository.anonymise(m, tenant.id, due.ids);
        if (people > 0)
          await this.audit.record(m, {
            tenantId: tenant.id,
            actor: null,
            action: 'registration.retention',
            targetType: 'registration_person',
            summary: `${people} personne(s) anonymisée(s) après ${due.months} mois sans activité ; ${registrations} inscription(s) gardée(s) pour les statistiques`,
          });
        return people;
      });
      if (people > 0) done[tenant.slug] = people;
    }
    const total = Object.values(done).reduce((a, b) => a + b, 0);
    if (total) this.log.log(`${total} personne(s) anonymisée(s) (délai de conservation dépassé)`);
    return done;
  }
}
