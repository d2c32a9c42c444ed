// Every query parameter of the indicators refuses a bad value with a 400 naming it, never a 500.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';

describe('bad input on indicators', () => {
  let api: ApiTest;
  let agent: SignedInClient;
  let base: string;
  before(async () => {
    api = await startApiTest();
    agent = await clientWithRole(api.owner, api.t.http, api.tenant, 'agent');
    base = `/api/v1/tenants/${api.tenant.slug}`;
  });
  after(() => api.close());

  const queries: [string, string, string][] = [
    ['a year that is no number', 'year=deux-mille', 'year'],
    ['a year before 1990', 'year=1989', 'year'],
    ['a year after 2100', 'year=2101', 'year'],
    ['a fractional year', 'year=2024.5', 'year'],
    ['a year in hexadecimal', 'year=0x7e8', 'year'],
    ['an axis that is no UUID', 'axis=1', 'axis'],
    ['a fiche that is no UUID', 'fiche=fiche-1', 'fiche'],
    ['an unknown axis', 'axis=00000000-0000-4000-8000-000000000000', 'axis'],
    ['an unknown fiche', 'fiche=00000000-0000-4000-8000-000000000000', 'fiche'],
    ['an unknown theme', 'theme=cuisine', 'theme'],
    ['a theme with an empty sub-theme', 'theme=mobilite--', 'theme'],
    ['a territory that is neither an EPCI nor a code', 'territory=Drôme Sud', 'territory'],
    ['an unknown territory code', 'territory=drome-sud', 'territory'],
    ['an EPCI code of 8 digits', 'territory=20004000', 'territory'],
    ['an unknown EPCI', 'territory=999999999', 'territory'],
    ['an unknown territory id', 'territory=00000000-0000-4000-8000-000000000000', 'territory'],
  ];
  for (const [why, query, field] of queries) {
    it(`indicators with ${why}: 400 naming ${field}`, async () => {
      const res = await agent.get(`${base}/indicators?${query}`);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field);
    });
    it(`the CSV with ${why}: 400 naming ${field}`, async () => {
      const res = await agent.get(`${base}/indicators.csv?table=plan&${query}`);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field);
    });
  }

  for (const [why, query] of [
    ['no table', ''],
    ['an unknown table', 'table=people'],
    ['two tables', 'table=plan&table=years'],
  ])
    it(`the CSV with ${why}: 400 naming table`, async () => {
      const res = await agent.get(`${base}/indicators.csv?${query}`);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, 'table');
    });

  it('an empty year means the current one', async () => {
    const res = await agent.get(`${base}/indicators?year=`);
    assert.equal(res.status, 200);
    assert.equal(
      res.body.filters.year,
      Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date())),
    );
  });
});
