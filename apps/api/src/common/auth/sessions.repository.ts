import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, ActorMembership } from './actor.js';
import { hashToken, newToken } from './session-cookie.js';
import { setTransactionTenant } from '../tenancy/transaction-tenant.js';

/** Sessions end after this long whatever the activity. */
export const SESSION_ABSOLUTE_DAYS = 30;
/** last_seen_at is written at most this often (one UPDATE a minute per session, not per request). */
const TOUCH_EVERY_MS = 60_000;

interface SessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  idle_seconds: number;
  last_seen_at: Date;
  email: string;
  name: string;
  platform_admin: boolean;
  oidc_siret: string | null;
}

/** Server-side sessions (global table: a session belongs to a user, not to a tenant). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens a new session (always a new id: no fixation) and returns the cookie's token. */
  async create(
    db: Pick<EntityManager, 'query'>,
    userId: string,
    idleSeconds: number,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; csrfToken: string }> {
    const token = newToken();
    const csrfToken = newToken();
    await db.query(
      `INSERT INTO user_session (id, user_id, csrf_token, idle_seconds, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5), $6, $7)`,
      [
        hashToken(token),
        userId,
        csrfToken,
        idleSeconds,
        SESSION_ABSOLUTE_DAYS,
        meta.ip,
        meta.userAgent?.slice(0, 300) ?? null,
      ],
    );
    return { token, csrfToken };
  }

  /** The actor of a live session (idle and absolute expiry checked), or null. */
  async findActor(token: string): Promise<Actor | null> {
    const id = hashToken(token);
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id, s.user_id, s.csrf_token, s.idle_seconds, s.last_seen_at, u.email, u.name, u.platform_admin, u.oidc_siret
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.expires_at > now() AND s.last_seen_at + make_interval(secs => s.idle_seconds) > now()`,
      [id],
    );
    const s = rows[0];
    if (!s) return null;
    if (Date.now() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.dataSource.query(`UPDATE user_session SET last_seen_at = now() WHERE id = $1`, [id]);
    }
    return {
      userId: s.user_id,
      email: s.email,
      name: s.name,
      platformAdmin: s.platform_admin,
      sessionId: s.id,
      csrfToken: s.csrf_token,
      oidcSiret: s.oidc_siret,
      memberships: await this.memberships(s.user_id),
    };
  }

  /** Every membership of a user, in every tenant (RLS lets a user read their own). */
  async memberships(userId: string): Promise<ActorMembership[]> {
    return this.dataSource.transaction(async (m) => {
      await setTransactionTenant(m, null, userId);
      const rows: {
        id: string;
        tenant_id: string;
        slug: string;
        tenant_name: string;
        role: ActorMembership['role'];
        organization_id: string | null;
        status: ActorMembership['status'];
      }[] = await m.query(
        `SELECT ms.id, ms.tenant_id, t.slug, t.name AS tenant_name, ms.role, ms.organization_id, ms.status
           FROM membership ms JOIN tenant t ON t.id = ms.tenant_id
          WHERE ms.user_id = $1
          ORDER BY t.name, ms.role, ms.created_at`,
        [userId],
      );
      // Structures are read tenant by tenant, under each one's row-level security.
      const organizations = new Map<
        string,
        { name: string; prescriber: boolean; status: ActorMembership['organizationStatus'] }
      >();
      for (const tenantId of new Set(rows.filter((r) => r.organization_id).map((r) => r.tenant_id))) {
        await setTransactionTenant(m, tenantId);
        const ids = rows.filter((r) => r.tenant_id === tenantId && r.organization_id).map((r) => r.organization_id);
        const orgs: { id: string; name: string; prescriber: boolean; status: ActorMembership['organizationStatus'] }[] =
          await m.query(`SELECT id, name, prescriber, status FROM organization WHERE id = ANY($1::uuid[])`, [ids]);
        for (const o of orgs) organizations.set(o.id, o);
      }
      return rows.map((r) => {
        const o = r.organization_id ? organizations.get(r.organization_id) : undefined;
        return {
          membershipId: r.id,
          tenantId: r.tenant_id,
          tenantSlug: r.slug,
          tenantName: r.tenant_name,
          role: r.role,
          organizationId: r.organization_id,
          organizationName: o?.name ?? null,
          prescriber: o?.prescriber ?? false,
          organizationStatus: o?.status ?? null,
          status: r.status,
        };
      });
    });
  }

  async delete(sessionId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM user_session WHERE id = $1`, [sessionId]);
  }

  /** "Sign out everywhere", and what a password change does. */
  async deleteAllOf(db: Pick<EntityManager, 'query'>, userId: string): Promise<void> {
    await db.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
  }
}
