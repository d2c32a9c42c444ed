import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { NotFoundException, type LogLevel, type LoggerService } from '@nestjs/common';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/errors/validation.js';
import { requestInput } from './common/validation/request-input.js';
import { buildOpenApiDocument } from './common/openapi/openapi-document.js';
import { MULTIPART_PATHS } from './common/storage/document-upload.js';
import { DEFAULT_MAP_TILES, type MapTilesConfig } from './config/env.js';
import { DEFAULT_SETTINGS, type AppSettings } from './config/settings.js';
import { TenantDirectory } from './common/tenancy/tenant-directory.js';
import { securityHeaders } from './common/security/security-headers.js';
import { serveWebApp } from './web/web-app.js';
import { DEV_MAILBOX_PATHS } from './modules/mail/dev-mailbox.controller.js';
import { LimitedExpressAdapter } from './common/http/http-server.js';
import { requestIdMiddleware } from './common/logging/request-context.js';
import { accessLog } from './common/logging/access-log.js';
import { Metrics } from './common/metrics/metrics.js';
import { httpMetrics } from './common/metrics/http-metrics.js';
import { METRICS_PATHS } from './common/metrics/metrics.controller.js';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';

export interface CreateAppOptions {
  dataSource: DataSource;
  /** Built web app served at `/` (skipped when absent). */
  webDir?: string;
  /** The map's tiles, written into the web app's index.html. */
  mapTiles?: MapTilesConfig;
  logLevels?: LogLevel[] | false;
  /** The logger (main.ts: JSON or text, from LOG_FORMAT); else Nest's, at `logLevels`. */
  logger?: LoggerService;
  /** Run-time settings (production mode, public URL, mail, single sign-on); defaults suit tests and demo. */
  settings?: Partial<AppSettings>;
}

/** Responses from this size on are compressed (gzip, deflate or brotli, as the client accepts). */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** Adds `Server-Timing: app;dur=<ms>` (time spent in the server) when the response headers go out. */
function serverTiming(res: Response): void {
  const start = process.hrtime.bigint();
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!this.headersSent)
      this.setHeader('Server-Timing', `app;dur=${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(2)}`);
    return writeHead.apply(this, args);
  } as Response['writeHead'];
}

export async function createApp({
  dataSource,
  webDir,
  mapTiles = DEFAULT_MAP_TILES,
  logLevels = ['error', 'warn', 'log'],
  logger,
  settings: partialSettings = {},
}: CreateAppOptions): Promise<NestExpressApplication> {
  const settings: AppSettings = { ...DEFAULT_SETTINGS, ...partialSettings };
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.with(dataSource, settings),
    new LimitedExpressAdapter(settings.http),
    {
      logger: logger ?? logLevels,
      // Bodies are read by requestInput below, under the input rule, never by Nest's default parsers.
      bodyParser: false,
    },
  );
  app.disable('x-powered-by');
  app.set('etag', 'weak');
  // X-Forwarded-For and -Proto only from the proxies the operator named (TRUST_PROXY); by default
  // none, so no client chooses the address that the rate limits and the audit log see.
  app.set('trust proxy', settings.trustProxy);
  // First: every response (API, web app, errors, 404s) names its request, and every request gets its access line.
  app.use(requestIdMiddleware());
  app.use(accessLog());
  // Counts and times every request under its route pattern (common/metrics).
  app.use(httpMetrics(app.get(Metrics)));
  // JSON and the web app's files alike (compressible types only; tiny responses are not worth it).
  app.use(compression({ threshold: COMPRESSION_THRESHOLD_BYTES }));
  app.use((_req: Request, res: Response, next: NextFunction) => {
    serverTiming(res);
    next();
  });
  // helmet, with a CSP that lets the map load the configured tiles (and the Swagger UI and the demo mailbox their inline styles).
  app.use(
    securityHeaders({ tiles: mapTiles, production: settings.production, inlineStylePaths: [DOCS_PATH, 'dev/mailbox'] }),
  );
  // The public catalogue may be read by other sites (open data); nothing else crosses origins.
  app.enableCors({ origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'] });
  // Every API input (path, query, JSON body) is checked once here, before routes and DTOs: 400/413/415 named.
  app.use(requestInput({ pathPrefix: '/api/', multipartPaths: MULTIPART_PATHS }));
  // The demo mailbox (/dev/mailbox) and the metrics (/metrics) live at the root, beside the web app.
  app.setGlobalPrefix(API_PREFIX, { exclude: [...DEV_MAILBOX_PATHS, ...METRICS_PATHS] });
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApiDocument(app, settings.publicUrl);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'API du catalogue',
  });

  // Under /api but outside the API's prefix and the docs (routes already mounted above): the same
  // JSON 404 as an unknown API route, never the web app's page nor Express's HTML.
  app.use('/api', (req: Request, _res: Response, next: NextFunction) => {
    if (req.path === '/v1' || req.path.startsWith('/v1/')) return next();
    next(new NotFoundException(`Cannot ${req.method} ${req.originalUrl.split('?')[0]}`));
  });

  if (webDir) {
    const tenants = app.get(TenantDirectory);
    serveWebApp(app, {
      webDir,
      config: { tiles: mapTiles },
      isTenantSlug: async (slug) => (await tenants.findBySlug(slug)) !== undefined,
    });
  }
  return app;
}
