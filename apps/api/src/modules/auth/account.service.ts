import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AUTH_LIMITS } from '@catalogue/contracts';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { RateLimiter, type Limit } from '../../common/auth/rate-limiter.js';
import { SessionsRepository } from '../../common/auth/sessions.repository.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { AuditLog } from '../../common/audit/audit-log.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { invalidParameter } from '../../common/errors/app-errors.js';
import { BeneficiaryMemberships } from '../organizations/beneficiary-memberships.service.js';
import { AccountEmailRequests } from './account-email-requests.js';
import {
  alreadyRegisteredEmail,
  beneficiaryAlreadyRegisteredEmail,
  beneficiaryVerifyEmail,
  verifyEmailEmail,
} from './auth-emails.js';
import { AuthTokensRepository, type ConsumedToken, type TokenPurpose } from './auth-tokens.repository.js';
import { AuthService, loginLimits, type OpenedSession } from './auth.service.js';
import { hashPassword } from './password.js';
import { UsersRepository } from './users.repository.js';

const HOUR = 3600;

/** Requests that send an email are limited per address (no mail bombing) and per client address. */
export const EMAIL_REQUEST_LIMITS = { perEmail: 5, perIp: 30, windowSeconds: HOUR } as const;
export const REGISTER_LIMITS = { perEmail: 5, perIp: 30, windowSeconds: HOUR } as const;

const limitsFor = (
  kind: string,
  email: string,
  ip: string | null,
  l: { perEmail: number; perIp: number; windowSeconds: number },
): Limit[] => [
  { key: `${kind}:email:${email}`, max: l.perEmail, windowSeconds: l.windowSeconds },
  { key: `${kind}:ip:${ip ?? 'unknown'}`, max: l.perIp, windowSeconds: l.windowSeconds },
];

export const invalidToken = () =>
  new BadRequestException({
    code: 'invalid_token',
    message: 'Ce lien est invalide, a déjà servi ou a expiré : demandez-en un nouveau',
    parameter: 'token',
  });

const normalize = (email: string) => email.trim().toLowerCase();

/** In a verification token's data: the tenant where the account becomes a beneficiary once verified. */
const BENEFICIARY_TENANT = 'beneficiaryTenant';

/**
 * Sign-up, email verification, password reset and magic link. Requests answer the same whether the
 * account exists or not; every link carries a single-use, hashed, short-lived token.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: AuthTokensRepository,
    private readonly sessions: SessionsRepository,
    private readonly limiter: RateLimiter,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly auth: AuthService,
    private readonly emailRequests: AccountEmailRequests,
    private readonly tenants: TenantDirectory,
    private readonly beneficiaries: BeneficiaryMemberships,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  /** A new, unverified account and its verification email; for a taken address, a "you already have an account" email instead. */
  async register(email: string, password: string, name: string, meta: RequestMetaValue): Promise<void> {
    const address = normalize(email);
    await this.limiter.consume(limitsFor('register', address, meta.ip, REGISTER_LIMITS));
    // Hashed whether or not the account exists: both answers take the same time.
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      const userId = await this.users.createIfAbsent(m, { email: address, name, passwordHash, verified: false });
      if (!userId) {
        const existing = await this.users.findByEmail(address, m);
        await this.outbox.enqueue(m, {
          to: address,
          ...alreadyRegisteredEmail(this.settings.publicUrl, existing?.name ?? ''),
        });
        return;
      }
      const token = await this.tokens.issue(m, 'verify_email', userId, AUTH_LIMITS.verifyEmailHours * HOUR);
      await this.outbox.enqueue(m, { to: address, ...verifyEmailEmail(this.settings.publicUrl, name, token) });
      await this.audit.record(m, {
        tenantId: null,
        actor: { userId, email: address },
        action: 'auth.register',
        targetType: 'user',
        targetId: userId,
        summary: 'Création du compte',
        ip: meta.ip,
      });
    });
  }

  /**
   * A personal account (a beneficiary's), in a département: the same answer, work and limits as
   * the professionals' sign-up (the two share the per-address and per-IP counters). The password is
   * optional: without one, the person signs in by emailed link. The verification link makes the
   * person a beneficiary of the département (the tenant rides in the token's data).
   */
  async registerBeneficiary(
    input: { email: string; name: string; tenant: string; password?: string | null },
    meta: RequestMetaValue,
  ): Promise<void> {
    // Départements are public: naming an unknown one tells nothing about accounts.
    const tenant = await this.tenants.findBySlug(input.tenant);
    if (!tenant) throw invalidParameter('tenant', 'is not a known département');
    const address = normalize(input.email);
    await this.limiter.consume(limitsFor('register', address, meta.ip, REGISTER_LIMITS));
    // Hashed (when given) whether or not the account exists: both answers take the same time.
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const where = { name: tenant.name, slug: tenant.slug };
    await this.dataSource.transaction(async (m) => {
      const userId = await this.users.createIfAbsent(m, {
        email: address,
        name: input.name,
        passwordHash,
        verified: false,
      });
      if (!userId) {
        const existing = await this.users.findByEmail(address, m);
        await this.outbox.enqueue(m, {
          to: address,
          ...beneficiaryAlreadyRegisteredEmail(this.settings.publicUrl, existing?.name ?? '', where),
        });
        return;
      }
      const token = await this.tokens.issue(m, 'verify_email', userId, AUTH_LIMITS.verifyEmailHours * HOUR, {
        [BENEFICIARY_TENANT]: tenant.id,
      });
      await this.outbox.enqueue(m, {
        to: address,
        ...beneficiaryVerifyEmail(this.settings.publicUrl, input.name, token, where, passwordHash !== null),
      });
      await this.audit.record(m, {
        tenantId: null,
        actor: { userId, email: address },
        action: 'auth.register_beneficiary',
        targetType: 'user',
        targetId: userId,
        summary: `Création d’un compte personnel (${tenant.name})`,
        ip: meta.ip,
      });
    });
  }

  /**
   * The link of the verification email: the address is proven, the person is signed in; a
   * personal account's link also makes the person a beneficiary of its département.
   */
  async verifyEmail(token: string, meta: RequestMetaValue, previousToken: string | null): Promise<OpenedSession> {
    const userId = await this.useToken('verify_email', token, async (m, used) => {
      const tenantId = used.data[BENEFICIARY_TENANT];
      if (typeof tenantId === 'string') await this.beneficiaries.enrol(m, tenantId, used.userId!);
    });
    return this.auth.openSession(
      userId,
      meta,
      previousToken,
      'auth.email_verified',
      'Adresse e-mail confirmée, connexion',
    );
  }

  /** Rate limits, then the request is queued: the same work whether or not the address has an account. */
  async requestPasswordReset(email: string, meta: RequestMetaValue): Promise<void> {
    const address = normalize(email);
    await this.limiter.consume(limitsFor('reset', address, meta.ip, EMAIL_REQUEST_LIMITS));
    await this.emailRequests.enqueue('password_reset', address, meta.ip);
  }

  /**
   * Sets the new password. Whoever held a session or another link is out: every session of the
   * account ends and its other reset and magic links stop working. The address is proven too.
   */
  async confirmPasswordReset(token: string, password: string, meta: RequestMetaValue): Promise<void> {
    // Refused before paying for the hash; consumed (atomically) below.
    if (!(await this.tokens.isLive('password_reset', token))) throw invalidToken();
    const passwordHash = await hashPassword(password);
    const user = await this.dataSource.transaction(async (m) => {
      const used = await this.tokens.consume(m, 'password_reset', token);
      if (!used?.userId) throw invalidToken();
      const userId = used.userId;
      await this.users.setPassword(m, userId, passwordHash);
      await this.users.markVerified(m, userId);
      await this.tokens.revokeAll(m, userId, 'password_reset');
      await this.tokens.revokeAll(m, userId, 'magic_link');
      await this.sessions.deleteAllOf(m, userId);
      const row = (await this.users.findById(userId, m))!;
      await this.audit.record(m, {
        tenantId: null,
        actor: { userId, email: row.email },
        action: 'auth.password_reset',
        targetType: 'user',
        targetId: userId,
        summary: 'Mot de passe réinitialisé, sessions fermées',
        ip: meta.ip,
      });
      return row;
    });
    // The owner may sign in again at once, whatever the failures before.
    await this.limiter.clear([loginLimits(user.email, meta.ip)[0]!.key]);
  }

  /** Rate limits, then the request is queued: the same work whether or not the address has an account. */
  async requestMagicLink(email: string, meta: RequestMetaValue): Promise<void> {
    const address = normalize(email);
    await this.limiter.consume(limitsFor('magic', address, meta.ip, EMAIL_REQUEST_LIMITS));
    await this.emailRequests.enqueue('magic_link', address, meta.ip);
  }

  async confirmMagicLink(token: string, meta: RequestMetaValue, previousToken: string | null): Promise<OpenedSession> {
    const userId = await this.useToken('magic_link', token);
    return this.auth.openSession(userId, meta, previousToken, 'auth.magic_link', 'Connexion par lien magique');
  }

  /** Consumes an emailed token; following it proves the address. `then` runs in the same transaction. */
  private async useToken(
    purpose: TokenPurpose,
    token: string,
    then?: (m: EntityManager, used: ConsumedToken) => Promise<void>,
  ): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const used = await this.tokens.consume(m, purpose, token);
      if (!used?.userId) throw invalidToken();
      await this.users.markVerified(m, used.userId);
      await then?.(m, used);
      return used.userId;
    });
  }
}
