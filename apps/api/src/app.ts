import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { LogLevel } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/errors/validation.js';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';

export interface CreateAppOptions {
  dataSource: DataSource;
  /** Built web app served at `/` (skipped when absent). */
  webDir?: string;
  logLevels?: LogLevel[] | false;
}

/** Adds `Server-Timing: app;dur=<ms>` (time spent in the server) when the response headers go out. */
function serverTiming(res: Response): void {
  const start = process.hrtime.bigint();
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!this.headersSent) this.setHeader('Server-Timing', `app;dur=${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(2)}`);
    return writeHead.apply(this, args);
  } as Response['writeHead'];
}

export async function createApp({ dataSource, webDir, logLevels = ['error', 'warn', 'log'] }: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(dataSource), {
    logger: logLevels,
    bodyParser: true,
  });
  app.disable('x-powered-by');
  app.set('etag', 'weak');
  app.set('trust proxy', 'loopback');
  app.useBodyParser('json', { limit: '1mb' });
  app.use((_req: Request, res: Response, next: NextFunction) => {
    serverTiming(res);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  // The public catalogue may be read by other sites (open data); nothing else crosses origins.
  app.enableCors({ origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'] });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle("Catalogue de l'offre d'insertion — API")
      .setDescription(
        "API publique du catalogue de l'offre d'insertion des départements : référentiels data·inclusion, communes, recherche d'offres (texte, géographie, facettes), fiches offre et structure. Toutes les erreurs ont la forme `{statusCode, code, message}`.",
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json`, customSiteTitle: 'API du catalogue' });

  if (webDir && existsSync(join(webDir, 'index.html'))) {
    app.useStaticAssets(webDir, { index: 'index.html', maxAge: '1h' });
    const index = join(webDir, 'index.html');
    // Client-side routes of the web app: any other GET outside /api serves the page.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.sendFile(index);
    });
  }
  return app;
}
