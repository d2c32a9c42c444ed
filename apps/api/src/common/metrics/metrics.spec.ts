// /metrics as a supervisor scrapes it: the token rules of the main port, the separate port, and
// figures that follow what the API did (requests by route pattern, the outbox, registrations).
// The database figures are read in a scratch database: the shared test database's outbox and
// registrations move with the other test files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import pg from 'pg';
import supertest from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../app.js';
import { createDataSource } from '../database/data-source.js';
import { freePort } from '../database/embedded-postgres.js';
import { scratchDatabaseAvailable, withScratchDatabase } from '../../testing/scratch-database.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { createTenant } from '../../testing/test-database.js';
import { makeOffer, makeOrganization } from '../../testing/factories.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { Outbox } from '../outbox/outbox.js';
import { Metrics } from './metrics.js';
import { startMetricsServer, stopMetricsServer } from './metrics-server.js';

const TOKEN = 'm'.repeat(20) + '-0123456789abcdef';

/** The value of one sample of a scrape (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics on the main port', () => {
  let withToken: TestApp;
  let without: TestApp;
  before(async () => {
    withToken = await startTestApp({ settings: { metricsToken: TOKEN } });
    without = await startTestApp();
  });
  after(async () => {
    await withToken.close();
    await without.close();
  });

  it('answers 404 like an unknown route when no METRICS_TOKEN is configured, token or not', async () => {
    const res = await without.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    assert.equal(res.status, 404);
    const unknown = await without.http.get('/api/v1/metricz');
    assert.equal(unknown.status, 404);
    assert.deepEqual({ ...res.body, message: '' }, { ...unknown.body, message: '' });
    assert.ok(!res.text.includes('catalogue_'));
  });

  it('answers 401 without the token, with a wrong one or another scheme (never a 500)', async () => {
    for (const auth of [
      undefined,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
      'Bearer',
      'x'.repeat(8000),
    ]) {
      const req = withToken.http.get('/metrics');
      const res = auth === undefined ? await req : await req.set('Authorization', auth);
      assert.equal(res.status, 401, String(auth).slice(0, 40));
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="metrics"');
      assert.ok(!res.text.includes('catalogue_'), 'no metric in a refusal');
    }
  });

  it('answers 200 in the Prometheus text format with the right token', async () => {
    const res = await withToken.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^text\/plain; version=0\.0\.4/);
    assert.match(res.text, /^# TYPE catalogue_process_cpu_seconds_total counter$/m);
    assert.match(res.text, /^# TYPE catalogue_http_request_duration_seconds histogram$/m);
    assert.equal(sample(res.text, 'catalogue_shutting_down'), 0);
  });
});

describe('GET /metrics on METRICS_PORT', () => {
  it('serves the same text without token, and nothing else', async () => {
    const t = await startTestApp();
    const port = await freePort();
    const server: Server = await startMetricsServer(t.app.get(Metrics), '127.0.0.1', port);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
      assert.match(await res.text(), /^catalogue_outbox_queued \d+$/m);
      for (const path of ['/', '/metrics/x', '/api/v1/health'])
        assert.equal((await fetch(`http://127.0.0.1:${port}${path}`)).status, 404, path);
      assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status, 404);
    } finally {
      await stopMetricsServer(server);
      await t.close();
    }
    await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`), 'the port is closed with the app');
  });
});

describe('what the metrics count', { skip: !scratchDatabaseAvailable() && 'needs the embedded server' }, () => {
  it('requests by route pattern and status, the outbox queue and its oldest email, registrations by state', async () => {
    await withScratchDatabase(async (db) => {
      const owner = new pg.Client({ connectionString: db.ownerUrl });
      await owner.connect();
      const dataSource = createDataSource({ url: db.appUrl, poolSize: 2 });
      await dataSource.initialize();
      let app: NestExpressApplication | undefined;
      try {
        const tenant = await createTenant(owner);
        const org = await makeOrganization(owner, tenant);
        const offer = await makeOffer(owner, tenant, org, {});
        app = await createApp({
          dataSource,
          logLevels: ['error'],
          settings: { mailWorker: false, metricsToken: TOKEN },
        });
        await app.init();
        const http = supertest(app.getHttpServer());
        const metrics = app.get(Metrics);
        const scrape = async () => {
          const res = await http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
          assert.equal(res.status, 200);
          return res.text;
        };
        const before = await scrape();
        assert.equal(sample(before, 'catalogue_outbox_queued'), 0);
        assert.equal(sample(before, 'catalogue_outbox_oldest_age_seconds'), 0);
        assert.equal(sample(before, 'catalogue_registrations', { state: 'pending' }), 0);

        for (let i = 0; i < 3; i++) assert.equal((await http.get(`/api/v1/tenants/${tenant.slug}/offers`)).status, 200);
        assert.equal((await http.get('/api/v1/tenants/no-such-tenant/offers')).status, 404);
        assert.equal((await http.get(`/api/v1/no/such/route/${Date.now()}`)).status, 404);

        await dataSource.transaction((m) =>
          app!
            .get(Outbox)
            .enqueue(m, { to: 'personne@test.local', subject: 'Essai', text: 'Bonjour', html: '<p>Bonjour</p>' }),
        );
        await owner.query(`UPDATE email_outbox SET created_at = now() - interval '90 seconds'`);
        await inTenantTransaction(owner, tenant.id, async () => {
          const { rows } = await owner.query<{ id: string }>(
            `INSERT INTO registration_person (tenant_id, first_name, last_name) VALUES ($1, 'Alex', 'Martin') RETURNING id`,
            [tenant.id],
          );
          await owner.query(
            `INSERT INTO registration (tenant_id, offer_id, person_id, channel, status) VALUES ($1, $2, $3, 'self', 'pending')`,
            [tenant.id, offer, rows[0]!.id],
          );
        });

        // The database figures are cached a few seconds: a scrape right after reads the old ones.
        (metrics as unknown as { dbStats: unknown }).dbStats = null;
        const text = await scrape();
        const route = (path: string, status: string) =>
          sample(text, 'catalogue_http_requests_total', { method: 'GET', route: path, status });
        assert.equal(route('/api/v1/tenants/:slug/offers', '200'), 3);
        assert.equal(route('/api/v1/tenants/:slug/offers', '404'), 1);
        assert.equal(route('unmatched', '404'), 1);
        assert.ok(!text.includes('no-such-tenant') && !text.includes('/no/such/route'), 'no URL in a label');
        assert.equal(
          sample(text, 'catalogue_http_request_duration_seconds_count', {
            route: '/api/v1/tenants/:slug/offers',
            status: '200',
          }),
          3,
        );
        assert.equal(sample(text, 'catalogue_outbox_queued'), 1);
        assert.ok(sample(text, 'catalogue_outbox_oldest_age_seconds')! >= 90);
        assert.equal(sample(text, 'catalogue_registrations', { state: 'pending' }), 1);
        assert.equal(sample(text, 'catalogue_registrations', { state: 'accepted' }), 0);
        // The first search built the tenant's index: one build, its offer counted.
        assert.equal(sample(text, 'catalogue_search_index_builds_total', { tenant: tenant.slug }), 1);
        assert.equal(sample(text, 'catalogue_search_indexed_offers', { tenant: tenant.slug }), 1);
      } finally {
        await app?.close();
        await dataSource.destroy();
        await owner.end();
      }
    });
  });
});
