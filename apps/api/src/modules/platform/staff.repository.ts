import { Injectable } from '@nestjs/common';
import type { StaffMember, StaffRole } from '@catalogue/contracts';
import type { EntityManager } from 'typeorm';
import { DEPARTMENT_ROLES, rolesAllowed } from '../../common/policy/policy.js';

/** Those who run the staff (the admins): listed first, and the tenant keeps at least one. */
const ADMINS = () => rolesAllowed('tenant.staff.manage');

type Db = Pick<EntityManager, 'query'>;

export interface StaffMembershipRow {
  id: string;
  role: StaffRole;
  user_id: string;
  email: string;
}

/**
 * The département's staff: admin and agent memberships. Called inside the caller's transaction,
 * where the tenant is set (RLS), and every query names the tenant too.
 */
@Injectable()
export class StaffRepository {
  /** Gives the role (or re-activates it); true when something changed. */
  async grant(db: Db, tenantId: string, userId: string, role: StaffRole, decidedBy: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `INSERT INTO membership (tenant_id, user_id, role, status, decided_by, decided_at) VALUES ($1, $2, $3, 'active', $4, now())
       ON CONFLICT (tenant_id, user_id, role, organization_id)
       DO UPDATE SET status = 'active', decided_by = EXCLUDED.decided_by, decided_at = now() WHERE membership.status <> 'active'
       RETURNING id`,
      [tenantId, userId, role, decidedBy],
    );
    return rows.length > 0;
  }

  /** One entry per person (a person with two roles is one row), each with every staff role they hold. */
  async list(db: Db, tenantId: string, userId?: string): Promise<StaffMember[]> {
    const rows: { user_id: string; email: string; name: string; ready: boolean; roles: StaffMember['roles'] }[] =
      await db.query(
        `SELECT u.id AS user_id, u.email, u.name,
              (u.password_hash IS NOT NULL OR u.email_verified_at IS NOT NULL OR u.oidc_subject IS NOT NULL) AS ready,
              json_agg(json_build_object('role', m.role, 'membershipId', m.id) ORDER BY m.role = ANY($4::text[]) DESC, m.role) AS roles
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.role = ANY($3::text[]) AND m.status = 'active' AND ($2::uuid IS NULL OR m.user_id = $2)
        GROUP BY u.id
        ORDER BY u.email`,
        [tenantId, userId ?? null, DEPARTMENT_ROLES, ADMINS()],
      );
    return rows.map((r) => ({
      userId: r.user_id,
      email: r.email,
      name: r.name,
      roles: r.roles,
      accountReady: r.ready,
    }));
  }

  /** The person's active staff memberships (to remove them from the staff). */
  async membershipsOf(db: Db, tenantId: string, userId: string): Promise<StaffMembershipRow[]> {
    return db.query(
      `SELECT m.id, m.role, m.user_id, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.role = ANY($3::text[]) AND m.status = 'active'
        ORDER BY m.role = ANY($4::text[]) DESC`,
      [tenantId, userId, DEPARTMENT_ROLES, ADMINS()],
    );
  }

  async findMembership(db: Db, tenantId: string, membershipId: string): Promise<StaffMembershipRow | null> {
    const rows: StaffMembershipRow[] = await db.query(
      `SELECT m.id, m.role, m.user_id, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.id = $2 AND m.role = ANY($3::text[]) AND m.status = 'active'`,
      [tenantId, membershipId, DEPARTMENT_ROLES],
    );
    return rows[0] ?? null;
  }

  /** The active admin memberships, locked: two admins removing each other cannot both succeed. */
  async lockAdmins(db: Db, tenantId: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM membership WHERE tenant_id = $1 AND role = ANY($2::text[]) AND status = 'active' ORDER BY id FOR UPDATE`,
      [tenantId, ADMINS()],
    );
    return rows.map((r) => r.id);
  }

  async remove(db: Db, tenantId: string, membershipId: string): Promise<void> {
    await db.query(`DELETE FROM membership WHERE tenant_id = $1 AND id = $2`, [tenantId, membershipId]);
  }
}
