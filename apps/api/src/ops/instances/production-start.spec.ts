// NODE_ENV=production as `npm start` runs it (a real process): refused with every missing or weak
// setting named, or, complete, started against an external database without any demo data,
// serving the built web app with hashed assets cached for good and Secure cookies.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
import { createPlatformAdmin } from '../../modules/platform/admin-create.js';
import { startSmtpServer, type TestSmtpServer } from '../../modules/mail/mail.test-helpers.js';
import { call, sessionCookieOf } from './instances.test-helpers.js';

const WEB_DIST = fileURLToPath(new URL('../../../../web/dist', import.meta.url));
const PUBLIC_URL = 'https://catalogue.example.fr';
const skip = scratchDatabaseAvailable()
  ? false
  : 'needs TEST_DATABASE_SUPERUSER_URL (the embedded test server) for a database of its own';

/** The URL without its password: the production start refuses the embedded server's development passwords. */
function withoutPassword(url: string): { url: string; line: string } {
  const u = new URL(url);
  const line = [u.hostname, u.port, u.pathname.slice(1), decodeURIComponent(u.username), decodeURIComponent(u.password)]
    .map((f) => f.replace(/[:\\]/g, '\\$&'))
    .join(':');
  u.password = '';
  return { url: u.href, line };
}

describe('production start (NODE_ENV=production, real process)', { skip }, () => {
  let db: OpenScratchDatabase;
  let dir: string;
  let smtp: TestSmtpServer;
  let env: Record<string, string>;

  before(async () => {
    db = await openScratchDatabase();
    dir = mkdtempSync(join(tmpdir(), 'catalogue-production-'));
    smtp = await startSmtpServer();
    // The passwords go in a password file (as an operator may do), not in the URLs.
    const app = withoutPassword(db.appUrl);
    const owner = withoutPassword(db.ownerUrl);
    const passfile = join(dir, 'pgpass');
    writeFileSync(passfile, `${app.line}\n${owner.line}\n`);
    chmodSync(passfile, 0o600);
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: app.url,
      DATABASE_OWNER_URL: owner.url,
      PGPASSFILE: passfile,
      PUBLIC_URL,
      SMTP_URL: smtp.url,
      TRUST_PROXY: 'loopback',
      // Left on by mistake: production never loads the demo anyway.
      DEMO_DATA: 'true',
      WEB_DIR: existsSync(join(WEB_DIST, 'index.html')) ? WEB_DIST : join(dir, 'no-web-app'),
    };
  });

  after(async () => {
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  const refused = async (overrides: Record<string, string | undefined>) => {
    const proc = await startApiProcess({
      appUrl: db.appUrl,
      ownerUrl: db.ownerUrl,
      env: { ...env, ...overrides },
      noWait: true,
    });
    const exit = await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 30_000, 'timeout'))]);
    if (exit === 'timeout') await proc.stop(1_000);
    return { exit, output: proc.output() };
  };

  it('refuses to start without an external database, PUBLIC_URL and SMTP_URL, naming each', async () => {
    const { exit, output } = await refused({
      DATABASE_URL: undefined,
      DATABASE_OWNER_URL: undefined,
      PUBLIC_URL: undefined,
      SMTP_URL: undefined,
    });
    assert.deepEqual(exit, { code: 1, signal: null }, output);
    assert.match(output, /Configuration invalide : NODE_ENV=production:/);
    for (const name of ['DATABASE_URL is required', 'PUBLIC_URL is required', 'SMTP_URL is required'])
      assert.ok(output.includes(name), `${name} in:\n${output}`);
    assert.doesNotMatch(output, /PostgreSQL embarquée/, 'no embedded server started');
  });

  it('refuses the development passwords, an http public address and a weak OIDC secret', async () => {
    const { exit, output } = await refused({
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      PUBLIC_URL: 'http://catalogue.example.fr',
      OIDC_ISSUER: 'https://idp.example.fr',
      OIDC_CLIENT_ID: 'catalogue',
      OIDC_CLIENT_SECRET: 'secret',
    });
    assert.deepEqual(exit, { code: 1, signal: null }, output);
    for (const expected of [
      'DATABASE_URL: the database password is weak',
      'DATABASE_OWNER_URL: the database password is weak',
      'PUBLIC_URL must be an https',
      'OIDC_CLIENT_SECRET is weak',
    ])
      assert.ok(output.includes(expected), `${expected} in:\n${output}`);
  });

  describe('complete', () => {
    let api: ApiProcess;
    let owner: pg.Client;

    before(async () => {
      owner = new pg.Client({ connectionString: db.ownerUrl });
      await owner.connect();
      api = await startApiProcess({ appUrl: db.appUrl, ownerUrl: db.ownerUrl, env });
    });
    after(async () => {
      await api?.stop();
      await owner?.end();
    });

    it('starts healthy on the external database, without any demo tenant or account', async () => {
      assert.equal((await call(api.url, 'GET', '/api/v1/health')).status, 200);
      const { rows } = await owner.query<{ tenants: number; users: number }>(
        `SELECT (SELECT count(*)::int FROM tenant) AS tenants, (SELECT count(*)::int FROM app_user) AS users`,
      );
      assert.deepEqual(rows[0], { tenants: 0, users: 0 }, 'no demo département, no demo account');
      assert.doesNotMatch(api.output(), /Données de démonstration/);
      assert.equal((await call(api.url, 'GET', '/dev/mailbox')).status, 404, 'no demo mailbox');
    });

    it('sets the session cookie Secure (__Host-) at sign-in', async () => {
      const password = 'Administration-2026!';
      await createPlatformAdmin(owner, { email: 'admin@catalogue.example.fr', password, publicUrl: PUBLIC_URL });
      const login = await call(api.url, 'POST', '/api/v1/auth/login', {
        body: { email: 'admin@catalogue.example.fr', password },
        headers: { Origin: PUBLIC_URL },
      });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      const line = login.headers.getSetCookie().find((c) => c.startsWith('__Host-catalogue_session='));
      assert.ok(line, login.headers.getSetCookie().join('\n'));
      assert.match(line, /;\s*Secure/i);
      assert.match(line, /;\s*HttpOnly/i);
      assert.ok(sessionCookieOf(login, true));
    });

    it('serves the built web app, its hashed assets cached for good', async (t) => {
      if (!existsSync(join(WEB_DIST, 'index.html')))
        return t.skip('apps/web/dist absent (npm run build builds the web app)');
      const home = await call(api.url, 'GET', '/');
      assert.equal(home.status, 200);
      assert.match(String(home.body), /<html/i);
      const asset = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'));
      assert.ok(asset, 'a built script');
      const res = await fetch(`${api.url}/assets/${asset}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    });
  });
});
