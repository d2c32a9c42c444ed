// `npm run restore`: an archive of `npm run backup` into an EMPTY database and an empty FILES_DIR.
// Checks everything before touching the database (known schema, checksums), migrates up to the
// archive's schema, loads every table in one transaction with triggers off, then migrates forward.
import 'reflect-metadata';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as tar from 'tar';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { MIGRATIONS, runMigrations } from '../../common/database/data-source.js';
import { Digest, listTables, quoteIdent, sha256OfFile } from './backup.js';
import { DATA_DIR, FILES_DIR, MANIFEST_NAME, parseManifest, BackupFormatError, type Manifest } from './manifest.js';

/** A refusal: the CLI prints the message (French), no stack; nothing was changed. */
export class RestoreError extends Error {}

export interface RestoreOptions {
  archive: string;
  ownerUrl: string;
  backupUrl: string;
  filesDir: string;
  /** The code's migrations (tests pass a shorter list to play an older version). */
  migrations?: (new () => unknown)[];
}

export interface RestoreSummary {
  manifest: Manifest;
  tables: number;
  rows: number;
  files: number;
  /** Migrations newer than the archive, run after loading it. */
  migratedForward: string[];
  durationMs: number;
}

/** The name TypeORM records in its table for a migration class. */
export const migrationName = (m: new () => unknown): string => (new m() as { name?: string }).name ?? m.name;

const EMPTY_DATABASE_HELP =
  'Base embarquée : arrêtez « npm start », mettez de côté le dossier .data/postgres (ou choisissez un autre DATA_DIR) ; ' +
  'base externe : créez une base neuve avec infra/sql/roles.sql.';

async function checkTargetIsEmpty(backupUrl: string, filesDir: string): Promise<void> {
  const client = new pg.Client({ connectionString: backupUrl, application_name: 'catalogue-restore' });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
    );
    const tables = Number(rows[0]!.n);
    if (tables > 0)
      throw new RestoreError(
        `La base cible n'est pas vide (${tables} tables) : une restauration se fait dans une base neuve. ${EMPTY_DATABASE_HELP}`,
      );
  } finally {
    await client.end().catch(() => undefined);
  }
  if (existsSync(filesDir) && (await readdir(filesDir)).length > 0)
    throw new RestoreError(
      `Le dossier des documents n'est pas vide (${filesDir}) : videz-le, mettez-le de côté ou choisissez un autre FILES_DIR.`,
    );
}

/** The code's migrations up to the archive's last one; refuses a newer or a diverging schema. */
function migrationsUpTo(manifest: Manifest, code: (new () => unknown)[]): (new () => unknown)[] {
  const names = code.map(migrationName);
  const last = manifest.lastMigration;
  if (!last) throw new RestoreError('La sauvegarde ne contient aucune migration : archive incomplète.');
  const index = names.indexOf(last.name);
  if (index === -1)
    throw new RestoreError(
      `Cette sauvegarde vient d'un schéma plus récent que ce code (dernière migration « ${last.name} », inconnue ici). ` +
        `Restaurez-la avec la version du produit qui l'a faite (version ${manifest.product.version}` +
        `${manifest.product.commit ? `, commit ${manifest.product.commit.slice(0, 12)}` : ''}) ou une plus récente.`,
    );
  const archived = manifest.migrations.map((m) => m.name);
  if (archived.join('\n') !== names.slice(0, index + 1).join('\n'))
    throw new RestoreError(
      "L'historique des migrations de la sauvegarde diffère de celui de ce code : restauration refusée.",
    );
  return code.slice(0, index + 1);
}

/** Every table's data and every document against the manifest, before anything is written. */
async function verifyArchive(dir: string, manifest: Manifest): Promise<void> {
  for (const t of manifest.tables) {
    const path = join(dir, DATA_DIR, `${t.name}.copy`);
    if (!existsSync(path)) throw new RestoreError(`Sauvegarde incomplète : ${DATA_DIR}/${t.name}.copy manque.`);
    const { sha256 } = await sha256OfFile(path);
    if (sha256 !== t.sha256)
      throw new RestoreError(`Sauvegarde corrompue : ${DATA_DIR}/${t.name}.copy ne correspond pas à son empreinte.`);
  }
  for (const f of manifest.files) {
    const path = join(dir, FILES_DIR, f.path);
    if (!existsSync(path)) throw new RestoreError(`Sauvegarde incomplète : le document ${f.path} manque.`);
    const { sha256, bytes } = await sha256OfFile(path);
    if (sha256 !== f.sha256 || bytes !== f.bytes)
      throw new RestoreError(`Sauvegarde corrompue : le document ${f.path} ne correspond pas à son empreinte.`);
  }
}

/** All tables in one transaction, triggers and foreign-key checks off (rows come as they were). */
async function loadTables(backupUrl: string, dir: string, manifest: Manifest): Promise<void> {
  const client = new pg.Client({ connectionString: backupUrl, application_name: 'catalogue-restore' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    const target = new Map((await listTables(client)).map((t) => [t.name, t]));
    for (const t of manifest.tables) {
      const columns = target.get(t.name)?.columns;
      if (!columns || [...columns].sort().join(',') !== [...t.columns].sort().join(','))
        throw new RestoreError(`La table ${t.name} de la sauvegarde ne correspond pas au schéma migré.`);
    }
    // What the migrations seeded (and anything else): the archive's rows replace it.
    if (target.size) await client.query(`TRUNCATE ${[...target.keys()].map(quoteIdent).join(', ')}`);
    for (const t of manifest.tables) {
      const digest = new Digest();
      const sql = `COPY ${quoteIdent(t.name)} (${t.columns.map(quoteIdent).join(', ')}) FROM STDIN`;
      await pipeline(createReadStream(join(dir, DATA_DIR, `${t.name}.copy`)), digest, client.query(copyFrom(sql)));
      if (digest.hex() !== t.sha256 || digest.newlines !== t.rows)
        throw new RestoreError(`Sauvegarde corrompue : ${DATA_DIR}/${t.name}.copy a changé pendant la lecture.`);
    }
    for (const s of manifest.sequences)
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [quoteIdent(s.name), s.lastValue, s.isCalled]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function moveFiles(staging: string, filesDir: string): Promise<void> {
  const from = join(staging, FILES_DIR);
  if (!existsSync(from)) return;
  if (existsSync(filesDir)) await rmdir(filesDir); // empty: checked before
  await mkdir(dirname(filesDir), { recursive: true });
  await rename(from, filesDir);
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const started = Date.now();
  if (!existsSync(options.archive) || !(await stat(options.archive)).isFile())
    throw new RestoreError(`Archive introuvable : ${options.archive}`);
  await checkTargetIsEmpty(options.backupUrl, options.filesDir);
  // Beside FILES_DIR, so that the documents reach it by a rename, not a second copy.
  await mkdir(dirname(options.filesDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(options.filesDir), '.restauration-'));
  try {
    try {
      await tar.x({
        file: options.archive,
        cwd: staging,
        strict: true,
        // Plain files and folders only: no links, devices or paths outside the staging folder.
        filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory'),
      });
    } catch (e) {
      throw new RestoreError(`Archive illisible (${e instanceof Error ? e.message : String(e)}).`);
    }
    if (!existsSync(join(staging, MANIFEST_NAME)))
      throw new RestoreError(`Archive sans ${MANIFEST_NAME} : ce n'est pas une sauvegarde du catalogue.`);
    let manifest: Manifest;
    try {
      manifest = parseManifest(await readFile(join(staging, MANIFEST_NAME), 'utf8'));
    } catch (e) {
      throw e instanceof BackupFormatError ? new RestoreError(e.message) : e;
    }
    const code = options.migrations ?? MIGRATIONS;
    const upTo = migrationsUpTo(manifest, code);
    await verifyArchive(staging, manifest);

    await runMigrations(options.ownerUrl, upTo);
    await loadTables(options.backupUrl, staging, manifest);
    await moveFiles(staging, options.filesDir);
    // An older backup: the newer migrations run on its rows, as at the start of an upgraded version.
    if (upTo.length < code.length) await runMigrations(options.ownerUrl, code);
    const migratedForward = code.slice(upTo.length).map(migrationName);
    return {
      manifest,
      tables: manifest.tables.length,
      rows: manifest.totals.rows,
      files: manifest.files.length,
      migratedForward,
      durationMs: Date.now() - started,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
