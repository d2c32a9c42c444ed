import { Injectable } from '@nestjs/common';
import type { TenantSettings } from '@catalogue/contracts';
import type { EntityManager } from 'typeorm';

type Db = Pick<EntityManager, 'query'>;

/** The settings column of the tenant row (the tenant directory has no RLS: the id is explicit). */
@Injectable()
export class TenantSettingsRepository {
  /** `lock`: before a change (two admins changing it at once apply one after the other). */
  async get(db: Db, tenantId: string, lock = false): Promise<TenantSettings> {
    const rows: { moderation: TenantSettings['moderation'] }[] = await db.query(`SELECT moderation FROM tenant WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [tenantId]);
    return { moderation: rows[0]!.moderation };
  }

  async set(db: Db, tenantId: string, s: TenantSettings): Promise<void> {
    await db.query(`UPDATE tenant SET moderation = $2 WHERE id = $1`, [tenantId, s.moderation]);
  }
}

