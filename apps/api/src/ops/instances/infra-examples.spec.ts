// The examples of infra/ stay true: the environment file names every variable the server reads and
// is refused until its placeholders are replaced; the nginx example is valid for nginx itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../config/env.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const NGINX = '/usr/sbin/nginx';

/** The assignments of an environment file (comments skipped, double quotes removed as systemd does). */
function readEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return env;
}

describe('infra/env.example', () => {
  const text = readFileSync(join(ROOT, 'infra/env.example'), 'utf8');

  it('names every environment variable the server reads', () => {
    const source = readFileSync(join(ROOT, 'apps/api/src/config/env.ts'), 'utf8');
    const read = new Set([...source.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
    assert.ok(read.size > 20, `variables found in env.ts: ${[...read].join(', ')}`);
    assert.deepEqual(
      [...read].filter((name) => !new RegExp(`\\b${name}\\b`).test(text)),
      [],
      'missing from infra/env.example',
    );
  });

  it('is refused as written (placeholders), and accepted once they are replaced', () => {
    const env = readEnvFile(text);
    assert.throws(
      () => loadConfig(env),
      (e: unknown) =>
        e instanceof ConfigError &&
        /DATABASE_URL: the database password is weak/.test(e.message) &&
        /DATABASE_OWNER_URL: the database password is weak/.test(e.message),
    );
    const filled = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, v.replaceAll(/REMPLACER[-\w]*/g, 'Xq7-a-long-enough-secret')]),
    );
    const config = loadConfig(filled);
    assert.equal(config.settings.production, true);
    assert.deepEqual(config.settings.trustProxy, ['loopback']);
    assert.equal(config.settings.publicUrl, 'https://catalogue.example.fr');
    assert.equal(config.shutdownTimeoutMs, 20_000);
    assert.equal(config.settings.mailFrom, 'Catalogue de l’offre d’insertion <ne-pas-repondre@catalogue.example.fr>');
  });
});

describe('infra/systemd', () => {
  it('gives an instance longer to stop than the application’s own shutdown deadline', () => {
    const unit = readFileSync(join(ROOT, 'infra/systemd/catalogue@.service'), 'utf8');
    const stop = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    const shutdown = loadConfig({}).shutdownTimeoutMs / 1000;
    assert.ok(stop > shutdown, `TimeoutStopSec=${stop} must exceed SHUTDOWN_TIMEOUT (${shutdown} s by default)`);
    assert.match(unit, /^ExecStart=\/usr\/bin\/node .*apps\/api\/dist\/main\.js$/m);
    assert.match(unit, /^KillSignal=SIGTERM$/m);
  });
});

describe('infra/nginx/catalogue.conf', () => {
  const skip = existsSync(NGINX) ? false : 'nginx absent (apt-get install -y nginx-light) : exemple non vérifié';

  it('is accepted by nginx -t (with a self-signed certificate)', { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-nginx-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=catalogue.example.fr',
          '-keyout',
          join(dir, 'privkey.pem'),
          '-out',
          join(dir, 'fullchain.pem'),
        ],
        { stdio: 'pipe' },
      );
      const site = readFileSync(join(ROOT, 'infra/nginx/catalogue.conf'), 'utf8').replaceAll(
        '/etc/ssl/catalogue/',
        `${dir}/`,
      );
      writeFileSync(join(dir, 'catalogue.conf'), site);
      writeFileSync(
        join(dir, 'nginx.conf'),
        [
          `pid ${dir}/nginx.pid;`,
          `error_log ${dir}/error.log;`,
          'events {}',
          `http { access_log ${dir}/access.log; include ${dir}/catalogue.conf; }`,
        ].join('\n'),
      );
      const out = execFileSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], {
        stdio: 'pipe',
        encoding: 'utf8',
      });
      assert.equal(out, '');
    } catch (e) {
      const err = e as { stderr?: Buffer | string };
      assert.fail(`nginx -t refused the example:\n${err.stderr?.toString() ?? String(e)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
