// Every response names its request (X-Request-Id): API answers, errors, 404s, the web app's pages
// and files. A well-formed incoming id is kept (and reaches the audit log: modules/audit/
// request-id-audit.spec.ts); a forged one (too long, CRLF, NUL, non-ASCII, SQL) is replaced and
// never echoed, never a 4xx/5xx.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { REQUEST_ID_PATTERN, requestIdFrom } from './request-context.js';
import { makeFakeWebDir } from '../../testing/fake-web-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request id', () => {
  let api: ApiTest;
  let webDir: string;

  before(async () => {
    webDir = makeFakeWebDir();
    api = await startApiTest({ webDir });
  });
  after(async () => {
    await api.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers a fresh id on an API answer, an API 404, a web page, a web 404 and a web file', async () => {
    const seen = new Set<string>();
    for (const [path, status] of [
      ['/api/v1/health', 200],
      ['/api/v1/pas-une-route', 404],
      ['/api/ailleurs', 404],
      ['/', 200],
      ['/pas-un-departement', 404],
      ['/assets/main-abc123.js', 200],
    ] as const) {
      const res = await api.t.http.get(path).expect(status);
      const id = res.headers['x-request-id'];
      assert.match(String(id), UUID, `${path} has no request id`);
      seen.add(String(id));
    }
    assert.equal(seen.size, 6, 'each request has its own id');
  });

  it('answers an id on errors: a bad parameter, a refused body, a missing session', async () => {
    for (const res of [
      await api.t.http.get(`/api/v1/tenants/${api.tenant.slug}/offers?page=zero`),
      await api.t.http.post('/api/v1/auth/login').send('pas du json').set('Content-Type', 'text/plain'),
      await api.t.http.get(`/api/v1/tenants/${api.tenant.slug}/audit`),
    ]) {
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      assert.match(String(res.headers['x-request-id']), UUID);
    }
  });

  it('replaces forged ids with fresh ones and never echoes them', async () => {
    const forged = [
      'a'.repeat(2000),
      'abcdefgh; DROP TABLE audit_log; --',
      'abc def ghi',
      'identifiant-éàü-unicode',
      'court',
      `${'x'.repeat(65)}`,
      '../../../etc/passwd',
      '<script>alert(1)</script>',
    ];
    for (const value of forged) {
      const res = await api.t.http.get('/api/v1/health').set('X-Request-Id', value).expect(200);
      const id = String(res.headers['x-request-id']);
      assert.match(id, UUID, `kept a forged id: ${value.slice(0, 20)}`);
      assert.ok(!Object.values(res.headers).some((v) => String(v).includes(value)), 'echoed');
    }
    // Two headers of the same name reach Express joined by a comma: neither is chosen.
    const twice = await api.t.http.get('/api/v1/health').set('X-Request-Id', 'premier-id-1, second-id-22');
    assert.match(String(twice.headers['x-request-id']), UUID);
  });

  it('replaces ids carrying control characters (CRLF, NUL, tab) sent as raw bytes', async () => {
    const server = api.t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    for (const value of ['abcdefgh\rX-Evil: 1', 'abcdefgh\x00ijkl', 'abcdefgh\tijkl', 'abcdefgh\x7fijkl']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            Buffer.concat([
              Buffer.from('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Request-Id: '),
              Buffer.from(value, 'latin1'),
              Buffer.from('\r\n\r\n'),
            ]),
          );
        });
        let out = '';
        socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
      // Node's parser may refuse the header outright (400, before any middleware); when the request
      // gets through, the id answered is a fresh one.
      const status = Number(answer.split(' ')[1]);
      assert.ok(status === 200 || status === 400, `status ${status}`);
      assert.ok(!answer.includes('X-Evil'), 'the forged header was echoed');
      assert.ok(!answer.includes('abcdefgh'), 'the forged id was echoed');
      if (status === 200) assert.match(/x-request-id: ([^\r]*)/i.exec(answer)![1]!, UUID);
    }
  });

  it('requestIdFrom keeps only the documented shape', () => {
    assert.equal(requestIdFrom('abcd-1234'), 'abcd-1234');
    assert.equal(requestIdFrom('A'.repeat(64)), 'A'.repeat(64));
    assert.match(requestIdFrom('A'.repeat(65)), UUID);
    assert.match(requestIdFrom('1234567'), UUID);
    assert.match(requestIdFrom(undefined), UUID);
    assert.match(requestIdFrom(['abcd-1234']), UUID);
    assert.ok(REQUEST_ID_PATTERN.test(requestIdFrom(undefined)));
  });
});
