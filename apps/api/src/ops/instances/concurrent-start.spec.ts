// Two instances started together on a database that has never been migrated (a first install, or
// an upgrade started on every instance at once): they take turns at the start-up lock, so every
// migration and the reference data are applied once, and both serve.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openScratchDatabase, scratchDatabaseAvailable } from '../../testing/scratch-database.js';
import { startApiProcess, type ApiProcess } from '../../testing/api-process.js';

const skip = scratchDatabaseAvailable()
  ? false
  : 'needs TEST_DATABASE_SUPERUSER_URL (the embedded test server) for a database of its own';

describe('instances started together on an empty database', { skip }, () => {
  it('apply each migration once and both become healthy', async () => {
    const db = await openScratchDatabase({ migrate: false });
    const urls = { appUrl: db.appUrl, ownerUrl: db.ownerUrl };
    const procs: ApiProcess[] = [];
    try {
      const started = await Promise.allSettled([startApiProcess(urls), startApiProcess(urls)]);
      for (const s of started) if (s.status === 'fulfilled') procs.push(s.value);
      assert.deepEqual(
        started
          .filter((s) => s.status === 'rejected')
          .map((s) => String((s as PromiseRejectedResult).reason).slice(0, 3000)),
        [],
      );
      const owner = new pg.Client({ connectionString: urls.ownerUrl });
      await owner.connect();
      try {
        const { rows } = await owner.query<{ n: number; names: number }>(
          `SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM schema_migration`,
        );
        assert.ok(rows[0]!.n > 10, 'migrated');
        assert.equal(rows[0]!.n, rows[0]!.names, 'each migration recorded once');
      } finally {
        await owner.end();
      }
      const migrated = procs.filter((p) => /Migrations appliquées/.test(p.output()));
      assert.equal(migrated.length, 1, 'one instance migrated, the other found it done');
    } finally {
      await Promise.all(procs.map((p) => p.stop()));
      await db.drop();
    }
  });
});
