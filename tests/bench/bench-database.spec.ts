// The benchmark's database starts over when asked for another dataset, without touching the audit
// log's append-only rule: the old database is dropped and a new one generated.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchOptions, startBenchDatabase } from './bench-env.js';
import { Resources } from './bench-run.js';
import { setTransactionTenant } from '@catalogue/api/common/tenancy/transaction-tenant.js';

/** One statement in its own transaction, as the owner role, in `tenant` when given (row-level security). */
async function query<R extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
  tenant?: string,
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    if (tenant) await setTransactionTenant(client, tenant);
    const { rows } = await client.query<R>(sql, params);
    await client.query('COMMIT');
    return rows;
  } finally {
    await client.end();
  }
}

describe('benchmark database', () => {
  let dir: string;
  const options = (offers: number) =>
    benchOptions(['--offers', String(offers), '--largest', '10', '--tenants', '2', '--data-dir', join(dir, 'db')]);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalogue-bench-db-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces a dataset holding audit entries by a new one, and the audit log stays append-only', async () => {
    const first = new Resources();
    try {
      const bench = await startBenchDatabase(first, options(20));
      const [tenant] = await query<{ id: string }>(bench.db.ownerUrl, `SELECT id FROM tenant WHERE code = '59'`);
      await query(
        bench.db.ownerUrl,
        `INSERT INTO audit_log (tenant_id, action, summary) VALUES ($1, 'benchmark.test', 'entrée du test')`,
        [tenant!.id],
        tenant!.id,
      );
      await assert.rejects(query(bench.db.ownerUrl, `DELETE FROM audit_log`, [], tenant!.id), /append-only/);
    } finally {
      assert.deepEqual(await first.stopAll(), []);
    }

    const second = new Resources();
    try {
      const bench = await startBenchDatabase(second, options(30));
      const [nord] = await query<{ id: string }>(bench.db.ownerUrl, `SELECT id FROM tenant WHERE code = '59'`);
      const [counts] = await query<{ offers: string; audit: string }>(
        bench.db.ownerUrl,
        `SELECT (SELECT count(*) FROM offer) AS offers, (SELECT count(*) FROM audit_log) AS audit`,
        [],
        nord!.id,
      );
      assert.deepEqual(
        counts,
        { offers: '10', audit: '0' },
        'the Nord holds the new dataset’s 10 offers and no audit entry',
      );
      assert.equal(bench.tenants, 2);
      await assert.rejects(query(bench.db.ownerUrl, `TRUNCATE audit_log`), /append-only/);
    } finally {
      assert.deepEqual(await second.stopAll(), []);
    }
  });
});
