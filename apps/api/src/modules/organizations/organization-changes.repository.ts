// SQL of the reviewed identity changes of validated structures. Every query names its tenant on
// top of row-level security; the database keeps one pending change per structure.
import { Injectable } from '@nestjs/common';
import type { OrganizationIdentity } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface OrganizationChangeRow {
  id: string;
  organization_id: string;
  status: 'pending' | 'accepted' | 'refused';
  proposed: Partial<OrganizationIdentity>;
  previous: Partial<OrganizationIdentity>;
  created_by: string | null;
}

/** Postgres' unique_violation: a second pending change of the same structure. */
export const isOnePendingViolation = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  (e as { code?: string }).code === '23505' &&
  /organization_change_one_pending/.test(
    String((e as { constraint?: string; message?: string }).constraint ?? (e as Error).message),
  );

@Injectable()
export class OrganizationChangesRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.manager().query(sql, params);
  }

  private get tenantId(): string {
    return this.db.tenant().id;
  }

  async pendingOf(organizationId: string): Promise<OrganizationChangeRow | undefined> {
    const rows = await this.q<OrganizationChangeRow>(
      `SELECT id, organization_id, status, proposed, previous, created_by FROM organization_change
        WHERE tenant_id = $1 AND organization_id = $2 AND status = 'pending'`,
      [this.tenantId, organizationId],
    );
    return rows[0];
  }

  /** A change of this structure (callers hold the structure's row lock, so its status is stable). */
  async find(organizationId: string, id: string): Promise<OrganizationChangeRow | undefined> {
    const rows = await this.q<OrganizationChangeRow>(
      `SELECT id, organization_id, status, proposed, previous, created_by FROM organization_change
        WHERE tenant_id = $1 AND organization_id = $2 AND id = $3`,
      [this.tenantId, organizationId, id],
    );
    return rows[0];
  }

  async insert(
    organizationId: string,
    proposed: Partial<OrganizationIdentity>,
    previous: Partial<OrganizationIdentity>,
    createdBy: string,
  ): Promise<string> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO organization_change (tenant_id, organization_id, proposed, previous, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [this.tenantId, organizationId, JSON.stringify(proposed), JSON.stringify(previous), createdBy],
    );
    return rows[0]!.id;
  }

  async decide(id: string, status: 'accepted' | 'refused', reason: string | null, decidedBy: string): Promise<void> {
    await this.q(
      `UPDATE organization_change SET status = $3, reason = $4, decided_by = $5, decided_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [this.tenantId, id, status, reason, decidedBy],
    );
  }

  /** A withdrawn change leaves no row (the audit log keeps what it was). */
  async delete(id: string): Promise<void> {
    await this.q(`DELETE FROM organization_change WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`, [
      this.tenantId,
      id,
    ]);
  }
}
