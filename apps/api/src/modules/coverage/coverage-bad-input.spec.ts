// The coverage route refuses bad parameters with a 400 naming the field, never a 500.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';

describe('bad input on coverage', () => {
  let api: ApiTest;
  let agent: SignedInClient;
  before(async () => {
    api = await startApiTest();
    agent = await clientWithRole(api.owner, api.t.http, api.tenant, 'agent');
  });
  after(() => api.close());

  // [why, query, field named in the answer, text the message carries]
  const cases: [string, string, string, string][] = [
    ['no theme', '', 'theme', 'theme'],
    ['an empty theme', 'theme=', 'theme', 'theme'],
    ['an unknown theme', 'theme=jardinage', 'theme', 'jardinage'],
    ['an unknown sub-theme', 'theme=mobilite--voler', 'theme', 'mobilite--voler'],
    ['two themes', 'theme=mobilite&theme=sante', 'theme', 'theme'],
    ['an unknown public', 'theme=mobilite&audience=martiens', 'audience', 'audience'],
    ['two publics', 'theme=mobilite&audience=jeunes&audience=seniors', 'audience', 'audience'],
  ];
  for (const [why, query, field, text] of cases) {
    it(`${why}: 400 naming ${field}`, async () => {
      const res = await agent.get(`/api/v1/tenants/${api.tenant.slug}/coverage?${query}`);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
      assert.match(res.body.message, new RegExp(text));
    });
  }

  it('a category and a public are accepted', async () => {
    const res = await agent.get(`/api/v1/tenants/${api.tenant.slug}/coverage?theme=mobilite&audience=jeunes`);
    assert.equal(res.status, 200);
  });
});
