import { Injectable } from '@nestjs/common';
import type { AuditEntry } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { AUDIT_PAGE_SIZE, type AuditQueryDto } from './audit.dto.js';
import { AuditRepository } from './audit.repository.js';

/** The audit log as the département's admins read it. */
@Injectable()
export class AuditReader {
  constructor(
    private readonly policy: Policy,
    private readonly repository: AuditRepository,
  ) {}

  async list(actor: Actor | null, tenant: Tenant, q: AuditQueryDto): Promise<AuditEntry[]> {
    this.policy.authorize(actor, 'audit.read', { tenantId: tenant.id }, 'Journal');
    const page = q.page ?? 1;
    return this.repository.list(tenant.id, {
      target: q.target,
      action: q.action,
      limit: AUDIT_PAGE_SIZE,
      offset: (page - 1) * AUDIT_PAGE_SIZE,
    });
  }
}
