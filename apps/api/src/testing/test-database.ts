// Test access to the database prepared by scripts/test.mjs: the application role (what the API
// uses, under row-level security) and the owner role (for factories, also under FORCE RLS).
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { loadDepartements } from '@catalogue/domain/geo';
import { DEMO_TENANTS } from '@catalogue/domain';
import { upsertTenant } from '../demo/demo-loader.js';

export function testUrls(): { appUrl: string; ownerUrl: string } {
  const appUrl = process.env.TEST_DATABASE_URL;
  const ownerUrl = process.env.TEST_DATABASE_OWNER_URL ?? appUrl;
  if (!appUrl || !ownerUrl) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return { appUrl, ownerUrl };
}

export async function connect(role: 'app' | 'owner'): Promise<pg.Client> {
  const { appUrl, ownerUrl } = testUrls();
  const client = new pg.Client({ connectionString: role === 'app' ? appUrl : ownerUrl });
  await client.connect();
  return client;
}

export interface TestTenant {
  id: string;
  code: string;
  slug: string;
  name: string;
}

/**
 * Codes test tenants never take: the demo départements (the demo loader may run beside), and
 * Paris and the petite couronne, whose communes all sit in a single EPCI (tests need several).
 */
const excludedCodes = new Set<string>([...DEMO_TENANTS.map((t) => t.code), '75', '92', '93', '94']);

/** A new tenant on a département code no other tenant holds. Tests running in parallel each get their own. */
export async function createTenant(owner: pg.Client): Promise<TestTenant> {
  const codes = loadDepartements()
    .map((d) => d.code)
    .filter((c) => !excludedCodes.has(c));
  for (let attempt = 0; attempt < 50; attempt++) {
    // A free code, at random among those no tenant holds (never a blind guess among taken ones).
    const { rows: free } = await owner.query<{ code: string }>(
      `SELECT c AS code FROM unnest($1::text[]) c WHERE NOT EXISTS (SELECT 1 FROM tenant t WHERE t.code = c)
        ORDER BY random() LIMIT 1`,
      [codes],
    );
    const code = free[0]?.code;
    if (!code) break;
    const slug = `test-${randomUUID().slice(0, 8)}`;
    try {
      const { id } = await upsertTenant(owner, code, slug, `Test ${code}`);
      const { rows } = await owner.query<{ slug: string }>(`SELECT slug FROM tenant WHERE id = $1`, [id]);
      if (rows[0]?.slug !== slug) continue; // lost a race for this code
      return { id, code, slug, name: `Test ${code}` };
    } catch {
      continue;
    }
  }
  throw new Error('no free département code left for a test tenant');
}

/**
 * Deletes a test tenant once its test is over, so that its département code is free again (there
 * are fewer codes than test files). A superuser connection does it with triggers off for its
 * transaction only (`session_replication_role`: no append-only rule, no catalogue stamp, no
 * foreign-key check), table by table. Without a superuser URL (an external database), the tenant
 * stays.
 */
export async function releaseTenant(tenantId: string): Promise<void> {
  const url = process.env.TEST_DATABASE_SUPERUSER_URL;
  if (!url) return;
  const target = new URL(url);
  target.pathname = new URL(testUrls().ownerUrl).pathname; // the test database, not `postgres`
  await deleteTenant(target.href, tenantId, (slug) => slug.startsWith('test-'));
}

/**
 * Deletes a tenant and every row of it, as a superuser (`superuserUrl` names the database), with
 * triggers off for that transaction only; `allowed` sees the tenant's slug first (false: nothing
 * is deleted).
 */
export async function deleteTenant(
  superuserUrl: string,
  tenantId: string,
  allowed: (slug: string) => boolean = () => true,
): Promise<void> {
  const su = new pg.Client({ connectionString: superuserUrl });
  await su.connect();
  try {
    await su.query('BEGIN');
    const { rows } = await su.query<{ slug: string }>(`SELECT slug FROM tenant WHERE id = $1 FOR UPDATE`, [tenantId]);
    if (!rows[0] || !allowed(rows[0].slug)) return void (await su.query('ROLLBACK'));
    // Triggers off (the catalogue's version stamps, the audit log's append-only rule, the foreign
    // keys' checks): every table holding a tenant_id loses this tenant's rows, then the tenant goes.
    await su.query(`SET LOCAL session_replication_role = replica`);
    const { rows: tables } = await su.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'`,
    );
    for (const { table_name } of tables) await su.query(`DELETE FROM ${table_name} WHERE tenant_id = $1`, [tenantId]);
    await su.query(`DELETE FROM tenant WHERE id = $1`, [tenantId]);
    await su.query('COMMIT');
  } catch (e) {
    await su.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await su.end();
  }
}
