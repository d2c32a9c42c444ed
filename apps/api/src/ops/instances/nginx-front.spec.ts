// infra/nginx/catalogue.conf run for real in front of two API processes (TRUST_PROXY=loopback):
// HTTP is redirected to HTTPS, /metrics stays closed, and the client address the rate limits see is
// the one nginx saw, never an X-Forwarded-For the client made up. Skipped without nginx.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  scratchDatabaseAvailable,
  openScratchDatabase,
  type OpenScratchDatabase,
} from '../../testing/scratch-database.js';
import { startApiProcess, type ApiProcess } from '../../testing/api-process.js';
import { freePort } from '../../common/database/embedded-postgres.js';
import { sleep } from './instances.test-helpers.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const NGINX = '/usr/sbin/nginx';
const HOST = 'catalogue.example.fr';
const skip = !existsSync(NGINX)
  ? 'nginx absent (apt-get install -y nginx-light) : exemple non lancé'
  : !scratchDatabaseAvailable()
    ? 'needs TEST_DATABASE_SUPERUSER_URL (the embedded test server) for a database of its own'
    : false;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request to nginx, from `localAddress` (another loopback address than nginx's own). */
function send(
  secure: boolean,
  port: number,
  method: string,
  path: string,
  o: { headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port,
      method,
      path,
      localAddress: o.localAddress,
      headers: { Host: HOST, ...o.headers },
      servername: HOST,
      rejectUnauthorized: false, // the test's self-signed certificate
    };
    const req = (secure ? request : httpRequest)(options, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('nginx example in front of two instances', { skip }, () => {
  let db: OpenScratchDatabase;
  let dir: string;
  let nginx: ChildProcess | undefined;
  let apis: ApiProcess[] = [];
  let http: number;
  let https: number;

  before(async () => {
    db = await openScratchDatabase();
    const env = { TRUST_PROXY: 'loopback', PUBLIC_URL: `https://${HOST}` };
    apis = await Promise.all([0, 1].map(() => startApiProcess({ appUrl: db.appUrl, ownerUrl: db.ownerUrl, env })));
    dir = mkdtempSync(join(tmpdir(), 'catalogue-nginx-front-'));
    chmodSync(dir, 0o755);
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${HOST}`].concat([
        '-keyout',
        join(dir, 'privkey.pem'),
        '-out',
        join(dir, 'fullchain.pem'),
      ]),
      { stdio: 'pipe' },
    );
    [http, https] = [await freePort(), await freePort()];
    const site = readFileSync(join(ROOT, 'infra/nginx/catalogue.conf'), 'utf8')
      .replaceAll('/etc/ssl/catalogue/', `${dir}/`)
      .replace(/^\s*listen \[::\].*$/gm, '')
      .replace(/listen 80;/, `listen 127.0.0.1:${http};`)
      .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${https} ssl http2;`)
      .replace(/^\s*server 127\.0\.0\.1:300\d.*$/gm, '')
      .replace('least_conn;', `least_conn;\n${apis.map((a) => `    server 127.0.0.1:${a.port};`).join('\n')}`);
    writeFileSync(join(dir, 'catalogue.conf'), site);
    writeFileSync(
      join(dir, 'nginx.conf'),
      [
        'daemon off;',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log;`,
        'events {}',
        `http { access_log ${dir}/access.log; include ${dir}/catalogue.conf; }`,
      ].join('\n'),
    );
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      try {
        await send(true, https, 'GET', '/api/v1/health');
        break;
      } catch (e) {
        if (i > 50)
          throw new Error(`nginx did not start: ${String(e)}\n${readFileSync(join(dir, 'error.log'), 'utf8')}`);
        await sleep(100);
      }
    }
  });

  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const gone = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await gone;
    }
    await Promise.all(apis.map((a) => a.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('redirects HTTP to HTTPS and serves the API over TLS', async () => {
    const plain = await send(false, http, 'GET', '/api/v1/health');
    assert.equal(plain.status, 301);
    assert.equal(plain.headers.location, `https://${HOST}/api/v1/health`);
    for (let i = 0; i < 4; i++) assert.equal((await send(true, https, 'GET', '/api/v1/health')).status, 200);
  });

  it('keeps /metrics closed', async () => {
    assert.equal((await send(true, https, 'GET', '/metrics')).status, 404);
    assert.equal((await send(true, https, 'GET', '/api/v1/metrics')).status, 404);
  });

  it('passes the client address nginx saw to the rate limits, not the X-Forwarded-For the client sent', async () => {
    const res = await send(true, https, 'POST', '/api/v1/auth/login', {
      localAddress: '127.0.0.2',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.9', Origin: `https://${HOST}` },
      body: JSON.stringify({ email: 'personne@exemple.fr', password: 'pas-le-bon-mot-de-passe' }),
    });
    assert.equal(res.status, 401, res.body);
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ key: string }>(`SELECT key FROM rate_limit WHERE key LIKE 'login:ip:%'`);
      assert.deepEqual(
        rows.map((r) => r.key),
        ['login:ip:127.0.0.2'],
      );
    } finally {
      await owner.end();
    }
  });
});
