import { Inject, Injectable } from '@nestjs/common';
import type { StaffRole } from '@catalogue/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { StaffAccounts } from '../auth/staff-accounts.service.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { staffRoleEmail, WELCOME_LINK_DAYS, welcomeStaffEmail } from './staff-emails.js';
import { StaffRepository } from './staff.repository.js';

type Db = Pick<EntityManager, 'query'>;

export interface GrantOutcome {
  userId: string;
  /** The address had no account: one was made, with a link to choose a password. */
  accountCreated: boolean;
  granted: StaffRole[];
}

const ROLE_LABEL: Record<StaffRole, string> = { admin: 'administrateur', agent: 'agent' };

/**
 * Gives département roles to an email address, in the caller's transaction (its tenant set):
 * an existing account gets them at once; an unknown address gets an account (unverified, no
 * password) and an email to choose its password. Each role given is audited; the email goes
 * through the outbox, so it exists only if the change commits.
 */
@Injectable()
export class StaffGrants {
  constructor(
    private readonly accounts: StaffAccounts,
    private readonly staff: StaffRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async grant(
    db: Db,
    actor: Actor,
    tenant: { id: string; code: string; name: string },
    email: string,
    roles: StaffRole[],
    ip: string | null,
  ): Promise<GrantOutcome> {
    const address = email.trim().toLowerCase();
    const { userId, created } = await this.accounts.findOrCreate(db, address);
    const granted: StaffRole[] = [];
    for (const role of roles) if (await this.staff.grant(db, tenant.id, userId, role, actor.userId)) granted.push(role);
    for (const role of granted) {
      await this.audit.record(db, {
        tenantId: tenant.id,
        actor,
        action: 'membership.granted',
        targetType: 'user',
        targetId: userId,
        summary: `Rôle ${ROLE_LABEL[role]} donné à ${address}`,
        ip,
      });
    }
    if (created) {
      const token = await this.accounts.welcomeToken(db, userId, WELCOME_LINK_DAYS * 86_400);
      await this.outbox.enqueue(db, {
        to: address,
        ...welcomeStaffEmail(this.settings.publicUrl, tenant, roles, token),
      });
    } else if (granted.length) {
      await this.outbox.enqueue(db, { to: address, ...staffRoleEmail(this.settings.publicUrl, tenant, granted) });
    }
    return { userId, accountCreated: created, granted };
  }
}
