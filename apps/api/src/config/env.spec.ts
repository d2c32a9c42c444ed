// The environment read at boot: where the server listens, which proxies it trusts, its HTTP deadlines, its documents.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env.js';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://catalogue_app:Xq7-long-app-secret@db.example/catalogue',
  DATABASE_OWNER_URL: 'postgres://catalogue_owner:Xq7-long-owner-secret@db.example/catalogue',
  SMTP_URL: 'smtp://mail.example:25',
  PUBLIC_URL: 'https://catalogue.example',
};

describe('listening address', () => {
  it('keeps the demo on this machine unless HOST says otherwise', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig({ HOST: '' }).host, '127.0.0.1', 'blank means unset');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0', 'an explicit choice is kept');
  });
  it('listens on every interface in production, unless HOST says otherwise', () => {
    assert.equal(loadConfig(production).host, '0.0.0.0');
    assert.equal(loadConfig({ ...production, HOST: '10.0.0.5' }).host, '10.0.0.5');
  });
});

describe('TRUST_PROXY', () => {
  const trust = (v?: string) => loadConfig(v === undefined ? {} : { TRUST_PROXY: v }).settings.trustProxy;
  it('trusts no proxy by default', () => {
    assert.equal(trust(), false);
    assert.equal(trust(''), false);
    assert.equal(trust('false'), false);
  });
  it('takes a number of hops, or a list of addresses, subnets and named ranges', () => {
    assert.equal(trust('1'), 1);
    assert.deepEqual(trust('loopback'), ['loopback']);
    assert.deepEqual(trust(' 10.0.0.0/8, 192.0.2.1 ,fd00::/8,uniquelocal'), [
      '10.0.0.0/8',
      '192.0.2.1',
      'fd00::/8',
      'uniquelocal',
    ]);
  });
  it('refuses "true" (any client could choose its address) and anything it cannot read', () => {
    for (const v of [
      'true',
      'yes',
      '11',
      '10.0.0.0/33',
      '0.0.0.0/0',
      'fd00::/129',
      'proxy.example',
      '1.2.3',
      '10.0.0.0/8/1',
    ]) {
      assert.throws(
        () => trust(v),
        (e: unknown) => e instanceof ConfigError && /TRUST_PROXY/.test(e.message),
        v,
      );
    }
  });
});

describe('HTTP deadlines', () => {
  it('default to 15 s for headers, 30 s for a request, 5 s for an idle keep-alive connection', () => {
    assert.deepEqual(loadConfig({}).settings.http, { headersMs: 15_000, requestMs: 30_000, keepAliveMs: 5_000 });
  });
  it('are set in seconds', () => {
    const http = loadConfig({ HTTP_HEADERS_TIMEOUT: '10', HTTP_REQUEST_TIMEOUT: '20.5', HTTP_KEEP_ALIVE_TIMEOUT: '2' })
      .settings.http;
    assert.deepEqual(http, { headersMs: 10_000, requestMs: 20_500, keepAliveMs: 2_000 });
  });
  it('refuse zero, negatives, words, and a request deadline shorter than the headers one', () => {
    for (const [name, v] of [
      ['HTTP_HEADERS_TIMEOUT', '0'],
      ['HTTP_REQUEST_TIMEOUT', '-1'],
      ['HTTP_KEEP_ALIVE_TIMEOUT', 'abc'],
      ['HTTP_REQUEST_TIMEOUT', '1e3'],
      ['HTTP_REQUEST_TIMEOUT', '99999'],
    ]) {
      assert.throws(() => loadConfig({ [name!]: v }), new RegExp(name!), `${name}=${v}`);
    }
    assert.throws(() => loadConfig({ HTTP_HEADERS_TIMEOUT: '20', HTTP_REQUEST_TIMEOUT: '10' }), /HTTP_REQUEST_TIMEOUT/);
  });
});

describe('documents', () => {
  it('keep their files under .data/files by default, or FILES_DIR, and accept 20 MB unless UPLOAD_MAX_BYTES says otherwise', () => {
    const dflt = loadConfig({}, '/srv/catalogue').settings;
    assert.equal(dflt.uploadMaxBytes, 20 * 1024 * 1024);
    assert.ok(dflt.filesDir.endsWith(join('.data', 'files')));
    const set = loadConfig({ FILES_DIR: '/var/lib/catalogue/files', UPLOAD_MAX_BYTES: '5242880' }).settings;
    assert.equal(set.filesDir, '/var/lib/catalogue/files');
    assert.equal(set.uploadMaxBytes, 5_242_880);
  });

  it('refuses an upload limit that is not a number of bytes between 1 KB and 200 MB', () => {
    for (const bad of ['20MB', '-1', '100', '999999999999'])
      assert.throws(() => loadConfig({ UPLOAD_MAX_BYTES: bad }), ConfigError, bad);
  });
});

describe('production start (NODE_ENV=production)', () => {
  const refusal = (env: NodeJS.ProcessEnv): string => {
    try {
      loadConfig(env);
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      return e.message;
    }
    assert.fail('the configuration was accepted');
  };
  const without = (name: keyof typeof production) => ({ ...production, [name]: undefined });

  it('accepts a complete production environment', () => {
    const c = loadConfig(production);
    assert.equal(c.settings.production, true);
    assert.equal(c.loadDemoData, false, 'never the demo');
    assert.equal(loadConfig({ ...production, DEMO_DATA: 'true' }).loadDemoData, false, 'not even when asked');
    assert.ok(
      loadConfig({ ...production, DATABASE_URL: 'postgres:///catalogue?host=/run/postgresql' }),
      'no password: socket',
    );
    assert.ok(loadConfig({ ...production, PUBLIC_URL: 'http://localhost:3000' }), 'http on localhost');
  });

  it('needs an external database: no DATABASE_URL is refused', () => {
    const env = { ...without('DATABASE_URL'), DATABASE_OWNER_URL: undefined };
    assert.match(refusal(env), /DATABASE_URL is required in production/);
  });

  it('refuses a weak or development database password, in either URL', () => {
    for (const password of ['short', 'catalogue_app', 'catalogue_owner', 'postgres', 'REMPLACER-mot-de-passe']) {
      const app = `postgres://catalogue_app:${encodeURIComponent(password)}@db.example/catalogue`;
      assert.match(
        refusal({ ...production, DATABASE_URL: app }),
        /DATABASE_URL: the database password is weak/,
        password,
      );
      const owner = `postgres://catalogue_owner:${encodeURIComponent(password)}@db.example/catalogue`;
      assert.match(
        refusal({ ...production, DATABASE_OWNER_URL: owner }),
        /DATABASE_OWNER_URL: the database password is weak/,
        password,
      );
    }
  });

  it('needs PUBLIC_URL, in https unless on localhost', () => {
    assert.match(refusal(without('PUBLIC_URL')), /PUBLIC_URL is required in production/);
    assert.match(refusal({ ...production, PUBLIC_URL: 'http://catalogue.example' }), /PUBLIC_URL must be an https/);
    assert.match(refusal({ ...production, PUBLIC_URL: 'http://localhost.example' }), /PUBLIC_URL must be an https/);
  });

  it('needs SMTP_URL', () => {
    assert.match(refusal(without('SMTP_URL')), /SMTP_URL is required in production/);
    assert.match(refusal({ ...production, SMTP_URL: '  ' }), /SMTP_URL is required in production/);
  });

  it('refuses a weak OIDC client secret, and a short metrics token', () => {
    const oidc = { OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'catalogue' };
    assert.match(refusal({ ...production, ...oidc, OIDC_CLIENT_SECRET: 'secret' }), /OIDC_CLIENT_SECRET is weak/);
    assert.ok(loadConfig({ ...production, ...oidc, OIDC_CLIENT_SECRET: 'a-long-enough-client-secret' }).settings.oidc);
    assert.match(refusal({ ...production, METRICS_TOKEN: 'too-short' }), /METRICS_TOKEN must be 32 characters/);
  });

  it('names every problem in one message, not the first one only', () => {
    const message = refusal({
      NODE_ENV: 'production',
      DATABASE_OWNER_URL: 'postgres://o:postgres@db.example/c',
      PUBLIC_URL: 'http://catalogue.example',
      METRICS_TOKEN: 'x',
    });
    for (const expected of [
      /DATABASE_URL is required/,
      /DATABASE_OWNER_URL: the database password is weak/,
      /PUBLIC_URL must be an https/,
      /SMTP_URL is required/,
      /METRICS_TOKEN/,
    ])
      assert.match(message, expected);
    assert.ok(message.startsWith('NODE_ENV=production:\n  - '), message);
    assert.equal(message.match(/METRICS_TOKEN/g)?.length, 1, 'each problem once');
  });

  it('keeps development as it was: no database URL, no SMTP, http public address', () => {
    assert.equal(loadConfig({}).settings.production, false);
    assert.equal(loadConfig({ PUBLIC_URL: 'http://catalogue.example' }).settings.publicUrl, 'http://catalogue.example');
  });
});
