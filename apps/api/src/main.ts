// Starts the whole product: database (embedded unless DATABASE_URL), migrations, reference and
// demo data, then the API and the web app on one port.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/env.js';
import { createApp, DOCS_PATH } from './app.js';
import { prepareDatabase } from './database/prepare.js';
import { createDataSource } from './common/database/data-source.js';
import { CatalogueIndexCache } from './modules/search/catalogue-index.cache.js';
import { TenantDirectory } from './common/tenancy/tenant-directory.js';
import { JobScheduler } from './common/jobs/job-scheduler.js';
import { createAppLogger } from './common/logging/app-logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // JSON lines in production (LOG_FORMAT), readable lines otherwise; both name the request.
  const appLogger = createAppLogger(config.logFormat, levelsFrom(config.logLevel));
  Logger.overrideLogger(appLogger);
  const logger = new Logger('Démarrage');
  const db = await prepareDatabase(config, (m) => logger.log(m));
  const dataSource = createDataSource({ url: db.appUrl, poolSize: 10 });
  await dataSource.initialize();
  const app = await createApp({
    dataSource,
    webDir: config.webDir,
    mapTiles: config.mapTiles,
    settings: config.settings,
    logger: appLogger,
  });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const base = `http://localhost:${config.port}`;
  logger.log(
    [
      'Le catalogue est prêt :',
      `  application   ${base}/`,
      `  API           ${base}/api/v1/tenants/drome/offers?q=mobilite`,
      `  documentation ${base}/${DOCS_PATH}`,
      `  santé         ${base}/api/v1/health`,
      ...(config.host === '127.0.0.1' && !config.settings.production
        ? [
            'Démonstration : accessible depuis cette machine seulement (HOST=0.0.0.0 pour l’ouvrir au réseau ; /dev/mailbox reste local).',
          ]
        : []),
    ].join('\n'),
  );
  // Every @RegisterJob() provider (overdue digest, auth housekeeping, account email sweep, retention), stopped
  // on shutdown; tests call each job's run() themselves.
  app.get(JobScheduler).start();
  if (config.warmSearchIndex) {
    void app.get(CatalogueIndexCache).warm(await app.get(TenantDirectory).list());
  }
  const stop = async () => {
    await app.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    await db.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function levelsFrom(level: string): ('error' | 'warn' | 'log' | 'debug')[] {
  const order = ['error', 'warn', 'log', 'debug'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(`Configuration invalide : ${e.message}`);
  else console.error(e);
  process.exit(1);
});
