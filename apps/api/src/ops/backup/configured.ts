// The database `npm run backup` / `npm run restore` work on: the external one of DATABASE_URL
// (with DATABASE_BACKUP_URL), or the embedded server of DATA_DIR — the one `npm start` runs if it
// is up (backup only), else started here. Never migrates, never loads demo data.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runningEmbeddedUrls, startEmbeddedPostgres } from '../../common/database/embedded-postgres.js';
import type { AppConfig } from '../../config/env.js';
import { BackupError } from './backup.js';

export interface BackupDatabase {
  ownerUrl: string;
  backupUrl: string;
  stop: () => Promise<void>;
}

export async function openBackupDatabase(
  config: AppConfig,
  env: NodeJS.ProcessEnv,
  purpose: 'backup' | 'restore',
  log: (m: string) => void,
): Promise<BackupDatabase> {
  if (config.databaseUrl) {
    const backupUrl = env.DATABASE_BACKUP_URL?.trim();
    if (!backupUrl)
      throw new BackupError(
        'DATABASE_BACKUP_URL manque : avec une base externe (DATABASE_URL), la sauvegarde et la restauration ' +
          'se font avec le rôle catalogue_backup (infra/sql/roles.sql), par exemple ' +
          'DATABASE_BACKUP_URL=postgres://catalogue_backup:…@hote/catalogue',
      );
    log('Base PostgreSQL : DATABASE_URL');
    return { ownerUrl: config.databaseOwnerUrl ?? config.databaseUrl, backupUrl, stop: async () => undefined };
  }
  const running = runningEmbeddedUrls(config.dataDir);
  if (running) {
    if (purpose === 'restore')
      throw new BackupError(
        `La base embarquée de ${config.dataDir} est en marche (npm start) : arrêtez-la avant de restaurer.`,
      );
    log(`Base PostgreSQL embarquée en marche : ${config.dataDir}`);
    return { ...running, stop: async () => undefined };
  }
  log(`Base PostgreSQL embarquée : ${config.dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
  return { ownerUrl: server.ownerUrl, backupUrl: server.backupUrl, stop: server.stop };
}

/** The product's version (root package.json) and git commit, when the code is a git checkout. */
export function productVersion(root: string): { version: string; commit: string | null } {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    /* not a git checkout (an unpacked release): the version alone */
  }
  return { version, commit: commit && /^[0-9a-f]{40}$/.test(commit) ? commit : null };
}

/** `sauvegarde-catalogue-2026-12-05T14-03-22.tar.gz`, in local time: sorts by date, safe in any shell. */
export function defaultArchiveName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `sauvegarde-catalogue-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}` +
    `T${p(now.getHours())}-${p(now.getMinutes())}-${p(now.getSeconds())}.tar.gz`
  );
}

export const formatBytes = (n: number): string =>
  n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} Kio` : `${(n / 1024 / 1024).toFixed(1)} Mio`;
