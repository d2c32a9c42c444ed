import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../app.js';
import { createDataSource } from '../common/database/data-source.js';
import type pg from 'pg';
import { connect, createTenant, releaseTenant, testUrls, type TestTenant } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof supertest>;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/**
 * The real application, connected as the non-owner role to the test database. Its outbox worker is
 * off unless `settings.mailWorker` says otherwise: test files run in parallel on one database, and
 * another process's worker would take their emails (read them in email_outbox, e.g. emailsTo in modules/auth/auth.test-helpers.ts).
 * It trusts X-Forwarded-For from loopback, as behind a local proxy (TRUST_PROXY=loopback), so that
 * each test can act as a client of its own address (uniqueIp); the default, no proxy trusted, is
 * tested in modules/auth/client-address.spec.ts.
 */
export async function startTestApp(
  options: Pick<CreateAppOptions, 'webDir' | 'mapTiles' | 'settings' | 'logLevels'> = {},
): Promise<TestApp> {
  const dataSource = createDataSource({ url: testUrls().appUrl, poolSize: 4 });
  await dataSource.initialize();
  const app = await createApp({
    dataSource,
    logLevels: ['error'],
    ...options,
    settings: { mailWorker: false, trustProxy: ['loopback'], ...options.settings },
  });
  await app.init();
  return {
    app,
    dataSource,
    http: supertest(app.getHttpServer()),
    close: async () => {
      await app.close();
      await dataSource.destroy();
    },
  };
}

export interface ApiTest {
  t: TestApp;
  owner: pg.Client;
  tenant: TestTenant;
  close: () => Promise<void>;
}

/** The usual set-up of an HTTP test: the app, an owner connection for factories, a fresh tenant. */
export async function startApiTest(options: Parameters<typeof startTestApp>[0] = {}): Promise<ApiTest> {
  const t = await startTestApp(options);
  const owner = await connect('owner');
  const tenant = await createTenant(owner);
  return {
    t,
    owner,
    tenant,
    close: async () => {
      await owner.end();
      await t.close();
      await releaseTenant(tenant.id);
    },
  };
}
