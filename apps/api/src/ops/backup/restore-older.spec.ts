// A backup made by an older version (its schema stops at an earlier migration) is restored at that
// schema, then the newer migrations run on its rows, and the restore says which.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, runMigrations } from '../../common/database/data-source.js';
import { syncReferenceData } from '../../database/reference-data.js';
import { scratchDatabaseAvailable } from '../../testing/scratch-database.js';
import { createBackup } from './backup.js';
import { withEmptyDatabase } from './backup-test-support.js';
import { migrationName, restoreBackup } from './restore.js';

const skip = scratchDatabaseAvailable() ? false : 'needs TEST_DATABASE_SUPERUSER_URL (the embedded test server)';

describe('restore of an older backup', { skip }, () => {
  it('restores at the archive schema, then migrates forward to the latest', async () => {
    const work = await mkdtemp(join(tmpdir(), 'catalogue-older-'));
    const cut = MIGRATIONS.findIndex((m) => migrationName(m) === 'AddedRegistrations1764800000000');
    assert.ok(cut > 0);
    const older = MIGRATIONS.slice(0, cut + 1);
    try {
      const archive = join(work, 'older.tar.gz');
      await withEmptyDatabase(async (a) => {
        await runMigrations(a.ownerUrl, older);
        await syncReferenceData(a.ownerUrl);
        const owner = new pg.Client({ connectionString: a.ownerUrl });
        await owner.connect();
        await owner.query(
          `INSERT INTO tenant (code, slug, name, bbox_min_lng, bbox_min_lat, bbox_max_lng, bbox_max_lat)
           VALUES ('26', 'drome', 'Drôme', 4.6, 44.1, 5.8, 45.4)`,
        );
        await owner.end();
        const backup = await createBackup({
          backupUrl: a.backupUrl,
          filesDir: join(work, 'none'),
          out: archive,
          product: { version: '0.0.1', commit: null },
        });
        assert.equal(backup.manifest.lastMigration?.name, 'AddedRegistrations1764800000000');
      });
      await withEmptyDatabase(async (b) => {
        const r = await restoreBackup({
          archive,
          ownerUrl: b.ownerUrl,
          backupUrl: b.backupUrl,
          filesDir: join(work, 'files-b'),
        });
        assert.deepEqual(r.migratedForward, MIGRATIONS.slice(cut + 1).map(migrationName));
        assert.ok(r.migratedForward.includes('AddedApiKeys1765400000000'));
        const su = new pg.Client({ connectionString: b.superuserUrl });
        await su.connect();
        try {
          const { rows: applied } = await su.query<{ name: string }>(
            `SELECT name FROM schema_migration ORDER BY "timestamp"`,
          );
          assert.deepEqual(
            applied.map((m) => m.name),
            MIGRATIONS.map(migrationName),
          );
          const { rows } = await su.query(`SELECT slug, registration_expiry_days FROM tenant`);
          assert.equal(rows.length, 1);
          assert.equal(rows[0].slug, 'drome');
          assert.equal((await su.query(`SELECT 1 FROM commune`)).rowCount! > 30000, true);
          assert.ok((await su.query(`SELECT to_regclass('public.api_key') AS t`)).rows[0].t, 'newer tables exist');
        } finally {
          await su.end();
        }
      });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
