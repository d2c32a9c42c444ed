// Readiness as a load balancer reads it: 200 when everything is ready, 503 with the same body
// naming the failing check (search indexes warming, migrations pending, database down, stopping).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { ShutdownState } from '../../common/metrics/shutdown-state.js';
import { MIGRATIONS } from '../../common/database/data-source.js';
import { CatalogueIndexCache } from '../search/catalogue-index.cache.js';
import { ReadinessCheck } from './readiness.js';

describe('GET /api/v1/health/ready', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('is ready on a migrated database without warm-up asked, and says so without personal data', async () => {
    const res = await t.http.get('/api/v1/health/ready');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      status: 'ready',
      checks: { database: 'reachable', migrations: 'current', searchIndexes: 'cold', process: 'running' },
      failing: [],
    });
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal((await t.http.get('/api/v1/health')).body.status, 'ok');
  });

  it('answers 503 while the search indexes warm up, then 200', async () => {
    let release!: () => void;
    const warming = t.app.get(CatalogueIndexCache).warm(new Promise((r) => (release = () => r([]))));
    const during = await t.http.get('/api/v1/health/ready');
    assert.equal(during.status, 503);
    assert.deepEqual(during.body.failing, ['searchIndexes']);
    assert.equal(during.body.checks.searchIndexes, 'warming');
    release();
    await warming;
    const res = await t.http.get('/api/v1/health/ready');
    assert.equal(res.status, 200);
    assert.equal(res.body.checks.searchIndexes, 'warm');
  });

  it('answers 503 once the process is stopping, while liveness stays 200', async () => {
    const app = await startTestApp();
    try {
      app.app.get(ShutdownState).begin();
      const res = await app.http.get('/api/v1/health/ready');
      assert.equal(res.status, 503);
      assert.deepEqual(res.body, {
        status: 'not_ready',
        checks: { database: 'reachable', migrations: 'current', searchIndexes: 'cold', process: 'stopping' },
        failing: ['process'],
      });
      assert.equal((await app.http.get('/api/v1/health')).status, 200);
    } finally {
      await app.close();
    }
  });
});

describe('ReadinessCheck', () => {
  const cache = { warmth: 'warm' } as CatalogueIndexCache;
  const names = MIGRATIONS.map((m) => new (m as new () => { name: string })().name);
  const check = (query: () => Promise<unknown>) =>
    new ReadinessCheck({ query } as unknown as DataSource, cache, new ShutdownState()).check();

  it('names a pending migration (the code is newer than the database)', async () => {
    const r = await check(async () => names.slice(0, -1).map((name) => ({ name })));
    assert.equal(r.checks.migrations, 'pending');
    assert.deepEqual(r.failing, ['migrations']);
  });

  it('is current when every migration of the code is applied (a newer one in the database is tolerated)', async () => {
    const r = await check(async () => [...names, 'Later9999999999999'].map((name) => ({ name })));
    assert.equal(r.status, 'ready');
  });

  it('names the database when it does not answer', async () => {
    const r = await check(() => Promise.reject(new Error('connect ECONNREFUSED')));
    assert.deepEqual(r.checks, {
      database: 'unreachable',
      migrations: 'unknown',
      searchIndexes: 'warm',
      process: 'running',
    });
    assert.deepEqual(r.failing, ['database', 'migrations']);
  });
});
