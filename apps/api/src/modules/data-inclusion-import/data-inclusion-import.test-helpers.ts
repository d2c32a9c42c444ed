// The Drôme fixture moved into a test tenant: each Drôme commune (26xxx) and EPCI becomes one of
// the tenant's, so the same file tells the same story in any département.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { TestTenant } from '../../testing/test-database.js';

export const FIXTURE_PATH = fileURLToPath(new URL('fixtures/drome.json', import.meta.url)).replace(/\/dist\//, '/src/');

export type DiJson = Record<string, unknown>[];

// Communes only: postal codes stay (the import ignores them; a Corsican INSEE code such as 2A004
// in `code_postal` would break its digits-only pattern and refuse every line).
const DROME_COMMUNE = /(?<!"code_postal":\s*)"26\d{3}"/g;

export async function fixtureFor(owner: pg.Client, tenant: TestTenant): Promise<DiJson> {
  const text = readFileSync(FIXTURE_PATH, 'utf8');
  const drome = [...new Set(text.match(DROME_COMMUNE) ?? [])].map((c) => c.slice(1, -1));
  const { rows } = await owner.query<{ insee: string; epci: string }>(
    `SELECT insee, epci FROM commune WHERE departement = $1 AND epci IS NOT NULL ORDER BY population DESC LIMIT $2`,
    [tenant.code, drome.length],
  );
  const moved = text
    .replace(DROME_COMMUNE, (c) => `"${rows[drome.indexOf(c.slice(1, -1))]!.insee}"`)
    .replace(/"200068781"/g, `"${rows[0]!.epci}"`)
    .replace(/"26"/g, `"${tenant.code}"`);
  return JSON.parse(moved) as DiJson;
}
