import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertTenant } from '../../database/tenant-writer.js';
import { setTransactionTenant } from '../../common/tenancy/transaction-tenant.js';

type Db = Pick<EntityManager, 'query'>;

/** The tenant directory is global (no RLS): creating a tenant is the platform's business. */
@Injectable()
export class TenantCreationRepository {
  async communeCount(db: Db, code: string): Promise<number> {
    const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM commune WHERE departement = $1`, [
      code,
    ]);
    return rows[0]!.n;
  }

  /** Whether a tenant already holds this code or this slug. */
  async taken(db: Db, code: string, slug: string): Promise<{ code: boolean; slug: boolean }> {
    const rows: { code: string; slug: string }[] = await db.query(
      `SELECT code, slug FROM tenant WHERE code = $1 OR slug = $2`,
      [code, slug],
    );
    return { code: rows.some((r) => r.code === code), slug: rows.some((r) => r.slug === slug) };
  }

  async insert(db: Db, code: string, slug: string, name: string): Promise<string> {
    // TypeORM answers an INSERT … RETURNING with its rows: adapt to the writer's pg-style interface.
    const { id } = await insertTenant(
      { query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await db.query(sql, params)) as R[] }) },
      code,
      slug,
      name,
    );
    return id;
  }

  /** The new tenant is the transaction's tenant from here on (memberships and audit lines go in under it). */
  async enter(db: Db, tenantId: string, userId: string): Promise<void> {
    await setTransactionTenant(db, tenantId, userId);
  }
}
