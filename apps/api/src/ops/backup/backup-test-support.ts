// For the backup specs: an EMPTY database (prepared, not migrated) beside the scratch databases,
// and a description of a database's content computed without the backup code.
import pg from 'pg';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { withScratchDatabase, type ScratchDatabase } from '../../testing/scratch-database.js';
import { MIGRATIONS_TABLE } from '../../common/database/data-source.js';

export type EmptyDatabase = ScratchDatabase;

/** Runs `work` against a new database with the roles and extensions but no table, then drops it. */
export const withEmptyDatabase = <T>(work: (db: EmptyDatabase) => Promise<T>): Promise<T> =>
  withScratchDatabase(work, { migrate: false });

/**
 * Per table of schema public (TypeORM's bookkeeping aside): row count and md5 of every row's text,
 * sorted — read as a superuser, so row-level security hides nothing.
 */
export async function contentOf(superuserUrl: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '${MIGRATIONS_TABLE}'
        ORDER BY table_name`,
    );
    const out = new Map<string, string>();
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string; md5: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS md5
           FROM "${name}" t`,
      );
      out.set(name, `${rows[0]!.n} rows, md5 ${rows[0]!.md5}`);
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Every file under `root`: relative path → bytes. */
export async function filesOf(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(root, path), await readFile(path));
  }
  return out;
}
