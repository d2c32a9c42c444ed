import { ConflictException, Injectable } from '@nestjs/common';
import type { StaffMember, StaffRole } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import { notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import type { StaffGrantDto } from './platform.dto.js';
import { StaffGrants } from './staff-grants.service.js';
import { StaffRepository } from './staff.repository.js';

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

  /** `admin` comes with `agent` (an admin does everything an agent does). */
  async add(actor: Actor | null, tenant: Tenant, body: StaffGrantDto, ip: string | null): Promise<StaffMember[]> {
    this.policy.authorize(actor, 'tenant.staff.manage', { tenantId: tenant.id }, 'Équipe');
    const db = this.transaction.manager();
    const roles: StaffRole[] = body.role === 'admin' ? ['admin', 'agent'] : ['agent'];
    const { userId } = await this.grants.grant(db, tenant, body.email, roles, actor, ip);
    return this.staff.list(db, tenant.id, userId);
  }

  /** Removes one role; the département always keeps an admin. */
  async remove(actor: Actor | null, tenant: Tenant, membershipId: string, ip: string | null): Promise<void> {
    this.policy.authorize(actor, 'tenant.staff.manage', { tenantId: tenant.id }, 'Équipe');
    const db = this.transaction.manager();
    const membership = await this.staff.findMembership(db, tenant.id, membershipId);
    if (!membership) throw notFound('Membre de l’équipe');
    if (membership.role === 'admin') {
      const admins = await this.staff.lockAdmins(db, tenant.id);
      if (admins.length <= 1 && admins.includes(membership.id)) {
        throw new ConflictException({ code: 'last_admin', message: 'Le département doit garder au moins un administrateur' });
      }
    }
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
