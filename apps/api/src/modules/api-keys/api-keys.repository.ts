// The only code that writes `api_key`. Every query names its tenant explicitly on top of RLS,
// except the lookup by secret (see the migration AddedApiKeyLookupBySecret: no tenant is known yet).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ActorApiKey } from '../../common/auth/actor.js';
import { ApiKeyAuthenticator, type ApiKeyIdentity } from '../../common/auth/api-key.js';
import { hashToken } from '../../common/auth/session-cookie.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { setTransactionTenant } from '../../common/tenancy/transaction-tenant.js';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  created_by_name: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by_name: string | null;
}

const SELECT = `SELECT k.id, k.name, k.prefix, k.created_at, cu.name AS created_by_name, k.last_used_at, k.revoked_at,
                       ru.name AS revoked_by_name
                  FROM api_key k LEFT JOIN app_user cu ON cu.id = k.created_by LEFT JOIN app_user ru ON ru.id = k.revoked_by`;

/** `last_used_at` is written at most this often per key (one UPDATE a minute, not one per request). */
const TOUCH_EVERY = '1 minute';

@Injectable()
export class ApiKeysRepository implements ApiKeyAuthenticator {
  /** When this instance last wrote each key's use: most requests then cost no query at all. */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly db: TenantTransaction,
    private readonly dataSource: DataSource,
  ) {}

  list(tenantId: string): Promise<ApiKeyRow[]> {
    return this.db
      .manager()
      .query(`${SELECT} WHERE k.tenant_id = $1 ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC, k.id`, [tenantId]);
  }

  async get(tenantId: string, id: string): Promise<ApiKeyRow | null> {
    const rows: ApiKeyRow[] = await this.db
      .manager()
      .query(`${SELECT} WHERE k.tenant_id = $1 AND k.id = $2`, [tenantId, id]);
    return rows[0] ?? null;
  }

  /**
   * Serialises the tenant's key creations (a transaction-scoped advisory lock on the tenant) and
   * counts its active keys: two admins creating at once cannot pass the limit together.
   */
  async lockAndCountActive(tenantId: string): Promise<number> {
    const m = this.db.manager();
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('api_key:' || $1::text, 0))`, [tenantId]);
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM api_key WHERE tenant_id = $1 AND revoked_at IS NULL`,
      [tenantId],
    );
    return n;
  }

  async insert(
    tenantId: string,
    k: { name: string; prefix: string; secretHash: string; createdBy: string },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await this.db
      .manager()
      .query(
        `INSERT INTO api_key (tenant_id, name, prefix, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [tenantId, k.name, k.prefix, k.secretHash, k.createdBy],
      );
    return id;
  }

  /** Revokes an active key (conditional: a second revocation changes nothing and says so). */
  async revoke(tenantId: string, id: string, by: string): Promise<boolean> {
    // (inside a WITH: TypeORM's query() gives a bare UPDATE's rows together with its count)
    const rows: unknown[] = await this.db.manager().query(
      `WITH revoked AS (UPDATE api_key SET revoked_at = now(), revoked_by = $3
                         WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id)
       SELECT id FROM revoked`,
      [tenantId, id, by],
    );
    return rows.length === 1;
  }

  // ApiKeyAuthenticator: called by the SessionGuard before any tenant is known.

  async find(secret: string): Promise<ApiKeyIdentity | null> {
    const hash = hashToken(secret);
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.tenant_id', '', true), set_config('app.api_key_hash', $1, true)`, [hash]);
      const rows: { id: string; tenant_id: string; name: string; prefix: string; revoked: boolean }[] = await m.query(
        `SELECT id, tenant_id, name, prefix, revoked_at IS NOT NULL AS revoked FROM api_key WHERE secret_hash = $1`,
        [hash],
      );
      const r = rows[0];
      return r ? { id: r.id, tenantId: r.tenant_id, name: r.name, prefix: r.prefix, revoked: r.revoked } : null;
    });
  }

  async touch(key: ActorApiKey): Promise<void> {
    const now = Date.now();
    if (now - (this.touched.get(key.id) ?? 0) < 60_000) return;
    this.touched.set(key.id, now);
    // Several API instances: the condition keeps it to one write a minute all the same.
    await this.dataSource.transaction(async (m) => {
      await setTransactionTenant(m, key.tenantId, null);
      await m.query(
        `UPDATE api_key SET last_used_at = now()
          WHERE tenant_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '${TOUCH_EVERY}')`,
        [key.tenantId, key.id],
      );
    });
  }
}
