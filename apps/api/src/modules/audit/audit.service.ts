import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';

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

/** Appends to the audit log in the caller's transaction (the log only ever grows). */
@Injectable()
export class AuditLog {
  async record(db: Pick<EntityManager, 'query'>, r: AuditRecord): Promise<void> {
    await db.query(
      `INSERT INTO audit_log (tenant_id, actor_id, actor_email, action, target_type, target_id, summary, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [r.tenantId, r.actor?.userId ?? null, r.actor?.email ?? null, r.action, r.targetType ?? null, r.targetId ?? null, r.summary, r.ip ?? null],
    );
  }
}
