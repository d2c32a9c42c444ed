// The environment read at boot: where the server listens, which proxies it trusts, its HTTP deadlines, its documents.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env.js';

const production = {
  NODE_ENV: 'production',
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
