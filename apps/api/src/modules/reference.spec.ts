// Tenants, taxonomy, communes, health and the OpenAPI description, over HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadDepartementOutlines } from '@catalogue/domain/geo';
import { startApiTest, type ApiTest } from '../testing/test-app.js';

const published = (name: string): { value: string; label: string }[] =>
  JSON.parse(
    readFileSync(new URL(`../../../../libs/domain/data/data-inclusion/${name}.json`, import.meta.url), 'utf8'),
  );

describe('reference endpoints', () => {
  let api: ApiTest;
  let t: ApiTest['t'];
  let owner: ApiTest['owner'];
  let tenant: ApiTest['tenant'];

  before(async () => {
    api = await startApiTest();
    ({ t, owner, tenant } = api);
  });
  after(() => api.close());

  it('health answers ok once the database answers', async () => {
    const res = await t.http.get('/api/v1/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('lists tenants with code, slug, name and bounding box', async () => {
    const res = await t.http.get('/api/v1/tenants');
    assert.equal(res.status, 200);
    const mine = (res.body as { code: string; slug: string; name: string; bbox: number[] }[]).find(
      (x) => x.slug === tenant.slug,
    );
    assert.ok(mine);
    assert.deepEqual(Object.keys(mine).sort(), ['bbox', 'code', 'name', 'slug']);
    assert.equal(mine.code, tenant.code);
    const [minLng, minLat, maxLng, maxLat] = mine.bbox as [number, number, number, number];
    assert.ok(minLng < maxLng && minLat < maxLat);
  });

  it('describes one tenant with its département’s outline, cacheable; an unknown one is the usual 404', async () => {
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=300');
    assert.deepEqual(Object.keys(res.body).sort(), ['bbox', 'code', 'name', 'outline', 'slug']);
    const listed = (await t.http.get('/api/v1/tenants')).body.find((x: { slug: string }) => x.slug === tenant.slug);
    const { outline, ...summary } = res.body;
    assert.deepEqual(summary, listed);
    assert.deepEqual(outline, loadDepartementOutlines()[tenant.code]);
    assert.match(outline.type, /^(Multi)?Polygon$/);
    // The outline surrounds the centre of the département's bounding box, and stays near the box
    // (which is drawn around the communes' centres, so the border may lie up to a degree beyond).
    const [minLng, minLat, maxLng, maxLat] = res.body.bbox as [number, number, number, number];
    const pairs = (JSON.stringify(outline.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? []).map(
      (p) => p.split(',').map(Number) as [number, number],
    );
    assert.ok(pairs.length > 10);
    for (const [lng, lat] of pairs)
      assert.ok(lng > minLng - 1.5 && lng < maxLng + 1.5 && lat > minLat - 1.5 && lat < maxLat + 1.5, `${lng},${lat}`);
    const [lngs, lats] = [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
    const centre = [(minLng + maxLng) / 2, (minLat + maxLat) / 2] as const;
    assert.ok(
      Math.min(...lngs) < centre[0] &&
        centre[0] < Math.max(...lngs) &&
        Math.min(...lats) < centre[1] &&
        centre[1] < Math.max(...lats),
    );
    const unknown = await t.http.get('/api/v1/tenants/atlantide');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { statusCode: 404, code: 'not_found', message: 'Département introuvable' });
    assert.notEqual(unknown.headers['cache-control'], 'public, max-age=300', 'a 404 is not cached for five minutes');
  });

  it('serves the taxonomy aligned one to one with the data·inclusion référentiels', async () => {
    const res = await t.http.get('/api/v1/taxonomy');
    assert.equal(res.status, 200);
    const pairs: [string, string][] = [
      ['themes', 'thematiques'],
      ['themeCategories', 'categories-thematiques'],
      ['audiences', 'publics'],
      ['costs', 'frais'],
      ['modes', 'modes-accueil'],
      ['mobilisationModes', 'modes-mobilisation'],
      ['mobilisers', 'personnes-mobilisatrices'],
      ['serviceTypes', 'types-de-services'],
    ];
    for (const [key, file] of pairs) {
      const ours = (res.body[key] as { code: string; label: string }[]).map(({ code, label }) => ({ code, label }));
      assert.deepEqual(
        ours,
        published(file).map(({ value, label }) => ({ code: value, label })),
        key,
      );
    }
    assert.deepEqual(
      res.body.accessModes.map((a: { code: string }) => a.code),
      ['prescription', 'self_registration', 'open'],
    );
    assert.equal(
      res.body.themes.find((x: { code: string }) => x.code === 'mobilite--preparer-un-permis').category,
      'mobilite',
    );
  });

  it('finds communes of the tenant by name prefix, ignoring accents and case', async () => {
    const { rows } = await owner.query<{ name: string; insee: string }>(
      `SELECT name, insee FROM commune WHERE departement = $1 AND name ~ '[éèêÉ]' ORDER BY population DESC LIMIT 1`,
      [tenant.code],
    );
    const target =
      rows[0] ??
      (
        await owner.query<{ name: string; insee: string }>(
          `SELECT name, insee FROM commune WHERE departement = $1 ORDER BY population DESC LIMIT 1`,
          [tenant.code],
        )
      ).rows[0]!;
    const typed = target.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .slice(0, Math.min(8, target.name.length));
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/communes`).query({ q: typed });
    assert.equal(res.status, 200);
    assert.ok(res.body.length <= 10);
    const found = res.body.find((c: { insee: string }) => c.insee === target.insee);
    assert.ok(found, `${typed} should find ${target.name}`);
    assert.deepEqual(Object.keys(found).sort(), ['approx', 'insee', 'lat', 'lng', 'name', 'postcodes']);
  });

  it('lists every commune sharing a complete postcode, so that a typed postcode can be resolved', async () => {
    const {
      rows: [shared],
    } = await owner.query<{ postcode: string; n: number }>(
      `SELECT p AS postcode, count(*)::int AS n FROM commune, unnest(postcodes) p WHERE departement = $1 GROUP BY p ORDER BY count(*) DESC, p LIMIT 1`,
      [tenant.code],
    );
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/communes`).query({ q: shared!.postcode });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, shared!.n, `${shared!.postcode} is shared by ${shared!.n} communes`);
    for (const c of res.body as { postcodes: string[] }[]) assert.ok(c.postcodes.includes(shared!.postcode));
  });

  it('finds communes by postcode prefix, never outside the département, ten at most', async () => {
    const { rows } = await owner.query<{ postcodes: string[] }>(
      `SELECT postcodes FROM commune WHERE departement = $1 ORDER BY population DESC LIMIT 1`,
      [tenant.code],
    );
    const prefix = rows[0]!.postcodes[0]!.slice(0, 3);
    const {
      rows: [expected],
    } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM commune WHERE departement = $1 AND EXISTS (SELECT 1 FROM unnest(postcodes) p WHERE p LIKE $2 || '%')`,
      [tenant.code, prefix],
    );
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/communes`).query({ q: prefix });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, Math.min(10, expected!.n));
    for (const c of res.body as { insee: string; postcodes: string[] }[]) {
      assert.ok(c.postcodes.some((p) => p.startsWith(prefix)));
    }
    const elsewhere = await t.http
      .get(`/api/v1/tenants/${tenant.slug}/communes`)
      .query({ q: tenant.code === '75' ? 'Lyon' : 'Paris' });
    assert.equal(elsewhere.status, 200);
    assert.ok(!(elsewhere.body as { insee: string }[]).some((c) => c.insee === '75056' || c.insee === '69123'));
  });

  it('gives one commune of the département by INSEE code, and 404 for a commune elsewhere', async () => {
    const {
      rows: [c],
    } = await owner.query<{ insee: string; name: string }>(
      `SELECT insee, name FROM commune WHERE departement = $1 ORDER BY population DESC LIMIT 1`,
      [tenant.code],
    );
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/communes/${c!.insee}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.insee, c!.insee);
    assert.equal(res.body.name, c!.name);
    assert.equal(typeof res.body.lat, 'number');
    const elsewhere = await t.http.get(
      `/api/v1/tenants/${tenant.slug}/communes/${tenant.code === '69' ? '75056' : '69123'}`,
    );
    assert.equal(elsewhere.status, 404);
    assert.equal(elsewhere.body.code, 'not_found');
    for (const bad of ['123', '2C001', 'abcde', '260000']) {
      const r = await t.http.get(`/api/v1/tenants/${tenant.slug}/communes/${bad}`);
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.parameter, 'insee', bad);
    }
  });

  it('describes every route in OpenAPI at /api/docs-json, and serves the docs page', async () => {
    const res = await t.http.get('/api/docs-json');
    assert.equal(res.status, 200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/v1/health',
      '/api/v1/taxonomy',
      '/api/v1/tenants',
      '/api/v1/tenants/{slug}',
      '/api/v1/tenants/{slug}/communes',
      '/api/v1/tenants/{slug}/communes/{insee}',
      '/api/v1/tenants/{slug}/offers',
      '/api/v1/tenants/{slug}/offers/map',
      '/api/v1/tenants/{slug}/offers/{id}',
      '/api/v1/tenants/{slug}/organizations/{id}',
    ]) {
      assert.ok(paths.includes(p), `${p} missing from OpenAPI`);
    }
    const params = res.body.paths['/api/v1/tenants/{slug}/offers'].get.parameters.map((x: { name: string }) => x.name);
    for (const name of [
      'q',
      'lat',
      'lng',
      'commune',
      'radiusKm',
      'bbox',
      'themes',
      'audiences',
      'access',
      'hasPlaces',
      'page',
      'pageSize',
    ])
      assert.ok(params.includes(name), name);
    const mapParams = res.body.paths['/api/v1/tenants/{slug}/offers/map'].get.parameters.map(
      (x: { name: string }) => x.name,
    );
    assert.deepEqual(
      mapParams.filter((n: string) => n !== 'slug').sort(),
      params.filter((n: string) => !['slug', 'page', 'pageSize'].includes(n)).sort(),
    );
    const page = await t.http.get('/api/docs/');
    assert.equal(page.status, 200);
  });
});
