// What a restore refuses, and that a refusal changes nothing: a backup of a newer schema than the
// code, a target that is not empty, a damaged archive; a load that fails leaves every table empty.
import { before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as tar from 'tar';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../common/database/data-source.js';
import { localBackupUrl } from '../../common/database/embedded-postgres.js';
import { scratchDatabaseAvailable, withScratchDatabase } from '../../testing/scratch-database.js';
import { createBackup } from './backup.js';
import { withEmptyDatabase, type EmptyDatabase } from './backup-test-support.js';
import type { Manifest } from './manifest.js';
import { restoreBackup, RestoreError } from './restore.js';

const skip = scratchDatabaseAvailable() ? false : 'needs TEST_DATABASE_SUPERUSER_URL (the embedded test server)';

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Unpacks `archive`, lets `change` edit the folder, packs it again as `out`. */
async function repack(archive: string, out: string, change: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'catalogue-repack-'));
  try {
    await tar.x({ file: archive, cwd: dir });
    await change(dir);
    await tar.c({ gzip: true, file: out, cwd: dir }, ['manifest.json', 'data', 'files']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('restore refusals', { skip }, () => {
  let work: string;
  let archive: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'catalogue-restore-'));
    archive = join(work, 'base.tar.gz');
    const filesDir = join(work, 'files-source');
    await mkdir(join(filesDir, 'calls'), { recursive: true });
    await writeFile(join(filesDir, 'calls', 'cahier.pdf'), '%PDF-1.4 un cahier des charges');
    await withScratchDatabase(async (a) => {
      await createBackup({
        backupUrl: localBackupUrl(a.ownerUrl),
        filesDir,
        out: archive,
        product: { version: '9.9.9', commit: null },
      });
    });
  });
  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  const restoreInto = (
    db: EmptyDatabase,
    file: string,
    filesDir = join(work, `files-${Math.random()}`),
    code = MIGRATIONS,
  ) => restoreBackup({ archive: file, ownerUrl: db.ownerUrl, backupUrl: db.backupUrl, filesDir, migrations: code });

  it('refuses a backup of a newer schema than the code, and leaves the database empty', async () => {
    await withEmptyDatabase(async (db) => {
      const older = MIGRATIONS.slice(0, -1); // this code does not know the archive's last migration
      await assert.rejects(restoreInto(db, archive, undefined, older), (e: Error) => {
        assert.ok(e instanceof RestoreError);
        assert.match(e.message, /schéma plus récent que ce code/);
        assert.match(e.message, new RegExp(MIGRATIONS.at(-1)!.name));
        assert.match(e.message, /version 9\.9\.9/);
        return true;
      });
      assert.equal(await tableCount(db.superuserUrl), 0);
    });
  });

  it('refuses a target database that is not empty, or a files folder that is not', async () => {
    await withScratchDatabase(async (migrated) => {
      const db = { ...migrated, backupUrl: localBackupUrl(migrated.ownerUrl) };
      await assert.rejects(restoreInto(db, archive), /La base cible n'est pas vide .*DATA_DIR/);
    });
    await withEmptyDatabase(async (db) => {
      const filesDir = join(work, 'files-used');
      await mkdir(filesDir, { recursive: true });
      await writeFile(join(filesDir, 'autre.pdf'), 'déjà là');
      await assert.rejects(restoreInto(db, archive, filesDir), /dossier des documents n'est pas vide/);
      assert.equal(await tableCount(db.superuserUrl), 0);
    });
  });

  it('refuses an archive whose table data or document was changed, before writing anything', async () => {
    const damaged = join(work, 'damaged.tar.gz');
    await repack(archive, damaged, async (dir) => {
      const path = join(dir, 'data', 'commune.copy');
      const bytes = await readFile(path);
      bytes[100] = bytes[100] === 0x41 ? 0x42 : 0x41; // one byte
      await writeFile(path, bytes);
    });
    const otherDoc = join(work, 'other-doc.tar.gz');
    await repack(archive, otherDoc, (dir) => writeFile(join(dir, 'files', 'calls', 'cahier.pdf'), '%PDF-1.4 un autre'));
    await withEmptyDatabase(async (db) => {
      await assert.rejects(restoreInto(db, damaged), /corrompue : data\/commune\.copy ne correspond pas/);
      await assert.rejects(restoreInto(db, otherDoc), /corrompue : le document calls\/cahier\.pdf/);
      await assert.rejects(restoreInto(db, join(work, 'absente.tar.gz')), /Archive introuvable/);
      const notGzip = join(work, 'pas-une-archive.tar.gz');
      await writeFile(notGzip, 'bonjour');
      await assert.rejects(restoreInto(db, notGzip), RestoreError);
      assert.equal(await tableCount(db.superuserUrl), 0);
    });
  });

  it('loads all tables in one transaction: a row PostgreSQL refuses leaves every table empty', async () => {
    // Checksums recomputed: the archive is consistent, but the last table's data is not valid input.
    const bad = join(work, 'bad-row.tar.gz');
    let lastTable = '';
    await repack(archive, bad, async (dir) => {
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      const last = manifest.tables.at(-1)!;
      lastTable = last.name;
      const data = `${'pas-un-nombre\t'.repeat(last.columns.length - 1)}x\n`;
      await writeFile(join(dir, 'data', `${last.name}.copy`), data);
      Object.assign(last, { rows: 1, sha256: createHash('sha256').update(data).digest('hex') });
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    });
    await withEmptyDatabase(async (db) => {
      await assert.rejects(restoreInto(db, bad), /invalid input|syntax/);
      const su = new pg.Client({ connectionString: db.superuserUrl });
      await su.connect();
      try {
        const { rows } = await su.query<{ n: string }>(`SELECT count(*) AS n FROM commune`);
        assert.equal(Number(rows[0]!.n), 0, `loaded before ${lastTable} failed, then rolled back`);
      } finally {
        await su.end();
      }
    });
  });
});
