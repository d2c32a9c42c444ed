import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MembershipStatus, StructureRole } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { rolesAllowed } from '../../common/policy/policy.js';

/** A structure's admins (those who manage its members): listed first, and it keeps at least one. */
const ADMINS = () => rolesAllowed('organization.members.manage');

export interface MemberRow {
  id: string;
  user_id: string;
  email: string;
  name: string;
  role: StructureRole;
  status: MembershipStatus;
  message: string | null;
  created_at: Date;
}

export interface InvitationRow {
  id: string;
  organization_id: string;
  email: string;
  role: StructureRole;
  expires_at: Date;
  accepted_at: Date | null;
  expired: boolean;
}

const MEMBER_SELECT = `
  SELECT m.id, m.user_id, u.email, u.name, m.role, m.status, m.message, m.created_at
    FROM membership m JOIN app_user u ON u.id = m.user_id`;

/** Structure memberships and invitations (tenant tables: RLS plus an explicit tenant filter). */
@Injectable()
export class MembershipsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.manager().query(sql, params);
  }

  /** UPDATE or DELETE … RETURNING: TypeORM answers `[rows, rowCount]` for those. */
  private async mutate<T>(sql: string, params: unknown[]): Promise<T[]> {
    const [rows] = (await this.db.manager().query(sql, params)) as [T[], number];
    return rows;
  }

  private get tenantId(): string {
    return this.db.tenant().id;
  }

  async insert(
    userId: string,
    organizationId: string,
    role: StructureRole,
    status: 'active' | 'pending',
    message: string | null = null,
  ): Promise<string> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO membership (tenant_id, user_id, role, organization_id, status, message) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [this.tenantId, userId, role, organizationId, status, message],
    );
    return rows[0]!.id;
  }

  /**
   * The person becomes a beneficiary of the tenant (active), or stays one. Outside a request's
   * tenant transaction (a verification link): in the caller's transaction, where the tenant is set.
   */
  async enrolBeneficiary(db: Pick<EntityManager, 'query'>, tenantId: string, userId: string): Promise<void> {
    await db.query(
      `INSERT INTO membership (tenant_id, user_id, role, status, decided_at) VALUES ($1, $2, 'beneficiary', 'active', now())
       ON CONFLICT (tenant_id, user_id, role, organization_id) DO UPDATE SET status = 'active', decided_at = now()
        WHERE membership.status <> 'active'`,
      [tenantId, userId],
    );
  }

  /** Active and pending members, admins first. */
  listMembers(organizationId: string): Promise<MemberRow[]> {
    return this.q<MemberRow>(
      `${MEMBER_SELECT}
        WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.status IN ('active', 'pending')
        ORDER BY (m.status = 'active') DESC, (m.role = ANY($3::text[])) DESC, u.name, u.email`,
      [this.tenantId, organizationId, ADMINS()],
    );
  }

  async find(organizationId: string, membershipId: string): Promise<MemberRow | undefined> {
    const rows = await this.q<MemberRow>(
      `${MEMBER_SELECT} WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.id = $3`,
      [this.tenantId, organizationId, membershipId],
    );
    return rows[0];
  }

  /** The user's membership of the structure, whatever its role and state (one per user and structure). */
  async findOfUser(organizationId: string, userId: string): Promise<MemberRow | undefined> {
    const rows = await this.q<MemberRow>(
      `${MEMBER_SELECT} WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.user_id = $3
        ORDER BY (m.status = 'active') DESC, (m.status = 'pending') DESC LIMIT 1`,
      [this.tenantId, organizationId, userId],
    );
    return rows[0];
  }

  async activeAdminCount(organizationId: string): Promise<number> {
    const rows = await this.q<{ n: number }>(
      `SELECT count(*)::int AS n FROM membership WHERE tenant_id = $1 AND organization_id = $2 AND role = ANY($3::text[]) AND status = 'active'`,
      [this.tenantId, organizationId, ADMINS()],
    );
    return rows[0]?.n ?? 0;
  }

  async adminEmails(organizationId: string): Promise<string[]> {
    const rows = await this.q<{ email: string }>(
      `SELECT u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.role = ANY($3::text[]) AND m.status = 'active' ORDER BY u.email`,
      [this.tenantId, organizationId, ADMINS()],
    );
    return rows.map((r) => r.email);
  }

  /** Back to pending (a new request after a refusal), with the new message. */
  async reopen(membershipId: string, role: StructureRole, message: string | null): Promise<void> {
    await this.q(
      `UPDATE membership SET status = 'pending', role = $3, message = $4, decided_at = NULL, decided_by = NULL, created_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, membershipId, role, message],
    );
  }

  async decide(membershipId: string, status: 'active' | 'refused', decidedBy: string): Promise<void> {
    await this.q(
      `UPDATE membership SET status = $3, decided_at = now(), decided_by = $4 WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, membershipId, status, decidedBy],
    );
  }

  async setRole(membershipId: string, role: StructureRole): Promise<void> {
    await this.q(`UPDATE membership SET role = $3 WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      membershipId,
      role,
    ]);
  }

  /** Active with this role (an accepted invitation). */
  async activate(membershipId: string, role: StructureRole, decidedBy: string): Promise<void> {
    await this.q(
      `UPDATE membership SET status = 'active', role = $3, decided_at = now(), decided_by = $4 WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, membershipId, role, decidedBy],
    );
  }

  async delete(membershipId: string): Promise<void> {
    await this.q(`DELETE FROM membership WHERE tenant_id = $1 AND id = $2`, [this.tenantId, membershipId]);
  }

  /**
   * A rejected structure keeps no member: every active or pending membership becomes 'refused'
   * (kept, so that each person still sees what happened to their structure, but giving no right).
   * Returns who was detached.
   */
  async detachAll(organizationId: string, decidedBy: string): Promise<{ email: string; name: string }[]> {
    return this.mutate(
      `UPDATE membership m SET status = 'refused', decided_at = now(), decided_by = $3
         FROM app_user u
        WHERE u.id = m.user_id AND m.tenant_id = $1 AND m.organization_id = $2 AND m.status IN ('active', 'pending')
        RETURNING u.email, u.name`,
      [this.tenantId, organizationId, decidedBy],
    );
  }

  // ---- Invitations -------------------------------------------------------------------------

  /** Replaces any pending invitation of this address to this structure. */
  async replaceInvitation(
    organizationId: string,
    email: string,
    role: StructureRole,
    tokenHash: string,
    invitedBy: string,
    days: number,
  ): Promise<{ id: string; expires_at: Date }> {
    await this.q(
      `DELETE FROM invitation WHERE tenant_id = $1 AND organization_id = $2 AND email = $3 AND accepted_at IS NULL`,
      [this.tenantId, organizationId, email],
    );
    const rows = await this.q<{ id: string; expires_at: Date }>(
      `INSERT INTO invitation (tenant_id, organization_id, email, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) RETURNING id, expires_at`,
      [this.tenantId, organizationId, email, role, tokenHash, invitedBy, days],
    );
    return rows[0]!;
  }

  /** Invitations not accepted and not expired. */
  pendingInvitations(organizationId: string): Promise<InvitationRow[]> {
    return this.q<InvitationRow>(
      `SELECT id, organization_id, email, role, expires_at, accepted_at, false AS expired FROM invitation
        WHERE tenant_id = $1 AND organization_id = $2 AND accepted_at IS NULL AND expires_at > now() ORDER BY created_at DESC`,
      [this.tenantId, organizationId],
    );
  }

  /** Deletes a pending invitation; false when there was none. */
  async deleteInvitation(organizationId: string, invitationId: string): Promise<boolean> {
    const rows = await this.mutate<{ id: string }>(
      `DELETE FROM invitation WHERE tenant_id = $1 AND organization_id = $2 AND id = $3 AND accepted_at IS NULL RETURNING id`,
      [this.tenantId, organizationId, invitationId],
    );
    return rows.length > 0;
  }

  async deleteInvitationsOf(organizationId: string): Promise<void> {
    await this.q(`DELETE FROM invitation WHERE tenant_id = $1 AND organization_id = $2 AND accepted_at IS NULL`, [
      this.tenantId,
      organizationId,
    ]);
  }

  /** The invitation behind a token, locked until the transaction ends (single use). */
  async findInvitationByToken(tokenHash: string): Promise<InvitationRow | undefined> {
    const rows = await this.q<InvitationRow>(
      `SELECT id, organization_id, email, role, expires_at, accepted_at, expires_at <= now() AS expired FROM invitation
        WHERE tenant_id = $1 AND token_hash = $2 FOR UPDATE`,
      [this.tenantId, tokenHash],
    );
    return rows[0];
  }

  async markInvitationAccepted(invitationId: string, userId: string): Promise<void> {
    await this.q(`UPDATE invitation SET accepted_at = now(), accepted_by = $3 WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      invitationId,
      userId,
    ]);
  }
}
