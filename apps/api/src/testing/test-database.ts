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
    const code = codes[Math.floor(Math.random() * codes.length)]!;
    const taken = await owner.query(`SELECT 1 FROM tenant WHERE code = $1`, [code]);
    if (taken.rowCount) continue;
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
