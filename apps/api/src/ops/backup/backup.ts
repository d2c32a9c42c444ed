// `npm run backup`: every table of the database (one consistent snapshot, read as the backup role,
// which bypasses row-level security) and every uploaded document, in one .tar.gz with a manifest.
// Why not pg_dump: docs/adr/013-sauvegarde.md.
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import * as tar from 'tar';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MIGRATIONS_TABLE } from '../../common/database/data-source.js';
import {
  DATA_DIR,
  FILES_DIR,
  MANIFEST_FORMAT,
  MANIFEST_NAME,
  type Manifest,
  type ManifestFile,
  type ManifestMigration,
  type ManifestSequence,
  type ManifestTable,
} from './manifest.js';

export class BackupError extends Error {}

export interface BackupOptions {
  /** The backup role (BYPASSRLS, member of the owner): DATABASE_BACKUP_URL or the embedded one. */
  backupUrl: string;
  filesDir: string;
  out: string;
  product: { version: string; commit: string | null };
}

export interface BackupSummary {
  out: string;
  bytes: number;
  manifest: Manifest;
  durationMs: number;
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Hashes and counts the bytes (and COPY rows: one newline each) flowing through. */
export class Digest extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  newlines = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, data?: Buffer) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.newlines++;
    done(null, chunk);
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const digest = new Digest();
  await pipeline(createReadStream(path), digest, async function* (source) {
    for await (const _ of source) void _;
  });
  return { sha256: digest.hex(), bytes: digest.bytes };
}

/** The tables to save: schema public, ordinary tables, not an extension's, not TypeORM's bookkeeping. */
export async function listTables(client: pg.ClientBase): Promise<{ name: string; columns: string[]; key: string[] }[]> {
  const { rows } = await client.query<{ name: string; columns: string[]; key: string[] }>(
    `SELECT c.relname AS name,
            array(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                   ORDER BY a.attnum) AS columns,
            array(SELECT a.attname::text FROM pg_index i
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
                   WHERE i.indrelid = c.oid AND i.indisprimary
                   ORDER BY array_position(i.indkey::int2[], a.attnum)) AS key
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return rows;
}

async function listFiles(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

async function dumpTables(client: pg.ClientBase, staging: string): Promise<ManifestTable[]> {
  const tables: ManifestTable[] = [];
  for (const t of await listTables(client)) {
    const order = t.key.length ? t.key.map(quoteIdent).join(', ') : `(t::text) COLLATE "C"`;
    const sql = `COPY (SELECT ${t.columns.map((c) => `t.${quoteIdent(c)}`).join(', ')} FROM ${quoteIdent(t.name)} t ORDER BY ${order}) TO STDOUT`;
    const digest = new Digest();
    await pipeline(client.query(copyTo(sql)), digest, createWriteStream(join(staging, DATA_DIR, `${t.name}.copy`)));
    tables.push({ name: t.name, columns: t.columns, rows: digest.newlines, sha256: digest.hex() });
  }
  return tables;
}

async function readSequences(client: pg.ClientBase): Promise<ManifestSequence[]> {
  const { rows: names } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const out: ManifestSequence[] = [];
  for (const { name } of names) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${quoteIdent(name)}`,
    );
    out.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  return out;
}

export async function readMigrations(client: pg.ClientBase): Promise<ManifestMigration[] | null> {
  const { rows: exists } = await client.query(`SELECT to_regclass($1) AS t`, [`public.${MIGRATIONS_TABLE}`]);
  if (!exists[0]?.t) return null;
  const { rows } = await client.query<{ name: string; timestamp: string }>(
    `SELECT name, "timestamp"::text AS timestamp FROM ${MIGRATIONS_TABLE} ORDER BY "timestamp", id`,
  );
  return rows.map((r) => ({ name: r.name, timestamp: Number(r.timestamp) }));
}

export async function createBackup(options: BackupOptions): Promise<BackupSummary> {
  const started = Date.now();
  const outDir = dirname(options.out);
  await mkdir(outDir, { recursive: true });
  // Beside the archive (private, 0700): the table data waits there while the archive is written.
  const staging = await mkdtemp(join(outDir, '.sauvegarde-'));
  const partial = `${options.out}.partiel`;
  try {
    await mkdir(join(staging, DATA_DIR));
    const client = new pg.Client({ connectionString: options.backupUrl, application_name: 'catalogue-backup' });
    await client.connect();
    let snapshot: Pick<Manifest, 'migrations' | 'tables' | 'sequences' | 'postgresVersion'>;
    try {
      // One snapshot for every table: the archive is what the database held at one instant.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const migrations = await readMigrations(client);
      if (!migrations?.length)
        throw new BackupError('La base ne contient aucune migration appliquée : rien à sauvegarder.');
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      const tables = await dumpTables(client, staging);
      const sequences = await readSequences(client);
      await client.query('COMMIT');
      snapshot = { migrations, tables, sequences, postgresVersion: rows[0]!.server_version };
    } finally {
      await client.end().catch(() => undefined);
    }

    const files: ManifestFile[] = [];
    for (const path of await listFiles(options.filesDir))
      files.push({ path, ...(await sha256OfFile(join(options.filesDir, path))) });
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      product: options.product,
      createdAt: new Date().toISOString(),
      postgresVersion: snapshot.postgresVersion,
      lastMigration: snapshot.migrations.at(-1) ?? null,
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      sequences: snapshot.sequences,
      files,
      totals: {
        tables: snapshot.tables.length,
        rows: snapshot.tables.reduce((n, t) => n + t.rows, 0),
        files: files.length,
        fileBytes: files.reduce((n, f) => n + f.bytes, 0),
      },
    };
    await writeFile(join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    const entries = [MANIFEST_NAME, DATA_DIR];
    if (files.length) {
      // The documents stay where they are: tar follows this link and stores them under files/.
      await symlink(options.filesDir, join(staging, FILES_DIR), 'dir');
      entries.push(FILES_DIR);
    }
    // Personal data: readable by its owner only, and never a half-written file under the final name.
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true, follow: true, mode: 0o600 }, entries);
    await chmod(partial, 0o600);
    await rename(partial, options.out);
    const { size } = await stat(options.out);
    return { out: options.out, bytes: size, manifest, durationMs: Date.now() - started };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}
