#!/usr/bin/env node
// npm run backup -- [--out FICHIER.tar.gz]
// Saves the configured database (DATABASE_URL + DATABASE_BACKUP_URL, or the embedded PostgreSQL of
// DATA_DIR, running or not) and the documents of FILES_DIR in one archive (docs/sauvegarde.md).
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { ensureDependencies, root, compileApi } from './lib.mjs';

const usage = `Usage : npm run backup -- [--out FICHIER.tar.gz]
  Sauvegarde la base (toutes les tables) et les documents (FILES_DIR) dans une archive .tar.gz.
  Sans --out : sauvegarde-catalogue-<date>T<heure>.tar.gz dans le dossier courant.
  Base externe : DATABASE_URL, DATABASE_OWNER_URL et DATABASE_BACKUP_URL (rôle catalogue_backup) ;
  sinon la base embarquée de DATA_DIR (celle de npm start, en marche ou non).
  Codes de sortie : 0 sauvegarde écrite, 1 échec, 2 argument invalide.`;
let args;
try {
  ({ values: args } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

ensureDependencies();
compileApi();
const { loadConfig, ConfigError } = await import(join(root, 'apps/api/dist/config/env.js'));
const { createBackup, BackupError } = await import(join(root, 'apps/api/dist/ops/backup/backup.js'));
const { openBackupDatabase, productVersion, defaultArchiveName, formatBytes } = await import(
  join(root, 'apps/api/dist/ops/backup/configured.js')
);

// --out is relative to where the command was typed (npm runs scripts from the repository root).
const out = resolve(process.env.INIT_CWD ?? process.cwd(), args.out ?? defaultArchiveName());
let db;
try {
  const config = loadConfig(process.env, root);
  db = await openBackupDatabase(config, process.env, 'backup', (m) => console.log(m));
  const r = await createBackup({
    backupUrl: db.backupUrl,
    filesDir: config.settings.filesDir,
    out,
    product: productVersion(root),
  });
  const m = r.manifest;
  console.log(`Sauvegarde écrite : ${r.out} (${formatBytes(r.bytes)}, ${(r.durationMs / 1000).toFixed(1)} s)`);
  console.log(`  ${m.totals.tables} tables, ${m.totals.rows} lignes`);
  console.log(`  ${m.totals.files} documents (${formatBytes(m.totals.fileBytes)}) de ${config.settings.filesDir}`);
  console.log(`  schéma : ${m.lastMigration.name} (${m.migrations.length} migrations)`);
} catch (e) {
  console.error(e instanceof BackupError || e instanceof ConfigError ? `Erreur : ${e.message}` : e);
  process.exitCode = 1;
} finally {
  await db?.stop();
}
// Explicit: a dependency's exit hook would otherwise end the process with 0.
process.exit(process.exitCode ?? 0);
