// Bad input on the API keys: the name (400 naming `name`), ids (400 naming `id`), and malformed
// Authorization headers (401 `api_key_invalid`, never a 500 nor an anonymous answer).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { keysWorld, type KeysWorld } from './api-keys.test-helpers.js';

describe('bad input on API keys', () => {
  let api: ApiTest;
  let w: KeysWorld;
  before(async () => {
    api = await startApiTest();
    w = await keysWorld(api);
  });
  after(() => api.close());

  const names: [string, unknown][] = [
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(101)],
    ['a number', 42],
    ['an object', { fr: 'clé' }],
    ['a list', ['clé']],
    ['null', null],
  ];
  for (const [why, name] of names) {
    it(`refuses a name ${why} (400 naming name)`, async () => {
      const res = await w.admin.post(`${w.base}/api-keys`, name === undefined ? {} : { name });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, 'name', JSON.stringify(res.body));
    });
  }

  it('refuses a name with NUL (400), and a huge body (413)', async () => {
    const nul = await w.admin.post(`${w.base}/api-keys`, { name: 'a\u0000b' });
    assert.equal(nul.status, 400, JSON.stringify(nul.body));
    const huge = await w.admin.post(`${w.base}/api-keys`, { name: 'x'.repeat(2_000_000) });
    assert.equal(huge.status, 413, JSON.stringify(huge.body));
  });

  it('refuses a bad id (400 naming id) and answers an unknown one 404', async () => {
    for (const id of ['not-a-uuid', '1', "1' OR '1'='1"]) {
      const res = await w.admin.post(`${w.base}/api-keys/${encodeURIComponent(id)}/revoke`);
      assert.equal(res.status, 400, id);
      assert.equal(res.body.parameter, 'id', JSON.stringify(res.body));
    }
    const unknown = await w.admin.post(`${w.base}/api-keys/00000000-0000-4000-8000-000000000000/revoke`);
    assert.equal(unknown.status, 404);
  });

  const headers: [string, string][] = [
    ['Bearer alone', 'Bearer'],
    ['Bearer and a space', 'Bearer '],
    ['the prefix alone', 'Bearer cik_'],
    ['a short key', 'Bearer cik_abc'],
    ['a key one character too long', `Bearer cik_${'A'.repeat(44)}`],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['lower-case scheme', `bearer cik_${'A'.repeat(43)}`],
    ['two spaces', `Bearer  cik_${'A'.repeat(43)}`],
    ['a key without its prefix', `Bearer ${'A'.repeat(43)}`],
    ['non-ASCII', `Bearer cik_${'é'.repeat(43)}`],
    ['10 KB', `Bearer cik_${'A'.repeat(10_000)}`],
  ];
  for (const [why, value] of headers) {
    it(`answers a malformed Authorization header (${why}) 401`, async () => {
      const res = await api.t.http
        .get(`${w.base}/registrations/stats`)
        .set('Authorization', Buffer.from(value, 'utf8').toString('latin1'));
      assert.equal(res.status, 401, `${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'api_key_invalid');
      assert.match(res.body.message, /Authorization: Bearer cik_/);
    });
  }

  it('answers a malformed key 401 even beside a valid session cookie (the key is what counts)', async () => {
    const res = await w.admin.get(`${w.base}/registrations/stats`).set('Authorization', 'Bearer nope');
    assert.equal(res.status, 401);
  });
});
