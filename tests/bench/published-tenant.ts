// The set-up the export and index-memory benchmarks share (the coverage benchmark, its Nest context):
// their own database on the benchmark's embedded PostgreSQL, migrated, with the reference communes
// and one département of `offers` generated offers (demo templates, places weighted by population),
// every offer published and every structure validated, then the application's modules in process
// (a Nest context, no HTTP, no mail worker), as a request would run them.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '@catalogue/api/app.module.js';
import { DEFAULT_SETTINGS } from '@catalogue/api/config/settings.js';
import { createDataSource, runMigrations } from '@catalogue/api/common/database/data-source.js';
import { startEmbeddedPostgres } from '@catalogue/api/common/database/embedded-postgres.js';
import { syncReferenceData } from '@catalogue/api/database/reference-data.js';
import type { Tenant } from '@catalogue/api/common/tenancy/tenant.js';
import { log, recreateDatabase, round2, type BenchOptions } from './bench-env.js';
import { connectClient, type Resources } from './bench-run.js';
import { generateDataset } from './generate.js';
import { Rng } from './rng.js';

/** The application's modules in process on the application role (a Nest context: no HTTP, no mail worker). */
export async function startBenchContext(resources: Resources, appUrl: string): Promise<INestApplicationContext> {
  const dataSource = createDataSource({ url: appUrl, poolSize: 1, applicationName: 'catalogue-bench' });
  await dataSource.initialize();
  resources.add('connexion applicative', () => dataSource.destroy());
  const context = await NestFactory.createApplicationContext(
    AppModule.with(dataSource, { ...DEFAULT_SETTINGS, mailWorker: false }),
    { logger: ['error'] },
  );
  resources.add('contexte Nest', () => context.close());
  return context;
}

export interface PublishedTenant {
  tenant: Tenant;
  /** Seconds to generate and publish the offers. */
  generationSeconds: number;
  context: INestApplicationContext;
}

export async function startPublishedTenant(
  resources: Resources,
  options: BenchOptions,
  database: string,
  code: string,
  offers: number,
): Promise<PublishedTenant> {
  log(`Base de benchmark : ${options.dataDir} (base ${database})`);
  const db = await startEmbeddedPostgres({ dataDir: options.dataDir, database, fast: true, log });
  resources.add('PostgreSQL du benchmark', () => db.stop());
  await recreateDatabase(resources, db, database);
  await runMigrations(db.ownerUrl);
  await syncReferenceData(db.ownerUrl);
  const { client: owner } = await connectClient(resources, 'connexion propriétaire', db.ownerUrl);
  log(`Génération : ${offers} offres dans le ${code}…`);
  const t0 = Date.now();
  await generateDataset(
    owner,
    { totalOffers: offers, largestTenantCode: code, largestTenantOffers: offers, tenants: 1, seed: 20261205 },
    new Rng(20261205),
    log,
  );
  const {
    rows: [row],
  } = await owner.query<Omit<Tenant, 'bbox'>>(`SELECT id, code, slug, name FROM tenant WHERE code = $1`, [code]);
  const tenant: Tenant = { ...row!, bbox: [0, 0, 0, 0] };
  // Every offer published, in the tenant's own transaction (row-level security applies to the owner too).
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
  await owner.query(`UPDATE offer SET status = 'published', published_at = now() WHERE tenant_id = $1`, [tenant.id]);
  await owner.query(`UPDATE organization SET status = 'validated' WHERE tenant_id = $1`, [tenant.id]);
  await owner.query('COMMIT');
  await owner.query('VACUUM ANALYZE');
  const generationSeconds = round2((Date.now() - t0) / 1000);

  const context = await startBenchContext(resources, db.appUrl);
  return { tenant, generationSeconds, context };
}
