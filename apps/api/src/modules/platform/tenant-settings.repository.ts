import { Injectable } from '@nestjs/common';
import type { TenantSettings } from '@catalogue/contracts';
import type { EntityManager } from 'typeorm';
import { readTenantRules } from '../../common/tenancy/tenant-rules.js';

type Db = Pick<EntityManager, 'query'>;

/** The settings columns of the tenant row (the tenant directory has no RLS: the id is explicit). */
@Injectable()
export class TenantSettingsRepository {
  /** `lock`: before a change (two admins changing it at once apply one after the other). */
  get(db: Db, tenantId: string, lock = false): Promise<TenantSettings> {
    return readTenantRules(db, tenantId, lock);
  }

  async set(db: Db, tenantId: string, s: TenantSettings): Promise<void> {
    await db.query(
      `UPDATE tenant SET moderation = $2, four_eyes = $3, registration_reminder_days = $4, registration_expiry_days = $5,
              personal_data_retention_months = $6
        WHERE id = $1`,
      [
        tenantId,
        s.moderation,
        s.fourEyes,
        s.registrationReminderDays,
        s.registrationExpiryDays,
        s.personalDataRetentionMonths,
      ],
    );
  }
}
