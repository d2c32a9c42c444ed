// A real process (`npm start`'s main.js) with LOG_FORMAT=json: every line it writes, from the
// start-up to the stop, is a JSON object with time, level and message; a request's access line
// carries the id the client was answered, and not the query string. With LOG_FORMAT=text, readable
// lines; LOG_LEVEL=warn silences the access log.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiProcess } from '../../testing/api-process.js';
import { scratchDatabaseAvailable, withScratchDatabase } from '../../testing/scratch-database.js';
import { ACCESS_LOG_CONTEXT } from './access-log.js';

const skip = scratchDatabaseAvailable()
  ? false
  : 'needs a scratch database (TEST_DATABASE_SUPERUSER_URL, as npm test gives)';

describe('logs of a real process', { skip }, () => {
  it('writes only JSON lines with LOG_FORMAT=json, with an access line naming the request id returned; readable lines with text', async () => {
    await withScratchDatabase(async (db) => {
      const proc = await startApiProcess({
        appUrl: db.appUrl,
        ownerUrl: db.ownerUrl,
        env: { LOG_FORMAT: 'json', LOG_LEVEL: 'log' },
      });
      let requestId: string;
      let answered: string | null;
      try {
        requestId = `client-${Date.now()}`;
        const res = await fetch(`${proc.url}/api/v1/health`, { headers: { 'X-Request-Id': requestId } });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('x-request-id'), requestId);
        const missing = await fetch(`${proc.url}/api/v1/tenants/inconnu/offers?q=nom.prenom%40exemple.fr`);
        assert.equal(missing.status, 404);
        answered = missing.headers.get('x-request-id');
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        await proc.stop(10_000);
      }
      const lines = proc
        .output()
        .split('\n')
        .filter((l) => l.trim() !== '');
      assert.ok(lines.length > 3, proc.output());
      const records = lines.map((line) => {
        let r: Record<string, unknown>;
        try {
          r = JSON.parse(line) as Record<string, unknown>;
        } catch {
          assert.fail(`not a JSON line: ${line}`);
        }
        assert.equal(typeof r.message, 'string', line);
        assert.ok(['log', 'warn', 'error', 'fatal'].includes(r.level as string), line);
        assert.ok(!Number.isNaN(Date.parse(r.time as string)), line);
        return r;
      });
      const access = records.filter((r) => r.context === ACCESS_LOG_CONTEXT);
      const health = access.find((r) => r.requestId === requestId);
      assert.ok(health, `no access line for ${requestId}:\n${proc.output()}`);
      assert.deepEqual([health.method, health.route, health.status], ['GET', '/api/v1/health', 200]);
      const notFound = access.find((r) => r.requestId === answered);
      assert.deepEqual([notFound?.route, notFound?.status], ['/api/v1/tenants/:slug/offers', 404]);
      assert.ok(!proc.output().includes('exemple.fr'), 'the query string reached the logs');

      // LOG_FORMAT=text: readable lines, the request id beside the context; at LOG_LEVEL=warn no access line.
      for (const level of ['log', 'warn']) {
        const text = await startApiProcess({
          appUrl: db.appUrl,
          ownerUrl: db.ownerUrl,
          env: { LOG_FORMAT: 'text', LOG_LEVEL: level },
        });
        try {
          const id = `texte-${level}-${Date.now()}`;
          assert.equal((await fetch(`${text.url}/api/v1/health`, { headers: { 'X-Request-Id': id } })).status, 200);
          await new Promise((r) => setTimeout(r, 100));
          const out = text.output();
          assert.ok(!out.trimStart().startsWith('{'), out);
          const line = out.split('\n').find((l) => l.includes(`[${ACCESS_LOG_CONTEXT} ${id}]`));
          if (level === 'log') assert.match(line ?? '', /GET \/api\/v1\/health 200 [\d.]+ ms/, out);
          else assert.equal(line, undefined, out);
        } finally {
          await text.stop(10_000);
        }
      }
    });
  });
});
