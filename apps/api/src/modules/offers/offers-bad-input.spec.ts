// Every input of the public catalogue refuses bad values with a clear 400 naming the field.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { makeOffer, makeOrganization } from '../../testing/factories.js';

describe('bad input on the public API', () => {
  let api: ApiTest;
  let t: ApiTest['t'];
  let tenant: ApiTest['tenant'];

  before(async () => {
    api = await startApiTest();
    ({ t, tenant } = api);
  });
  after(() => api.close());

  const cases: [string, string, string][] = [
    // [path after /tenants/:slug, parameter named in the message, why]
    ['/offers?radiusKm=-3&lat=45&lng=5', 'radiusKm', 'negative radius'],
    ['/offers?radiusKm=abc&lat=45&lng=5', 'radiusKm', 'radius not a number'],
    ['/offers?radiusKm=5000&lat=45&lng=5', 'radiusKm', 'radius too large'],
    ['/offers?radiusKm=10', 'radiusKm', 'radius without a point'],
    ['/offers?lat=abc&lng=5', 'lat', 'lat not a number'],
    ['/offers?lat=91&lng=5', 'lat', 'lat out of range'],
    ['/offers?lat=45&lng=1e999', 'lng', 'lng infinite'],
    ['/offers?lat=45', 'lng', 'lat without lng'],
    ['/offers?lng=5', 'lat', 'lng without lat'],
    ['/offers?pageSize=10000', 'pageSize', 'page size over 100'],
    ['/offers?pageSize=0', 'pageSize', 'page size zero'],
    ['/offers?pageSize=2.5', 'pageSize', 'page size not an integer'],
    ['/offers?page=0', 'page', 'page zero'],
    ['/offers?page=-1', 'page', 'negative page'],
    ['/offers?page=0x10', 'page', 'hexadecimal page'],
    ['/offers?pageSize=1e2', 'pageSize', 'page size with an exponent'],
    ['/offers?lat=45&lat=46&lng=5', 'lat', 'lat given twice'],
    ['/offers?themes=mobilite,teleportation', 'themes', 'unknown theme code'],
    ['/offers?audiences=martiens', 'audiences', 'unknown audience code'],
    ['/offers?access=vip', 'access', 'unknown access mode'],
    ['/offers?modes=hologramme', 'modes', 'unknown mode'],
    ['/offers?hasPlaces=peut-etre', 'hasPlaces', 'not a boolean'],
    ['/offers?commune=abc', 'commune', 'not an INSEE code'],
    ['/offers?commune=75056', 'commune', 'a commune of another département'],
    ['/offers?commune=26362&lat=45&lng=5', 'commune', 'commune and point together'],
    [`/offers?q=${'a'.repeat(201)}`, 'q', 'query too long'],
    ['/offers?q=a&q=b', 'q', 'query given twice'],
    ['/offers?sort=price', 'sort', 'unknown parameter'],
    ['/offers?bbox=4,45,5', 'bbox', 'bbox with three numbers'],
    ['/offers?bbox=4,45,5,46,7', 'bbox', 'bbox with five numbers'],
    ['/offers?bbox=a,b,c,d', 'bbox', 'bbox not numbers'],
    ['/offers?bbox=4,45,,46', 'bbox', 'bbox with an empty number'],
    ['/offers?bbox=1e1,45,11,46', 'bbox', 'bbox number with an exponent'],
    ['/offers?bbox=Infinity,45,5,46', 'bbox', 'bbox infinite'],
    ['/offers?bbox=-200,45,5,46', 'bbox', 'bbox longitude out of range'],
    ['/offers?bbox=4,45,5,95', 'bbox', 'bbox latitude out of range'],
    ['/offers?bbox=5,45,4,46', 'bbox', 'bbox min longitude above max'],
    ['/offers?bbox=4,46,5,45', 'bbox', 'bbox min latitude above max'],
    ['/offers?bbox=4,45,4,46', 'bbox', 'bbox of zero width'],
    ['/offers?bbox=4,45,5,46&bbox=4,45,5,46', 'bbox', 'bbox given twice'],
    ['/offers/map?bbox=4,45,5', 'bbox', 'map bbox with three numbers'],
    ['/offers/map?bbox=5,45,4,46', 'bbox', 'map bbox min longitude above max'],
    ['/offers/map?lat=45', 'lng', 'map lat without lng'],
    ['/offers/map?lat=45&lng=500', 'lng', 'map lng out of range'],
    ['/offers/map?radiusKm=10', 'radiusKm', 'map radius without a point'],
    ['/offers/map?commune=75056', 'commune', 'map commune of another département'],
    ['/offers/map?themes=teleportation', 'themes', 'map unknown theme code'],
    ['/offers/map?hasPlaces=peut-etre', 'hasPlaces', 'map hasPlaces not a boolean'],
    [`/offers/map?q=${'a'.repeat(201)}`, 'q', 'map query too long'],
    ['/offers/map?page=2', 'page', 'map with a page (the map is not paged)'],
    ['/offers/map?pageSize=50', 'pageSize', 'map with a page size (the map is not paged)'],
    ['/offers/map?sort=title', 'sort', 'map unknown parameter'],
    ['/offers?q=a%00b', 'q', 'query with a NUL character'],
    ['/offers?q=%E0%A4%A', 'q', 'query with a malformed percent-encoding'],
    ['/offers?q=%FF', 'q', 'query that is not UTF-8'],
    ['/offers?page=999999999999999999999999', 'page', 'page far too large'],
    ['/offers?pageSize=999999999999999999999999', 'pageSize', 'page size far too large'],
    ['/offers?radiusKm=999999999999999999999999&lat=45&lng=5', 'radiusKm', 'radius far too large'],
    ['/offers/%E0%A4%A', 'path', 'malformed percent-encoding in the path'],
    ['/offers/a%00b', 'path', 'NUL in the path'],
    ['/offers/not-a-uuid', 'id', 'malformed UUID'],
    ['/offers/12345678-1234-1234-1234-1234567890ab-x', 'id', 'malformed UUID (suffix)'],
    ['/organizations/42', 'id', 'malformed organization UUID'],
    [`/communes?q=${'x'.repeat(101)}`, 'q', 'commune query too long'],
    ['/communes?q=a%00b', 'q', 'commune query with a NUL character'],
    ['/communes?limit=5', 'limit', 'unknown commune parameter'],
  ];

  for (const [path, parameter, why] of cases) {
    it(`answers 400 naming ${parameter} for ${why}`, async () => {
      const res = await t.http.get(`/api/v1/tenants/${tenant.slug}${path}`);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.statusCode, 400);
      assert.equal(res.body.code, 'invalid_parameter');
      assert.match(res.body.message, new RegExp(`\\b${parameter}\\b`));
      assert.equal(res.body.parameter, parameter);
    });
  }

  it('answers JSON 404 for an unknown route, never HTML', async () => {
    const res = await t.http.get('/api/v1/nowhere');
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'not_found');
  });

  it('accepts repeated list parameters and commas alike', async () => {
    const org = await makeOrganization(api.owner, tenant);
    await makeOffer(api.owner, tenant, org, { themes: ['mobilite--preparer-un-permis'] });
    await makeOffer(api.owner, tenant, org, { themes: ['numerique--acquerir-un-equipement'] });
    await makeOffer(api.owner, tenant, org, { themes: ['sante--acces-aux-soins'] });
    const a = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers?themes=mobilite&themes=numerique`);
    const b = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers?themes=mobilite,numerique`);
    assert.equal(a.status, 200);
    assert.equal(a.body.total, 2);
    assert.deepEqual(a.body, b.body);
  });

  it('takes empty parameters as absent, as a form with blank fields sends them', async () => {
    const all = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers`);
    for (const q of [
      'lat=&lng=',
      'radiusKm=',
      'themes=',
      'themes=,',
      'themes=%20',
      'hasPlaces=',
      'page=&pageSize=',
      'q=',
      'bbox=',
      'bbox=%20',
    ]) {
      const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers?${q}`);
      assert.equal(res.status, 200, q);
      assert.deepEqual(res.body, all.body, q);
    }
  });
});
