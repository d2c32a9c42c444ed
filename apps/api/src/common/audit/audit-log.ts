import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { setTransactionTenant } from '../tenancy/transaction-tenant.js';
import { currentRequestId } from '../logging/request-context.js';

export interface AuditRecord {
  /** Null for events outside any tenant (sign-ins, platform actions). */
  tenantId: string | null;
  actor: Pick<Actor, 'userId' | 'email'> | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  summary: string;
  ip?: string | null;
}

/**
 * Appends to the audit log in the caller's transaction (the log only ever grows). Each line names
 * the request that wrote it (X-Request-Id, as in the access log), or none outside a request (jobs).
 */
@Injectable()
export class AuditLog {
  async record(db: Pick<EntityManager, 'query'>, r: AuditRecord): Promise<void> {
    await db.query(
      `INSERT INTO audit_log (tenant_id, actor_id, actor_email, action, target_type, target_id, summary, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        r.tenantId,
        r.actor?.userId || null, // a machine (API key) has no user: its key is named in actor_email
        r.actor?.email ?? null,
        r.action,
        r.targetType ?? null,
        r.targetId ?? null,
        r.summary,
        r.ip ?? null,
        currentRequestId() ?? null,
      ],
    );
  }

  /**
   * An event about a person rather than a tenant (a sign-in): one line in each tenant where they
   * hold an active role, so each département's admins see their own people's sign-ins; a line
   * without tenant when they hold none. Runs inside the caller's transaction and leaves no tenant set.
   */
  async recordForPerson(
    db: Pick<EntityManager, 'query'>,
    tenantIds: string[],
    r: Omit<AuditRecord, 'tenantId'>,
  ): Promise<void> {
    const tenants = [...new Set(tenantIds)];
    if (tenants.length === 0) return this.record(db, { ...r, tenantId: null });
    for (const tenantId of tenants) {
      await setTransactionTenant(db, tenantId);
      await this.record(db, { ...r, tenantId });
    }
    await setTransactionTenant(db, null);
  }
}
