// The agreements' clock: a signed agreement starts running on its first day (Europe/Paris), a
// running one closes once its end and its last bilan due date are past. Each move goes through the
// service's row lock and the state machine, one transaction per agreement: an agreement an agent
// moved meanwhile is left alone, and several instances never move one twice.
import { Injectable, Logger } from '@nestjs/common';
import { RegisterJob, type BackgroundJob } from '../../common/jobs/background-job.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { parisToday } from './agreement-lifecycle.js';
import { AgreementsRepository } from './agreements.repository.js';
import { AgreementsService } from './agreements.service.js';

const BATCH = 200;

@Injectable()
@RegisterJob()
export class AgreementJobs implements BackgroundJob {
  readonly jobName = 'début et clôture des conventions';
  readonly intervalMs = 60 * 60_000;
  private readonly log = new Logger('Conventions');

  constructor(
    private readonly tenants: TenantDirectory,
    private readonly transaction: TenantTransaction,
    private readonly repo: AgreementsRepository,
    private readonly agreements: AgreementsService,
  ) {}

  async run(today = parisToday()): Promise<{ moved: number }> {
    let moved = 0;
    for (const tenant of await this.tenants.list()) {
      const due = await this.transaction.run(tenant, () => this.repo.due(today, BATCH));
      for (const { id } of due)
        if (await this.transaction.run(tenant, () => this.agreements.tick(tenant, id, today))) moved++;
    }
    if (moved) this.log.log(`${moved} convention(s) commencée(s) ou close(s)`);
    return { moved };
  }
}
