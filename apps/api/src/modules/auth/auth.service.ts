import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUTH_LIMITS, type Me, type MeMembership } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import { capabilitiesOf } from '../../common/policy/capabilities.js';
import { isPrescriberMembership, isProfessional } from '../../common/policy/policy.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { RateLimiter, type Limit } from '../../common/auth/rate-limiter.js';
import { hashToken } from '../../common/auth/session-cookie.js';
import { SessionsRepository } from '../../common/auth/sessions.repository.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { verifyPassword } from './password.js';
import { UsersRepository } from './users.repository.js';

const WINDOW = AUTH_LIMITS.loginWindowMinutes * 60;

export const loginLimits = (email: string, ip: string | null): Limit[] => [
  { key: `login:account:${email}`, max: AUTH_LIMITS.loginFailuresPerAccount, windowSeconds: WINDOW },
  { key: `login:ip:${ip ?? 'unknown'}`, max: AUTH_LIMITS.loginFailuresPerIp, windowSeconds: WINDOW },
];

export const idleSecondsFor = (actor: Pick<Actor, 'platformAdmin' | 'memberships'>) =>
  (isProfessional(actor) ? AUTH_LIMITS.professionalIdleHours : AUTH_LIMITS.beneficiaryIdleHours) * 3600;

export interface OpenedSession {
  token: string;
  maxAgeSeconds: number;
  me: Me;
}

/**
 * What GET /me answers: the account, its roles per tenant (to show them; referent derived from
 * prescriber structures), what the policy allows it per tenant, the CSRF token.
 */
export function toMe(actor: Actor): Me {
  const memberships: MeMembership[] = actor.memberships.flatMap((m) => {
    const base: MeMembership = {
      tenant: m.tenantSlug,
      tenantName: m.tenantName,
      role: m.role,
      status: m.status,
      ...(m.organizationId
        ? { organizationId: m.organizationId, organizationName: m.organizationName ?? undefined }
        : {}),
    };
    return isPrescriberMembership(m) ? [base, { ...base, role: 'referent' as const }] : [base];
  });
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    platformAdmin: actor.platformAdmin,
    memberships,
    capabilities: capabilitiesOf(actor),
    csrfToken: actor.csrfToken,
    suggestedSiret: actor.oidcSiret,
  };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditLog,
  ) {}

  /** Email + password. Every failure looks the same (401) and counts against the account and the IP. */
  async login(
    email: string,
    password: string,
    meta: RequestMetaValue,
    previousToken: string | null,
  ): Promise<OpenedSession> {
    const normalized = email.trim().toLowerCase();
    const limits = loginLimits(normalized, meta.ip);
    await this.limiter.check(limits);
    const user = await this.users.findByEmail(normalized);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok) {
      await this.limiter.hit(limits);
      throw new UnauthorizedException({
        code: 'invalid_credentials',
        message: 'Adresse e-mail ou mot de passe incorrect',
      });
    }
    if (!user.email_verified_at) {
      throw new ForbiddenException({
        code: 'email_not_verified',
        message: 'Confirmez d’abord votre adresse e-mail avec le lien reçu',
      });
    }
    await this.limiter.clear([limits[0]!.key]);
    return this.openSession(user.id, meta, previousToken, 'auth.login', 'Connexion par mot de passe');
  }

  /**
   * A new session for a user whose identity was just proven (password, magic link, verified email,
   * single sign-on). The session the request came with, if any, is dropped: no fixation.
   */
  async openSession(
    userId: string,
    meta: RequestMetaValue,
    previousToken: string | null,
    action: string,
    summary: string,
  ): Promise<OpenedSession> {
    const memberships = await this.sessions.memberships(userId);
    const user = (await this.users.findById(userId))!;
    const idle = idleSecondsFor({ platformAdmin: user.platform_admin, memberships });
    const { token, csrfToken } = await this.dataSource.transaction(async (m) => {
      if (previousToken) await m.query(`DELETE FROM user_session WHERE id = $1`, [hashToken(previousToken)]);
      const opened = await this.sessions.create(m, userId, idle, meta);
      const tenants = memberships.filter((ms) => ms.status === 'active').map((ms) => ms.tenantId);
      await this.audit.recordForPerson(m, tenants, {
        actor: { userId, email: user.email },
        action,
        targetType: 'user',
        targetId: userId,
        summary,
        ip: meta.ip,
      });
      return opened;
    });
    const actor: Actor = {
      userId,
      email: user.email,
      name: user.name,
      platformAdmin: user.platform_admin,
      sessionId: hashToken(token),
      csrfToken,
      oidcSiret: user.oidc_siret,
      memberships,
    };
    return { token, maxAgeSeconds: idle, me: toMe(actor) };
  }

  async logout(actor: Actor | null, meta: RequestMetaValue): Promise<void> {
    if (!actor) return;
    await this.sessions.delete(actor.sessionId);
    await this.audit.record(this.dataSource, {
      tenantId: null,
      actor,
      action: 'auth.logout',
      targetType: 'user',
      targetId: actor.userId,
      summary: 'Déconnexion',
      ip: meta.ip,
    });
  }

  async logoutEverywhere(actor: Actor, meta: RequestMetaValue): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.sessions.deleteAllOf(m, actor.userId);
      await this.audit.record(m, {
        tenantId: null,
        actor,
        action: 'auth.logout_all',
        targetType: 'user',
        targetId: actor.userId,
        summary: 'Déconnexion de toutes les sessions',
        ip: meta.ip,
      });
    });
  }
}
