import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../app.js';
import { createDataSource } from '../common/database/data-source.js';
import { testUrls } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof supertest>;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/** The real application, connected as the non-owner role to the test database. */
export async function startTestApp(): Promise<TestApp> {
  const dataSource = createDataSource({ url: testUrls().appUrl, poolSize: 4 });
  await dataSource.initialize();
  const app = await createApp({ dataSource, logLevels: ['error'] });
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
