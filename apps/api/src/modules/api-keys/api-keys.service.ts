// The tenant's API keys: its admins create them (the secret shown once), list them and revoke
// them. The secret itself is never stored, only its SHA-256 and its first characters.
import { ConflictException, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { API_KEY_LIMITS, type ApiKeyCreated, type ApiKeySummary } from '@catalogue/contracts';
import { AuditLog } from '../../common/audit/audit-log.js';
import type { Actor } from '../../common/auth/actor.js';
import { API_KEY_SCHEME_PREFIX } from '../../common/auth/api-key.js';
import type { RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { hashToken } from '../../common/auth/session-cookie.js';
import { notFound } from '../../common/errors/app-errors.js';
import { Policy } from '../../common/policy/policy.service.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { ApiKeysRepository, type ApiKeyRow } from './api-keys.repository.js';

/** Characters of the secret kept to tell keys apart: `cik_` + 8 (48 bits, far from guessable). */
const PREFIX_LENGTH = API_KEY_SCHEME_PREFIX.length + 8;

const summary = (r: ApiKeyRow): ApiKeySummary & { revokedBy: string | null } => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by_name,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokedBy: r.revoked_by_name,
});

/** A new secret: `cik_` + 32 random bytes (256 bits), URL-safe. */
export const newApiKeySecret = () => API_KEY_SCHEME_PREFIX + randomBytes(32).toString('base64url');

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly policy: Policy,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditLog,
    private readonly db: TenantTransaction,
  ) {}

  async list(actor: Actor | null, tenant: Tenant): Promise<ApiKeySummary[]> {
    this.policy.authorize(actor, 'api_key.manage', { tenantId: tenant.id }, 'Clés d’API');
    return (await this.keys.list(tenant.id)).map(summary);
  }

  async create(actor: Actor | null, tenant: Tenant, name: string, meta: RequestMetaValue): Promise<ApiKeyCreated> {
    this.policy.authorize(actor, 'api_key.manage', { tenantId: tenant.id }, 'Clés d’API');
    const active = await this.keys.lockAndCountActive(tenant.id);
    if (active >= API_KEY_LIMITS.perTenant)
      throw new ConflictException({
        code: 'api_key_limit',
        message: `Le département a déjà ${API_KEY_LIMITS.perTenant} clés d’API actives : révoquez-en une avant d’en créer une autre`,
      });
    const secret = newApiKeySecret();
    const prefix = secret.slice(0, PREFIX_LENGTH);
    const id = await this.keys.insert(tenant.id, {
      name: name.trim(),
      prefix,
      secretHash: hashToken(secret),
      createdBy: actor.userId,
    });
    await this.audit.record(this.db.manager(), {
      tenantId: tenant.id,
      actor,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: id,
      summary: `Clé d’API « ${name.trim()} » créée (${prefix}…)`,
      ip: meta.ip,
    });
    const row = (await this.keys.get(tenant.id, id))!;
    return { ...summary(row), secret };
  }

  async revoke(actor: Actor | null, tenant: Tenant, id: string, meta: RequestMetaValue): Promise<ApiKeySummary> {
    this.policy.authorize(actor, 'api_key.manage', { tenantId: tenant.id }, 'Clés d’API');
    const row = await this.keys.get(tenant.id, id);
    if (!row) throw notFound('Clé d’API');
    // Revoking twice answers the key as it is (already revoked): idempotent, one audit entry.
    if (await this.keys.revoke(tenant.id, id, actor.userId)) {
      await this.audit.record(this.db.manager(), {
        tenantId: tenant.id,
        actor,
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: id,
        summary: `Clé d’API « ${row.name} » révoquée (${row.prefix}…)`,
        ip: meta.ip,
      });
    }
    return summary((await this.keys.get(tenant.id, id))!);
  }
}
