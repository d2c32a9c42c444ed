// The commands an operator types: `node scripts/backup.mjs --out …` then `node scripts/restore.mjs …`
// on an external database (DATABASE_URL, DATABASE_OWNER_URL, DATABASE_BACKUP_URL), their exit
// codes and what they print.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localBackupUrl } from '../../common/database/embedded-postgres.js';
import { scratchDatabaseAvailable, withScratchDatabase } from '../../testing/scratch-database.js';
import { runScript } from '../../testing/run-script.js';
import { withEmptyDatabase } from './backup-test-support.js';

const skip = scratchDatabaseAvailable() ? false : 'needs TEST_DATABASE_SUPERUSER_URL (the embedded test server)';

describe('npm run backup / npm run restore', { skip }, () => {
  it('backs up and restores an external database, with exit codes and a French summary', async () => {
    const work = await mkdtemp(join(tmpdir(), 'catalogue-cli-'));
    try {
      const archive = join(work, 'sauvegarde.tar.gz');
      const filesA = join(work, 'files-a');
      await mkdir(join(filesA, 'calls'), { recursive: true });
      await writeFile(join(filesA, 'calls', 'cahier.pdf'), '%PDF-1.4 cahier');
      await withScratchDatabase(async (a) => {
        const envA = { DATABASE_URL: a.appUrl, DATABASE_OWNER_URL: a.ownerUrl, FILES_DIR: filesA };
        const missing = await runScript('backup.mjs', ['--out', archive], envA);
        assert.equal(missing.code, 1, missing.out);
        assert.match(missing.out, /Erreur : DATABASE_BACKUP_URL manque/);

        const saved = await runScript('backup.mjs', ['--out', archive], {
          ...envA,
          DATABASE_BACKUP_URL: localBackupUrl(a.ownerUrl),
        });
        assert.equal(saved.code, 0, saved.out);
        assert.match(saved.out, /Sauvegarde écrite : .*sauvegarde\.tar\.gz/);
        assert.match(saved.out, /\d+ tables, \d+ lignes/);
        assert.match(saved.out, /1 documents/);
      });
      const bad = await runScript('backup.mjs', ['--sortie', 'x'], {});
      assert.equal(bad.code, 2, bad.out);

      await withEmptyDatabase(async (b) => {
        const envB = {
          DATABASE_URL: b.appUrl,
          DATABASE_OWNER_URL: b.ownerUrl,
          DATABASE_BACKUP_URL: b.backupUrl,
          FILES_DIR: join(work, 'files-b'),
        };
        const restored = await runScript('restore.mjs', [archive], envB);
        assert.equal(restored.code, 0, restored.out);
        assert.match(restored.out, /Restauration faite depuis .*sauvegarde\.tar\.gz/);
        assert.match(restored.out, /\d+ tables, \d+ lignes/);
        assert.match(restored.out, /1 documents .* dans .*files-b/);
        assert.match(restored.out, /schéma à jour : /);

        const again = await runScript('restore.mjs', [archive], envB);
        assert.equal(again.code, 1, again.out);
        assert.match(again.out, /Erreur : La base cible n'est pas vide/);
        assert.doesNotMatch(again.out, /\n\s+at /, 'a refusal, not a stack trace');
      });
      const usage = await runScript('restore.mjs', [], {});
      assert.equal(usage.code, 2);
      assert.match(usage.out, /Usage : npm run restore -- FICHIER\.tar\.gz/);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
