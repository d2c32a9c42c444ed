// The one place that binds a transaction to a tenant (and to the user acting in it): row-level
// security reads `app.tenant_id`, the audit triggers `app.user_id`. Every run-time caller, test
// and benchmark goes through it; only migrations' SQL functions read the settings by name.
// No imports: the benchmarks and the demo scripts use it with a bare `pg` client.

/** A connection or entity manager in an open transaction (pg client, TypeORM manager or query runner). */
export interface TenantQueryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Sets the tenant of the current transaction (transaction-local, parameterised); `null` leaves it
 * without tenant (the empty setting reads as no tenant, as when never set). `userId` also sets the acting user (`null`: nobody); when omitted the user is
 * left as it was.
 */
export async function setTransactionTenant(
  db: TenantQueryable,
  tenantId: string | null,
  userId?: string | null,
): Promise<void> {
  if (userId === undefined) {
    await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId ?? '']);
  } else {
    await db.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [
      tenantId ?? '',
      userId ?? '',
    ]);
  }
}
