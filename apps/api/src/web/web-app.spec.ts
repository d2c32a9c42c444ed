// The web app as the server hands it out: configuration written into index.html, page status by
// route, cache headers, compression; and API paths that never fall back to the page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAP_TILES } from '../config/env.js';
import { communesOf, makeOffer, makeOrganization } from '../testing/factories.js';
import { startApiTest, startTestApp, type ApiTest, type TestApp } from '../testing/test-app.js';
import { escapeHtmlAttribute, renderIndexHtml } from './web-app.js';

const INDEX_HTML = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="catalogue-config" content="{}" />
    <title>Catalogue</title>
  </head>
  <body><div id="root"></div><!-- ${'padding '.repeat(200)} --></body>
</html>
`;
const ASSET = `export const big = ${JSON.stringify('x'.repeat(4000))};\n`;

/** The configuration a page carries, read back as the browser would. */
function configOf(html: string): unknown {
  const m = html.match(/<meta name="catalogue-config" content="([^"]*)" \/>/);
  assert.ok(m, 'the page has its configuration');
  const text = m[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return JSON.parse(text);
}

describe('web app served by the API', () => {
  let webDir: string;
  let api: ApiTest;
  let t: TestApp;
  let slug: string;

  before(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'catalogue-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), INDEX_HTML);
    writeFileSync(join(webDir, 'assets', 'index-Ab12Cd34.js'), ASSET);
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    api = await startApiTest({ webDir });
    t = api.t;
    slug = api.tenant.slug;
  });
  after(async () => {
    await api.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the home page with the map settings written in, never cached without revalidation', async () => {
    const res = await t.http.get('/');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^text\/html; charset=utf-8/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.deepEqual(configOf(res.text), {
      tiles: {
        url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        attribution: '© les contributeurs d’OpenStreetMap',
        maxZoom: 19,
      },
    });
    assert.ok(!res.text.includes('content="{}"'));
    const byName = await t.http.get('/index.html');
    assert.equal(byName.status, 200);
    assert.equal(byName.text, res.text, 'index.html asked by name is the same rendered page');
    const head = await t.http.head('/');
    assert.equal(head.status, 200);
  });

  it('answers 200 for the pages of a known tenant', async () => {
    for (const path of [
      `/${slug}`,
      `/${slug}/`,
      `/${slug}?q=mobilite`,
      `/${slug}/offres/00000000-0000-4000-8000-000000000000`,
    ]) {
      const res = await t.http.get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.text, /catalogue-config/, path);
      assert.equal(res.headers['cache-control'], 'no-cache', path);
    }
  });

  it('answers 200 for the sign-in, personal space and platform admin pages', async () => {
    const paths = [
      '/connexion',
      '/connexion?erreur=sso',
      '/connexion/verifier-email?jeton=abc',
      '/connexion/nouveau-mot-de-passe?jeton=abc',
      '/connexion/lien-magique?jeton=abc',
      '/inscription',
      '/mot-de-passe-oublie',
      '/espace',
      '/admin',
    ];
    for (const path of paths) {
      const res = await t.http.get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.text, /catalogue-config/, path);
    }
    for (const path of [`/${slug}/espace/moderation`, `/${slug}/invitation?jeton=abc`]) {
      assert.equal((await t.http.get(path)).status, 200, path);
    }
    assert.equal((await t.http.get('/connexions')).status, 404, 'only the exact segments');
  });

  it('answers 200 for the information pages, the platform’s at the root and each tenant’s under its slug', async () => {
    for (const page of ['accessibilite', 'mentions-legales', 'donnees-personnelles', 'plan-du-site']) {
      for (const path of [`/${page}`, `/${page}/`, `/${slug}/${page}`, `/${slug}/${page}/`]) {
        const res = await t.http.get(path);
        assert.equal(res.status, 200, path);
        assert.match(res.text, /catalogue-config/, path);
        assert.equal(res.headers['cache-control'], 'no-cache', path);
      }
      for (const path of [`/${page}/autre-chose`, `/nimportequoi/${page}`])
        assert.equal((await t.http.get(path)).status, 404, path);
    }
  });

  it('answers the same page with a 404 when the first segment is no tenant', async () => {
    for (const path of [
      '/nimportequoi',
      '/nimportequoi/offres/00000000-0000-4000-8000-000000000000',
      '/%E0%A4%A',
      '/assets',
      '/assets/missing-123.js',
      '/apix',
    ]) {
      const res = await t.http.get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers['content-type']!, /^text\/html/, path);
      assert.deepEqual(configOf(res.text), { tiles: DEFAULT_MAP_TILES }, path);
    }
  });

  it('never answers the page under /api: unknown API paths keep their JSON 404', async () => {
    for (const path of ['/api/v1/nope', '/api', '/api/', '/api/nope', `/api/v1/tenants/${slug}/nope`]) {
      const res = await t.http.get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers['content-type']!, /^application\/json/, path);
      assert.equal(res.body.code, 'not_found', path);
    }
    assert.equal((await t.http.get('/api/v1/tenants')).status, 200);
    assert.equal((await t.http.get('/api/docs/')).status, 200);
  });

  it('serves hashed assets cached for good, other files for an hour', async () => {
    const asset = await t.http.get('/assets/index-Ab12Cd34.js');
    assert.equal(asset.status, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(asset.headers['content-type']!, /javascript/);
    const icon = await t.http.get('/favicon.svg');
    assert.equal(icon.status, 200);
    assert.equal(icon.headers['cache-control'], 'public, max-age=3600');
  });

  it('compresses large JSON and files when asked, not small ones nor when not asked', async () => {
    const org = await makeOrganization(api.owner, api.tenant);
    const communes = await communesOf(api.owner, api.tenant);
    for (let i = 0; i < 12; i++) {
      await makeOffer(api.owner, api.tenant, org, {
        title: `Atelier de remobilisation numéro ${i}`,
        places: [communes[i % communes.length]!],
      });
    }
    const map = await t.http.get(`/api/v1/tenants/${slug}/offers/map`).set('Accept-Encoding', 'gzip');
    assert.equal(map.status, 200);
    assert.equal(map.body.located, 12);
    assert.ok(JSON.stringify(map.body).length > 1024);
    assert.equal(map.headers['content-encoding'], 'gzip');
    for (const path of ['/', '/assets/index-Ab12Cd34.js', `/api/v1/tenants/${slug}`]) {
      const res = await t.http.get(path).set('Accept-Encoding', 'gzip');
      assert.equal(res.headers['content-encoding'], 'gzip', path);
    }
    const plain = await t.http.get(`/api/v1/tenants/${slug}/offers/map`).set('Accept-Encoding', 'identity');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, map.body);
    const small = await t.http.get('/api/v1/health').set('Accept-Encoding', 'gzip');
    assert.equal(small.headers['content-encoding'], undefined, 'under 1 KB: sent as is');
  });
});

describe('web app configuration', () => {
  it('writes no tile URL when tiles are off, and escapes what could break out of the attribute', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'catalogue-web-'));
    writeFileSync(join(webDir, 'index.html'), INDEX_HTML);
    const tiles = { url: null, attribution: `Fond "maison" <script>alert('x')</script> & $& co`, maxZoom: 12 };
    const t = await startTestApp({ webDir, mapTiles: tiles });
    try {
      const res = await t.http.get('/');
      assert.equal(res.status, 200);
      assert.match(res.text, /&quot;url&quot;:null/);
      assert.ok(!res.text.includes('<script>'), 'no markup from the configuration');
      assert.ok(res.text.includes('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; $&amp; co'));
      assert.deepEqual(configOf(res.text), { tiles });
    } finally {
      await t.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  });

  it('adds the configuration to a page that lacks its meta, and leaves a page without head alone', () => {
    const config = { tiles: DEFAULT_MAP_TILES };
    const page = renderIndexHtml('<html><head><title>x</title></head><body></body></html>', config);
    assert.deepEqual(configOf(page), config);
    assert.ok(page.indexOf('catalogue-config') < page.indexOf('</head>'));
    assert.equal(renderIndexHtml('<p>rien</p>', config), '<p>rien</p>');
    assert.equal(escapeHtmlAttribute(`a&b"c'd<e>f`), 'a&amp;b&quot;c&#39;d&lt;e&gt;f');
  });
});
