import type { AppConfig } from '../config/env.js';
import { startEmbeddedPostgres } from '../common/database/embedded-postgres.js';
import { runMigrations } from '../common/database/data-source.js';
import { PREPARE_LOCK_KEY, withAdvisoryLock } from '../common/database/advisory-lock.js';
import { syncReferenceData } from './reference-data.js';
import { isEmpty, loadDemoData } from '../demo/demo-loader.js';
import { ensureDemoAccounts } from '../demo/demo-accounts.js';

export interface PreparedDatabase {
  appUrl: string;
  ownerUrl: string;
  stop: () => Promise<void>;
}

/** Database server (embedded or given), schema migrated, reference data and, on a fresh install, demo data. */
export async function prepareDatabase(config: AppConfig, log: (m: string) => void): Promise<PreparedDatabase> {
  let urls: PreparedDatabase;
  if (config.databaseUrl) {
    log('Base PostgreSQL : DATABASE_URL');
    urls = {
      appUrl: config.databaseUrl,
      ownerUrl: config.databaseOwnerUrl ?? config.databaseUrl,
      stop: async () => undefined,
    };
  } else {
    log(`Base PostgreSQL embarquée : ${config.dataDir}`);
    const server = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    urls = { appUrl: server.appUrl, ownerUrl: server.ownerUrl, stop: server.stop };
  }
  // Several instances starting together (after an upgrade) take turns: the second finds it all done.
  await withAdvisoryLock(urls.ownerUrl, PREPARE_LOCK_KEY, async () => {
    const applied = await runMigrations(urls.ownerUrl);
    if (applied.length) log(`Migrations appliquées : ${applied.join(', ')}`);
    const ref = await syncReferenceData(urls.ownerUrl);
    if (ref.loaded) log(`Référentiel géographique chargé : ${ref.communes} communes`);
    if (config.loadDemoData && (await isEmpty(urls.ownerUrl))) {
      const loaded = await loadDemoData(urls.ownerUrl);
      log(
        `Données de démonstration chargées : ${Object.entries(loaded)
          .map(([s, n]) => `${s} (${n} offres)`)
          .join(', ')}`,
      );
    }
    if (config.loadDemoData) await ensureDemoAccounts(urls.ownerUrl, config.settings.filesDir);
  });
  return urls;
}
