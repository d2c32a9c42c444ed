// The round trip: the demo database (4 départements, their documents) backed up, restored
// into a fresh database and an empty files folder; every table's rows and every file come back,
// the audit log is still append-only, and a demo account signs in on the restored database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import supertest from 'supertest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../app.js';
import { createDataSource } from '../../common/database/data-source.js';
import { localBackupUrl } from '../../common/database/embedded-postgres.js';
import { ensureDemoAccounts, demoEmail, DEMO_PASSWORD } from '../../demo/demo-accounts.js';
import { loadDemoData } from '../../demo/demo-loader.js';
import { createPlatformAdmin } from '../../modules/platform/admin-create.js';
import { scratchDatabaseAvailable, withScratchDatabase } from '../../testing/scratch-database.js';
import { createBackup } from './backup.js';
import { contentOf, filesOf, withEmptyDatabase } from './backup-test-support.js';
import { restoreBackup } from './restore.js';

const skip = scratchDatabaseAvailable() ? false : 'needs TEST_DATABASE_SUPERUSER_URL (the embedded test server)';
const product = { version: '0.0.0-test', commit: null };

describe('backup and restore of the demo database', { skip }, () => {
  it('restores every table and document of the demo into a fresh database, rules and sign-in intact', async (t) => {
    const work = await mkdtemp(join(tmpdir(), 'catalogue-backup-'));
    try {
      await withScratchDatabase(async (a) => {
        const filesA = join(work, 'files-a');
        await loadDemoData(a.ownerUrl);
        await ensureDemoAccounts(a.ownerUrl, filesA);
        // A platform-wide audit line (no tenant): only a role that bypasses row-level security reads it.
        const appA = new pg.Client({ connectionString: a.appUrl });
        await appA.connect();
        await createPlatformAdmin(appA, { email: 'exploitation@exemple.fr', publicUrl: 'http://localhost:3000' });
        await appA.end();
        const archive = join(work, 'demo.tar.gz');
        const backup = await createBackup({
          backupUrl: localBackupUrl(a.ownerUrl),
          filesDir: filesA,
          out: archive,
          product,
        });
        const archiveBytes = (await stat(archive)).size;
        assert.equal((await stat(archive)).mode & 0o777, 0o600, 'the archive is readable by its owner only');
        const before = await contentOf(a.superuserUrl);
        const docs = await filesOf(filesA);
        assert.ok(docs.size > 0, 'the demo wrote documents');
        assert.match(before.get('audit_log') ?? '', /^[1-9]\d* rows/, 'audit lines to restore');

        await withEmptyDatabase(async (b) => {
          const filesB = join(work, 'files-b');
          const restored = await restoreBackup({
            archive,
            ownerUrl: b.ownerUrl,
            backupUrl: b.backupUrl,
            filesDir: filesB,
          });
          t.diagnostic(
            `demo: backup ${backup.durationMs} ms, ${(archiveBytes / 1024 / 1024).toFixed(1)} MiB, ` +
              `${backup.manifest.totals.rows} rows, ${docs.size} files; restore ${restored.durationMs} ms`,
          );
          assert.deepEqual(restored.migratedForward, []);
          assert.equal(restored.rows, backup.manifest.totals.rows);

          const after = await contentOf(b.superuserUrl);
          assert.deepEqual([...after.keys()], [...before.keys()], 'same tables');
          for (const [table, summary] of before) assert.equal(after.get(table), summary, table);
          const docsB = await filesOf(filesB);
          assert.deepEqual([...docsB.keys()].sort(), [...docs.keys()].sort(), 'same documents');
          for (const [path, bytes] of docs) assert.ok(docsB.get(path)?.equals(bytes), path);

          // The audit log is still append-only: the app may not change a line, the owner is stopped by the trigger.
          const app = new pg.Client({ connectionString: b.appUrl });
          const owner = new pg.Client({ connectionString: b.ownerUrl });
          await app.connect();
          await owner.connect();
          try {
            await assert.rejects(app.query(`UPDATE audit_log SET summary = 'changé'`), /permission denied/);
            await assert.rejects(app.query(`DELETE FROM audit_log`), /permission denied/);
            await assert.rejects(owner.query(`DELETE FROM audit_log`), /append-only/);
            await assert.rejects(owner.query(`TRUNCATE audit_log`), /append-only/);
            // Sequences carry on after the restored rows (no duplicate key on the next insert); read
            // as a superuser, as row-level security hides the lines from the owner.
            const su = new pg.Client({ connectionString: b.superuserUrl });
            await su.connect();
            const { rows } = await su.query<{ next: string; max: string }>(
              `SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS next, (SELECT max(id) FROM audit_log)::text AS max`,
            );
            await su.end();
            assert.ok(BigInt(rows[0]!.next) > BigInt(rows[0]!.max), 'the audit sequence is past the restored ids');
          } finally {
            await app.end();
            await owner.end();
          }

          // A demo agent signs in on the restored database and reads their département.
          const dataSource = createDataSource({ url: b.appUrl, poolSize: 4 });
          await dataSource.initialize();
          const nest = await createApp({
            dataSource,
            logLevels: ['error'],
            settings: { mailWorker: false, filesDir: filesB },
          });
          await nest.init();
          try {
            const http = supertest(nest.getHttpServer());
            const login = await http
              .post('/api/v1/auth/login')
              .set('X-Forwarded-For', '203.0.113.77')
              .send({ email: demoEmail('agent', 'drome'), password: DEMO_PASSWORD });
            assert.equal(login.status, 200, JSON.stringify(login.body));
            const cookie = ([] as string[])
              .concat(login.headers['set-cookie'] ?? [])
              .map((c) => c.split(';')[0])
              .join('; ');
            const me = await http.get('/api/v1/me').set('Cookie', cookie);
            assert.equal(me.status, 200);
            assert.equal(me.body.email, demoEmail('agent', 'drome'));
          } finally {
            await nest.close();
            await dataSource.destroy();
          }
        });
      });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
