import type { EntityManager } from 'typeorm';

/** The département's rules that its services apply: moderation before or after publication, four eyes. */
export interface TenantRules {
  moderation: 'before' | 'after';
  fourEyes: boolean;
}

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
  const rows: { moderation: TenantRules['moderation']; four_eyes: boolean }[] = await db.query(
    `SELECT moderation, four_eyes FROM tenant WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [tenantId],
  );
  return { moderation: rows[0]?.moderation ?? 'before', fourEyes: rows[0]?.four_eyes ?? false };
}
