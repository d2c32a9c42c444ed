#!/usr/bin/env node
// npm run restore -- FICHIER.tar.gz
// Restores an archive of `npm run backup` into an EMPTY database and an empty FILES_DIR, then runs
// the migrations newer than the archive (docs/sauvegarde.md). Never loads demo data.
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { ensureDependencies, root, compileApi } from './lib.mjs';

const usage = `Usage : npm run restore -- FICHIER.tar.gz
  Restaure une archive de npm run backup dans une base VIDE et un dossier FILES_DIR vide, puis
  applique les migrations plus récentes que l'archive.
  Base externe : DATABASE_URL, DATABASE_OWNER_URL et DATABASE_BACKUP_URL (rôle catalogue_backup) ;
  sinon la base embarquée de DATA_DIR (créée si le dossier n'existe pas ; npm start arrêté).
  Codes de sortie : 0 restauration faite, 1 refus ou échec, 2 argument invalide.`;
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
if (parsed.positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}

ensureDependencies();
compileApi();
const { loadConfig, ConfigError } = await import(join(root, 'apps/api/dist/config/env.js'));
const { BackupError } = await import(join(root, 'apps/api/dist/ops/backup/backup.js'));
const { restoreBackup, RestoreError } = await import(join(root, 'apps/api/dist/ops/backup/restore.js'));
const { openBackupDatabase, formatBytes } = await import(join(root, 'apps/api/dist/ops/backup/configured.js'));

const archive = resolve(process.env.INIT_CWD ?? process.cwd(), parsed.positionals[0]);
let db;
try {
  const config = loadConfig(process.env, root);
  db = await openBackupDatabase(config, process.env, 'restore', (m) => console.log(m));
  const r = await restoreBackup({
    archive,
    ownerUrl: db.ownerUrl,
    backupUrl: db.backupUrl,
    filesDir: config.settings.filesDir,
  });
  const m = r.manifest;
  console.log(`Restauration faite depuis ${archive} (${(r.durationMs / 1000).toFixed(1)} s)`);
  console.log(
    `  sauvegarde du ${m.createdAt}, version ${m.product.version}${m.product.commit ? ` (${m.product.commit.slice(0, 12)})` : ''}`,
  );
  console.log(`  ${r.tables} tables, ${r.rows} lignes`);
  console.log(`  ${r.files} documents (${formatBytes(m.totals.fileBytes)}) dans ${config.settings.filesDir}`);
  console.log(
    r.migratedForward.length
      ? `  migrations appliquées après la restauration : ${r.migratedForward.join(', ')}`
      : `  schéma à jour : ${m.lastMigration.name}`,
  );
} catch (e) {
  console.error(
    e instanceof RestoreError || e instanceof BackupError || e instanceof ConfigError ? `Erreur : ${e.message}` : e,
  );
  process.exitCode = 1;
} finally {
  await db?.stop();
}
// Explicit: a dependency's exit hook would otherwise end the process with 0.
process.exit(process.exitCode ?? 0);
