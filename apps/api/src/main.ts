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
import type { Server } from 'node:http';
import { ShutdownState } from './common/metrics/shutdown-state.js';
import { Metrics } from './common/metrics/metrics.js';
import { startMetricsServer, stopMetricsServer } from './common/metrics/metrics-server.js';
import {
  drainHttpServer,
  takeOverEmbeddedDatabaseExitHook,
  trackResponses,
} from './common/lifecycle/graceful-shutdown.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // JSON lines in production (LOG_FORMAT), readable lines otherwise; both name the request.
  const appLogger = createAppLogger(config.logFormat, levelsFrom(config.logLevel));
  Logger.overrideLogger(appLogger);
  const logger = new Logger('Démarrage');
  // Signals are ours from here on: the database stops last, after the drain (graceful-shutdown.ts).
  takeOverEmbeddedDatabaseExitHook();
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
  // No enableShutdownHooks(): Nest would stop on the signal before the drain, then kill the
  // process with it; stop() below calls app.close(), which runs the same hooks, in order.
  await app.listen(config.port, config.host);
  const server = app.getHttpServer() as Server;
  const responses = trackResponses(server);
  const metricsServer =
    config.settings.metricsPort !== null
      ? await startMetricsServer(app.get(Metrics), config.host, config.settings.metricsPort)
      : null;
  const base = `http://localhost:${config.port}`;
  logger.log(
    [
      'Le catalogue est prêt :',
      `  application   ${base}/`,
      `  API           ${base}/api/v1/tenants/drome/offers?q=mobilite`,
      `  documentation ${base}/${DOCS_PATH}`,
      `  santé         ${base}/api/v1/health (prêt : ${base}/api/v1/health/ready)`,
      ...(metricsServer ? [`  métriques     http://${config.host}:${config.settings.metricsPort}/metrics`] : []),
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
  // Readiness answers 503 (searchIndexes: warming) until every tenant's index is built.
  if (config.warmSearchIndex) void app.get(CatalogueIndexCache).warm(app.get(TenantDirectory).list());

  // Graceful stop (docs/supervision.md): readiness 503, no new connection, requests in flight
  // finish within SHUTDOWN_TIMEOUT, the outbox's batch in progress ends (MailWorker.onModuleDestroy),
  // jobs stop, the pool closes, the embedded database stops last. A second signal changes nothing.
  let stopping: Promise<void> | null = null;
  const stop = (why: string, code: number): Promise<void> => {
    if (stopping) {
      logger.warn(`${why} : arrêt déjà en cours`);
      return stopping;
    }
    app.get(ShutdownState).begin();
    logger.log(
      `${why} : arrêt (requêtes en cours : ${responses.open.size}, délai ${config.shutdownTimeoutMs / 1000} s)`,
    );
    // The hard bound: whatever hangs (an SMTP server that never answers), the process ends.
    setTimeout(
      () => {
        logger.error('Arrêt trop long : fin forcée');
        process.exit(1);
      },
      2 * config.shutdownTimeoutMs + 10_000,
    ).unref();
    stopping = (async () => {
      const cut = await drainHttpServer(server, responses, config.shutdownTimeoutMs);
      if (cut) logger.warn(`${cut} requête(s) interrompue(s) au bout du délai d’arrêt`);
      if (metricsServer) await stopMetricsServer(metricsServer);
      await app.close().catch((e: unknown) => logger.error(`Arrêt de l’application : ${String(e)}`));
      await dataSource.destroy().catch(() => undefined);
      await db.stop().catch((e: unknown) => logger.error(`Arrêt de la base : ${String(e)}`));
      logger.log('Arrêté');
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal, 0));
  // A fatal error stops everything through the same path: never a server left running on a
  // half-broken process, nor (with the embedded database) a database stopped behind it.
  const fatal = (e: unknown) => {
    logger.error(`Erreur fatale, arrêt : ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void stop('Erreur fatale', 1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
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
