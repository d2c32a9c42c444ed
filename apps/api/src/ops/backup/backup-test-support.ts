// For the backup specs: an EMPTY database (prepared, not migrated) beside the scratch databases,
// and a description of a database's content computed without the backup code.
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { localBackupUrl, prepareDatabase } from '../../common/database/embedded-postgres.js';
import { testUrls } from '../../testing/test-database.js';

export interface EmptyDatabase {
  appUrl: string;
  ownerUrl: string;
  backupUrl: string;
  superuserUrl: string;
}

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
};

/** Runs `work` against a new database with the roles and extensions but no table, then drops it. */
export async function withEmptyDatabase<T>(work: (db: EmptyDatabase) => Promise<T>): Promise<T> {
  const superuser = process.env.TEST_DATABASE_SUPERUSER_URL;
  if (!superuser) throw new Error('TEST_DATABASE_SUPERUSER_URL is not set');
  const database = `restore_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await prepareDatabase((db = 'postgres') => withDatabase(superuser, db), database);
  const { appUrl, ownerUrl } = testUrls();
  try {
    return await work({
      appUrl: withDatabase(appUrl, database),
      ownerUrl: withDatabase(ownerUrl, database),
      backupUrl: localBackupUrl(withDatabase(ownerUrl, database)),
      superuserUrl: withDatabase(superuser, database),
    });
  } finally {
    const admin = new pg.Client({ connectionString: withDatabase(superuser, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}

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
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration'
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
