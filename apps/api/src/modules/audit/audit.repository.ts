import { Injectable } from '@nestjs/common';
import type { AuditEntry } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface AuditFilter {
  target?: string;
  action?: string;
  limit: number;
  offset: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: string;
  ip: string | null;
  request_id: string | null;
}

/** Reads the tenant's audit log (RLS shows its lines only; the explicit filter says so too). */
@Injectable()
export class AuditRepository {
  constructor(private readonly transaction: TenantTransaction) {}

  async list(tenantId: string, f: AuditFilter): Promise<AuditEntry[]> {
    const rows: AuditRow[] = await this.transaction.manager().query(
      `SELECT id::text AS id, at, actor_id, actor_email, action, target_type, target_id, summary, ip, request_id
         FROM audit_log
        WHERE tenant_id = $1
          AND ($2::text IS NULL OR target_id = $2)
          AND ($3::text IS NULL OR action = $3 OR left(action, length($3) + 1) = $3 || '.')
        ORDER BY at DESC, id DESC
        LIMIT $4 OFFSET $5`,
      [tenantId, f.target ?? null, f.action ?? null, f.limit, f.offset],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { id: r.actor_id, email: r.actor_email },
      action: r.action,
      target: { type: r.target_type, id: r.target_id },
      summary: r.summary,
      ip: r.ip,
      requestId: r.request_id,
    }));
  }
}
