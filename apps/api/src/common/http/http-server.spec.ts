// Slow clients cannot hold connections: headers, whole requests and idle keep-alive connections
// have deadlines (Node answers 408 and closes).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tcp, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { startListeningApp, type ListeningApp } from '../../testing/remote-client.js';
import { startTestApp } from '../../testing/test-app.js';
import { DEFAULT_SETTINGS } from '../../config/settings.js';

/** Opens a raw connection, sends `first`, then `drip` every `everyMs`; resolves with what came back and when the server closed. */
function slowClient(
  base: string,
  first: string,
  drip: string,
  everyMs: number,
  giveUpMs: number,
): Promise<{ closedAfterMs: number | null; answer: string }> {
  const { port } = new URL(base);
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = '';
    const socket: Socket = tcp(Number(port), '127.0.0.1', () => socket.write(first));
    const timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(drip);
    }, everyMs);
    const done = (closedAfterMs: number | null) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closedAfterMs, answer });
    };
    const giveUp = setTimeout(() => done(null), giveUpMs);
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('close', () => done(Date.now() - started));
    socket.on('error', () => undefined);
  });
}

describe('HTTP server deadlines', () => {
  let t: ListeningApp;
  const http = { headersMs: 400, requestMs: 800, keepAliveMs: 300 };
  before(async () => {
    t = await startListeningApp({ settings: { http } });
  });
  after(() => t.close());

  it('answers 408 and closes when the headers trickle in past their deadline', async () => {
    const r = await slowClient(
      t.base,
      'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n',
      'X-Slow: 1\r\n',
      100,
      5_000,
    );
    assert.ok(r.closedAfterMs !== null, 'the server never closed the connection');
    assert.ok(r.closedAfterMs < 2_000, `closed after ${r.closedAfterMs} ms`);
    assert.match(r.answer, /^HTTP\/1\.1 408/);
  });

  it('answers 408 and closes when the body trickles in past the request deadline', async () => {
    const head =
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{';
    const r = await slowClient(t.base, head, ' ', 100, 5_000);
    assert.ok(r.closedAfterMs !== null, 'the server never closed the connection');
    assert.ok(r.closedAfterMs < 2_500, `closed after ${r.closedAfterMs} ms`);
    assert.match(r.answer, /^HTTP\/1\.1 408/);
  });

  it('closes an idle keep-alive connection', async () => {
    const r = await slowClient(t.base, 'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n', '', 10_000, 5_000);
    assert.match(r.answer, /^HTTP\/1\.1 200/);
    assert.ok(r.closedAfterMs !== null && r.closedAfterMs < 2_000, `closed after ${r.closedAfterMs} ms`);
  });

  it('still serves a normal request on the same server', async () => {
    assert.equal((await fetch(`${t.base}/api/v1/health`)).status, 200);
  });

  it('uses 15 s / 30 s / 5 s unless configured', async () => {
    const d = await startTestApp();
    try {
      const server = d.app.getHttpServer() as Server;
      assert.deepEqual(DEFAULT_SETTINGS.http, { headersMs: 15_000, requestMs: 30_000, keepAliveMs: 5_000 });
      assert.deepEqual(
        [server.headersTimeout, server.requestTimeout, server.keepAliveTimeout],
        [15_000, 30_000, 5_000],
      );
    } finally {
      await d.close();
    }
  });
});
