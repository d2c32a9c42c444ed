// Odd requests to the open data export: an unknown département or file form is a 404, stray or
// hostile query parameters and cache headers are ignored (or a 400 naming the parameter), never a 500.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';

describe('bad input on the data·inclusion export', () => {
  let api: ApiTest;
  let base: string;
  before(async () => {
    api = await startApiTest();
    base = `/api/v1/tenants/${api.tenant.slug}/data-inclusion`;
  });
  after(() => api.close());

  it('answers 404 to an unknown département, as for any tenant route', async () => {
    for (const path of ['', '/services', '/services.csv', '/structures.json']) {
      const res = await api.t.http.get(`/api/v1/tenants/nulle-part${'-x'.repeat(3)}/data-inclusion${path}`);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.code, 'not_found');
    }
  });

  it('answers 404 to a file form or a kind it does not serve', async () => {
    for (const path of [
      '/services.xml',
      '/services.csv.json',
      '/services.',
      '/services.json/extra',
      '/structures.xlsx',
      '/offres.json',
      '/services%2Ejson%00',
    ]) {
      const res = await api.t.http.get(`${base}${path}`);
      assert.ok([400, 404].includes(res.status), `${path}: ${res.status}`);
      assert.ok(res.body.code, `${path}: an error body`);
    }
  });

  it('ignores query parameters it does not read, and refuses broken encodings naming the parameter', async () => {
    for (const query of ['limit=-1&offset=abc', 'format=xml', 'page[]=1&page[]=2', `q=${'é'.repeat(300)}`]) {
      const res = await api.t.http.get(`${base}/services.csv?${query}`);
      assert.equal(res.status, 200, query.slice(0, 40));
    }
    // Refused by the application's request checks before any export starts.
    for (const query of ['__proto__[x]=1', 'constructor[prototype]=1', 'x=%FF', 'x=a%00b']) {
      const res = await api.t.http.get(`${base}/services.json?${query}`);
      assert.ok([200, 400].includes(res.status), `${query}: ${res.status}`);
      if (res.status === 400) assert.ok(res.body.code && res.body.message, `${query}: an error body`);
    }
  });

  it('serves the whole file when cache headers are garbage', async () => {
    for (const headers of [
      { 'If-None-Match': 'not-a-tag' },
      { 'If-None-Match': '' },
      { 'If-Modified-Since': 'yesterday' },
      { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' },
    ]) {
      const res = await api.t.http.get(`${base}/structures.csv`).set(headers);
      assert.equal(res.status, 200, JSON.stringify(headers));
    }
  });
});
