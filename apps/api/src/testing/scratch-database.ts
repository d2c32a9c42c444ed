// A database of its own for a test that must own a whole département (the round trip of the
// Drôme's export needs a fresh tenant on the Drôme's code, which the shared test database's demo
// tenant holds). Created beside the test database on the same server, prepared and migrated like
// it, with the reference data; dropped at the end. Needs the superuser URL that `npm test` gives
// with the embedded server; without it (an external database) the caller skips. Also used empty
// (not migrated) as the target of a restore.
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { localBackupUrl, prepareDatabase } from '../common/database/embedded-postgres.js';
import { runMigrations } from '../common/database/data-source.js';
import { syncReferenceData } from '../database/reference-data.js';
import { testUrls } from './test-database.js';

export interface ScratchDatabase {
  appUrl: string;
  ownerUrl: string;
  /** The backup role (catalogue_backup) on this database. */
  backupUrl: string;
  /** A superuser connection URL to this database. */
  superuserUrl: string;
}

export interface OpenScratchDatabase extends ScratchDatabase {
  /** Drops the database (its connections cut). */
  drop: () => Promise<void>;
}

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
};

export const scratchDatabaseAvailable = (): boolean => !!process.env.TEST_DATABASE_SUPERUSER_URL;

/**
 * A new database on the test server, prepared (roles, extensions) and, unless `migrate` is false,
 * migrated with the reference data. For suites that keep it from `before` to `after`.
 */
export async function openScratchDatabase({ migrate = true } = {}): Promise<OpenScratchDatabase> {
  const superuser = process.env.TEST_DATABASE_SUPERUSER_URL;
  if (!superuser) throw new Error('TEST_DATABASE_SUPERUSER_URL is not set');
  const database = `scratch_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await prepareDatabase((db = 'postgres') => withDatabase(superuser, db), database);
  const drop = async () => {
    const admin = new pg.Client({ connectionString: withDatabase(superuser, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  const { appUrl, ownerUrl } = testUrls();
  const db: OpenScratchDatabase = {
    appUrl: withDatabase(appUrl, database),
    ownerUrl: withDatabase(ownerUrl, database),
    backupUrl: localBackupUrl(withDatabase(ownerUrl, database)),
    superuserUrl: withDatabase(superuser, database),
    drop,
  };
  try {
    if (migrate) {
      await runMigrations(db.ownerUrl);
      await syncReferenceData(db.ownerUrl);
    }
  } catch (e) {
    await drop();
    throw e;
  }
  return db;
}

/** Runs `work` against a new scratch database (see openScratchDatabase), then drops it (even when `work` fails). */
export async function withScratchDatabase<T>(
  work: (db: ScratchDatabase) => Promise<T>,
  options?: { migrate?: boolean },
): Promise<T> {
  const db = await openScratchDatabase(options);
  try {
    return await work(db);
  } finally {
    await db.drop();
  }
}
