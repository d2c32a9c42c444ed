import { ConflictException, Injectable } from '@nestjs/common';
import type { StaffMember, StaffRole } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import { notFound } from '../../common/errors/app-errors.js';
import { rolesAllowed, staffRolesOf } from '../../common/policy/policy.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import type { StaffGrantDto } from './platform.dto.js';
import { StaffGrants } from './staff-grants.service.js';
import { StaffRepository, type StaffMembershipRow } from './staff.repository.js';

const ROLE_LABEL: Record<StaffRole, string> = { admin: 'administrateur', agent: 'agent' };

/** The département admin manages its agents and admins (each change audited in its transaction). */
@Injectable()
export class StaffService {
  constructor(
    private readonly policy: Policy,
    private readonly transaction: TenantTransaction,
    private readonly staff: StaffRepository,
    private readonly grants: StaffGrants,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor | null, tenant: Tenant): Promise<StaffMember[]> {
    this.policy.authorize(actor, 'tenant.staff.manage', { tenantId: tenant.id }, 'Équipe');
    return this.staff.list(this.transaction.manager(), tenant.id);
  }

  /** `admin` comes with `agent` (an admin does everything an agent does). Answers the person with all their roles. */
  async add(actor: Actor | null, tenant: Tenant, body: StaffGrantDto, ip: string | null): Promise<StaffMember> {
    this.policy.authorize(actor, 'tenant.staff.manage', { tenantId: tenant.id }, 'Équipe');
    const db = this.transaction.manager();
    const { userId } = await this.grants.grant(db, actor, tenant, body.email, staffRolesOf(body.role), ip);
    return (await this.staff.list(db, tenant.id, userId))[0]!;
  }

  /** Removes one role; the département always keeps an admin. */
  async remove(actor: Actor | null, tenant: Tenant, membershipId: string, ip: string | null): Promise<void> {
    this.policy.authorize(actor, 'tenant.staff.manage', { tenantId: tenant.id }, 'Équipe');
    const membership = await this.staff.findMembership(this.transaction.manager(), tenant.id, membershipId);
    if (!membership) throw notFound('Membre de l’équipe');
    await this.revoke(actor, tenant, [membership], ip);
  }

  /** Removes the person from the staff: every role at once (all or none), the last admin kept. */
  async removePerson(actor: Actor | null, tenant: Tenant, userId: string, ip: string | null): Promise<void> {
    this.policy.authorize(actor, 'tenant.staff.manage', { tenantId: tenant.id }, 'Équipe');
    const memberships = await this.staff.membershipsOf(this.transaction.manager(), tenant.id, userId);
    if (memberships.length === 0) throw notFound('Membre de l’équipe');
    await this.revoke(actor, tenant, memberships, ip);
  }

  private async revoke(
    actor: Actor | null,
    tenant: Tenant,
    memberships: StaffMembershipRow[],
    ip: string | null,
  ): Promise<void> {
    const db = this.transaction.manager();
    const leaving = memberships.filter((m) => rolesAllowed('tenant.staff.manage').includes(m.role)).map((m) => m.id);
    if (leaving.length) {
      const admins = await this.staff.lockAdmins(db, tenant.id);
      if (admins.every((id) => leaving.includes(id))) {
        throw new ConflictException({
          code: 'last_admin',
          message: 'Le département doit garder au moins un administrateur',
        });
      }
    }
    for (const membership of memberships) {
      await this.staff.remove(db, tenant.id, membership.id);
      await this.audit.record(db, {
        tenantId: tenant.id,
        actor,
        action: 'membership.revoked',
        targetType: 'user',
        targetId: membership.user_id,
        summary: `Rôle ${ROLE_LABEL[membership.role]} retiré à ${membership.email}`,
        ip,
      });
    }
  }
}
