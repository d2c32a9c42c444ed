// Who is told of a bilan's steps, through the outbox, in the transaction of the step: the
// structure's members (opened, reminders, changes requested, validated) and the agents who follow
// the agreement (submitted, 7 days late). Never the actor of the change.
import { Inject, Injectable } from '@nestjs/common';
import { Outbox, type EmailMessage } from '../../common/outbox/outbox.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import {
  bilanLinks,
  changesRequestedEmail,
  dayLabel,
  lateAgentsEmail,
  openedEmail,
  reminderEmail,
  submittedEmail,
  validatedEmail,
  type BilanFacts,
  type ReminderKind,
} from './bilan-emails.js';
import { BilansRepository, type BilanRow } from './bilans.repository.js';

export type BilanNotice =
  | { kind: 'opened' | 'submitted' | 'validated' }
  | { kind: 'changes_requested'; message: string }
  | { kind: 'reminder'; when: ReminderKind };

@Injectable()
export class BilanNotices {
  constructor(
    private readonly repo: BilansRepository,
    private readonly outbox: Outbox,
    private readonly db: TenantTransaction,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  facts(tenant: Tenant, r: BilanRow): BilanFacts {
    return {
      title: r.agreement_title ?? r.offer_title ?? 'Action financée',
      year: Number(r.year),
      organizationName: r.organization_name,
      tenantName: tenant.name,
      dueLabel: dayLabel(r.due_on),
      url: bilanLinks.one(this.settings.publicUrl, tenant.slug, r.id),
    };
  }

  async send(tenant: Tenant, r: BilanRow, notice: BilanNotice, actorId: string | null): Promise<void> {
    const f = this.facts(tenant, r);
    const messages: EmailMessage[] = [];
    const toMembers = async (email: Omit<EmailMessage, 'to'>) => {
      for (const m of await this.repo.members(r.organization_id))
        if (m.id !== actorId) messages.push({ to: m.email, ...email });
    };
    const toAgents = async (email: Omit<EmailMessage, 'to'>) => {
      for (const a of await this.repo.agents(r.call_id)) if (a.id !== actorId) messages.push({ to: a.email, ...email });
    };
    switch (notice.kind) {
      case 'opened':
        await toMembers(openedEmail(f));
        break;
      case 'submitted':
        await toAgents(submittedEmail(f));
        break;
      case 'changes_requested':
        await toMembers(changesRequestedEmail(f, notice.message));
        break;
      case 'validated':
        await toMembers(validatedEmail(f));
        break;
      case 'reminder':
        await toMembers(reminderEmail(f, notice.when));
        if (notice.when === 'after') await toAgents(lateAgentsEmail(f));
        break;
    }
    await this.outbox.enqueueAll(this.db.manager(), messages);
  }
}
