// helmet's headers on the API, the web app and the Swagger UI, with a CSP that lets the map load
// the configured tiles and nothing else from elsewhere.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_MAP_TILES } from '../../config/env.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { tileSource } from './security-headers.js';

const INDEX_HTML = `<!doctype html><html lang="fr"><head><meta charset="utf-8" /><meta name="catalogue-config" content="{}" /><title>Catalogue</title></head><body><div id="root"></div></body></html>`;

/** The CSP as a map of directive → sources. */
function csp(header: string | undefined): Map<string, string[]> {
  assert.ok(header, 'a Content-Security-Policy header');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values];
      }),
  );
}

describe('security headers (helmet)', () => {
  let webDir: string;
  let t: TestApp;

  before(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'catalogue-web-'));
    writeFileSync(join(webDir, 'index.html'), INDEX_HTML);
    t = await startTestApp({ webDir });
  });
  after(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('derives the tiles origin for the CSP', () => {
    assert.equal(
      tileSource({ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }),
      'https://tile.openstreetmap.org',
    );
    assert.equal(
      tileSource({ url: 'https://{s}.tile.example.org:8443/{z}/{x}/{y}.png?key=abc' }),
      'https://*.tile.example.org:8443',
    );
    assert.equal(tileSource({ url: 'HTTP://Tiles.Local/{z}/{x}/{y}.png' }), 'http://tiles.local');
    assert.equal(tileSource({ url: '/tuiles/{z}/{x}/{y}.png' }), null, 'our own origin');
    assert.equal(tileSource({ url: null }), null, 'no tiles');
    assert.equal(
      tileSource({ url: 'https://a b;script-src */{z}/{x}/{y}' }),
      null,
      'nothing that could break out of the header',
    );
  });

  it('sends helmet’s headers and a strict CSP on the API and the web app, listing the tiles origin', async () => {
    for (const path of ['/api/v1/health', '/', '/api/v1/nulle-part']) {
      const res = await t.http.get(path);
      const policy = csp(res.headers['content-security-policy']);
      assert.deepEqual(policy.get('default-src'), ["'self'"], path);
      assert.deepEqual(policy.get('script-src'), ["'self'"], path);
      assert.deepEqual(policy.get('style-src'), ["'self'"], path);
      assert.deepEqual(policy.get('img-src'), ["'self'", 'data:', new URL(DEFAULT_MAP_TILES.url!).origin], path);
      assert.deepEqual(policy.get('connect-src'), ["'self'"], path);
      assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], path);
      assert.deepEqual(policy.get('object-src'), ["'none'"], path);
      assert.deepEqual(policy.get('base-uri'), ["'self'"], path);
      assert.equal(policy.has('upgrade-insecure-requests'), false, 'plain http outside production');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin', 'tile servers want a referrer');
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin');
      assert.equal(res.headers['x-powered-by'], undefined);
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS outside production');
    }
  });

  it('keeps the other headers of the app (CORS for the public API, Server-Timing)', async () => {
    const res = await t.http.get('/api/v1/health').set('Origin', 'https://ailleurs.example');
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(String(res.headers['server-timing']), /^app;dur=/);
  });

  it('serves the Swagger UI at /api/docs with its own CSP (inline style only there)', async () => {
    const page = await t.http.get('/api/docs');
    assert.equal(page.status, 200);
    assert.match(page.text, /swagger-ui/);
    const policy = csp(page.headers['content-security-policy']);
    assert.deepEqual(policy.get('style-src'), ["'self'", "'unsafe-inline'"]);
    assert.deepEqual(policy.get('script-src'), ["'self'"], 'scripts stay external');
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
    // Every script of the page is a file of ours (no inline script for the CSP to block).
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs!, /src=/, 'external script');
      assert.equal(body!.trim(), '');
    }
    for (const m of page.text.matchAll(/src=["']([^"']+)["']/g)) {
      const src = new URL(m[1]!, 'http://localhost/api/docs/').pathname;
      assert.equal((await t.http.get(src)).status, 200, src);
    }
    assert.equal((await t.http.get('/api/docs-json')).status, 200);
  });

  it('the built web app has no inline script the CSP would block', (ctx) => {
    const built = resolve(process.cwd(), 'apps/web/dist/index.html');
    if (!existsSync(built)) return ctx.skip('web app not built');
    const html = readFileSync(built, 'utf8');
    for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(attrs!, /src="\//, 'same-origin external script');
      assert.equal(body!.trim(), '');
    }
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
    assert.doesNotMatch(html, /<style/i, 'no inline style block');
  });

  it('lists other tile servers (with subdomains), and none when the map has no tiles', async () => {
    const custom = await startTestApp({
      mapTiles: { ...DEFAULT_MAP_TILES, url: 'https://{s}.tuiles.example.org/{z}/{x}/{y}.png' },
    });
    const none = await startTestApp({ mapTiles: { ...DEFAULT_MAP_TILES, url: null } });
    try {
      assert.deepEqual(
        csp((await custom.http.get('/api/v1/health')).headers['content-security-policy']).get('img-src'),
        ["'self'", 'data:', 'https://*.tuiles.example.org'],
      );
      assert.deepEqual(csp((await none.http.get('/api/v1/health')).headers['content-security-policy']).get('img-src'), [
        "'self'",
        'data:',
      ]);
    } finally {
      await custom.close();
      await none.close();
    }
  });

  it('in production: HSTS and upgrade-insecure-requests', async () => {
    const prod = await startTestApp({ settings: { production: true } });
    try {
      const res = await prod.http.get('/api/v1/health');
      assert.match(String(res.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/);
      assert.ok(csp(res.headers['content-security-policy']).has('upgrade-insecure-requests'));
    } finally {
      await prod.close();
    }
  });
});
