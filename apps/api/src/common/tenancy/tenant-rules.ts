import { TENANT_DELAYS, type TenantSettings } from '@catalogue/contracts';
import type { EntityManager } from 'typeorm';

/**
 * The département's rules that its services apply: moderation before or after publication, four
 * eyes, the delays of pending registrations and the retention of personal data (its settings).
 */
export type TenantRules = TenantSettings;

/**
 * Read from the tenant row at the time of the action (the tenant directory is cached for 30 s; a
 * rule just changed applies at once). The tenant table has no RLS: the id is explicit.
 * `lock`: before changing them (two admins at once apply one after the other).
 */
export async function readTenantRules(
  db: Pick<EntityManager, 'query'>,
  tenantId: string,
  lock = false,
): Promise<TenantRules> {
  const rows: {
    moderation: TenantRules['moderation'];
    four_eyes: boolean;
    registration_reminder_days: number;
    registration_expiry_days: number;
    personal_data_retention_months: number;
  }[] = await db.query(
    `SELECT moderation, four_eyes, registration_reminder_days, registration_expiry_days, personal_data_retention_months
       FROM tenant WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [tenantId],
  );
  const r = rows[0];
  return {
    moderation: r?.moderation ?? 'before',
    fourEyes: r?.four_eyes ?? false,
    registrationReminderDays: r?.registration_reminder_days ?? TENANT_DELAYS.registrationReminderDays.default,
    registrationExpiryDays: r?.registration_expiry_days ?? TENANT_DELAYS.registrationExpiryDays.default,
    personalDataRetentionMonths: r?.personal_data_retention_months ?? TENANT_DELAYS.personalDataRetentionMonths.default,
  };
}
