// SIGTERM on a real API process (dist/main.js) with requests in flight and emails in the outbox:
// no request cut, no new connection, exit 0 within the bound, and over a stop and a restart every
// email reaches the SMTP server exactly once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { startApiProcess } from '../../testing/api-process.js';
import { scratchDatabaseAvailable, withScratchDatabase } from '../../testing/scratch-database.js';
import { freePort } from '../database/embedded-postgres.js';

const QUEUED = 30;
const IN_FLIGHT = 3;
const SHUTDOWN_TIMEOUT_S = 10;

/** A real SMTP server that takes ~150 ms per message, so that a batch is being sent when SIGTERM comes. */
async function slowSmtp() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () =>
        setTimeout(() => {
          received.push(...session.envelope.rcptTo.map((r) => r.address.toLowerCase()));
          callback();
        }, 150),
      );
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A POST whose body is sent in two halves: the request is in flight until `finish()` sends the rest. */
function slowPost(base: string, path: string, body: object) {
  const data = Buffer.from(JSON.stringify(body));
  const req = http.request(`${base}${path}`, {
    method: 'POST',
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Content-Length': data.length },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  req.write(data.subarray(0, 10));
  return { response, finish: () => req.end(data.subarray(10)) };
}

describe('graceful shutdown', { skip: !scratchDatabaseAvailable() && 'needs the embedded server' }, () => {
  it('SIGTERM: requests in flight finish, new connections are refused, exit 0, every email sent exactly once', async () => {
    const smtp = await slowSmtp();
    try {
      await withScratchDatabase(async (db) => {
        const owner = new pg.Client({ connectionString: db.ownerUrl });
        await owner.connect();
        try {
          const queued = Array.from({ length: QUEUED }, (_, i) => `file-${i}@test.local`);
          await owner.query(
            `INSERT INTO email_outbox (to_address, subject, text_body, html_body)
             SELECT a, 'Essai', 'Bonjour', '<p>Bonjour</p>' FROM unnest($1::text[]) a`,
            [queued],
          );
          const metricsPort = await freePort();
          const env = {
            SMTP_URL: smtp.url,
            SHUTDOWN_TIMEOUT: String(SHUTDOWN_TIMEOUT_S),
            METRICS_PORT: String(metricsPort),
          };
          const api = await startApiProcess({ appUrl: db.appUrl, ownerUrl: db.ownerUrl, env });
          try {
            // The separate metrics port is started with the app.
            assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status, 200);
            // An idle keep-alive connection: closed by the server at once when it stops.
            const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
            let idleOpen = false;
            const idleClosed = new Promise<number>((resolve) => {
              const req = http.get(`${api.url}/api/v1/health`, { agent }, (res) => res.resume());
              req.on('socket', (socket) => {
                idleOpen = true;
                socket.once('close', () => {
                  idleOpen = false;
                  resolve(Date.now());
                });
              });
            });

            // A batch is being sent, and requests are in flight (headers read, body half sent).
            const until = Date.now() + 20_000;
            while (smtp.received.length < 2) {
              assert.ok(Date.now() < until, `no email sent:\n${api.output()}`);
              await new Promise((r) => setTimeout(r, 20));
            }
            const registered = Array.from({ length: IN_FLIGHT }, (_, i) => `inscrite-${i}@test.local`);
            const posts = registered.map((email) =>
              slowPost(api.url, '/api/v1/auth/register', {
                email,
                password: 'une-phrase-de-passe-longue',
                name: 'Camille Martin',
              }),
            );
            await new Promise((r) => setTimeout(r, 400));

            assert.ok(idleOpen, 'the idle keep-alive connection is open before SIGTERM');
            const sentAt = Date.now();
            api.child.kill('SIGTERM');
            assert.ok((await idleClosed) - sentAt < 1_000, 'the idle connection is closed at once');
            await new Promise((r) => setTimeout(r, 200));
            await assert.rejects(fetch(`${api.url}/api/v1/health`), 'a new connection is refused');
            api.child.kill('SIGTERM'); // a second signal changes nothing
            await new Promise((r) => setTimeout(r, 200));
            for (const p of posts) p.finish();
            for (const res of await Promise.all(posts.map((p) => p.response))) {
              assert.equal(res.status, 202, res.body);
              assert.ok(JSON.parse(res.body), 'the whole body arrived');
            }
            const exit = await api.exited;
            const took = Date.now() - sentAt;
            assert.deepEqual(exit, { code: 0, signal: null }, api.output().slice(-3000));
            assert.ok(took < SHUTDOWN_TIMEOUT_S * 1000, `stopped in ${took} ms`);
            assert.match(api.output(), /arrêt déjà en cours/);
            assert.doesNotMatch(api.output(), /Erreur fatale|interrompue/);

            // What this process sent: recorded sent once, received once; the rest still queued.
            const { rows } = await owner.query<{ to_address: string; sent: boolean }>(
              `SELECT to_address, sent_at IS NOT NULL AS sent FROM email_outbox WHERE failed_at IS NULL`,
            );
            assert.equal(rows.length, QUEUED + IN_FLIGHT);
            const sent = rows
              .filter((r) => r.sent)
              .map((r) => r.to_address)
              .sort();
            assert.ok(sent.length >= 2, `${sent.length} sent before the stop`);
            assert.deepEqual([...smtp.received].sort(), sent, 'sent_at set ⇔ received by the SMTP server');
          } finally {
            await api.stop(5_000);
          }

          // A restart sends the rest: in all, every email exactly once.
          const again = await startApiProcess({
            appUrl: db.appUrl,
            ownerUrl: db.ownerUrl,
            env: { SMTP_URL: smtp.url },
          });
          try {
            const deadline = Date.now() + 30_000;
            for (;;) {
              const { rows } = await owner.query<{ n: number }>(
                `SELECT count(*)::int AS n FROM email_outbox WHERE sent_at IS NULL`,
              );
              if (rows[0]!.n === 0) break;
              assert.ok(Date.now() < deadline, `${rows[0]!.n} email(s) still unsent`);
              await new Promise((r) => setTimeout(r, 100));
            }
          } finally {
            assert.equal((await again.stop(15_000)).code, 0);
          }
          const expected = [
            ...Array.from({ length: QUEUED }, (_, i) => `file-${i}@test.local`),
            ...Array.from({ length: IN_FLIGHT }, (_, i) => `inscrite-${i}@test.local`),
          ].sort();
          assert.deepEqual([...smtp.received].sort(), expected, 'each email received exactly once');
        } finally {
          await owner.end();
        }
      });
    } finally {
      await smtp.close();
    }
  });
});
