// Typo correction as a user meets it, on the Drôme demo catalogue's own texts (loaded into a test
// tenant): a misspelt word is read as the closest word of the catalogue, and the answer says so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoSiret, readDemoFile } from '../../demo/demo-loader.js';
import { communesOf, makeOffer, makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import type { AccessMode } from '@catalogue/domain';

interface Page {
  total: number;
  correctedQuery: string | null;
  items: { title: string }[];
}

const RENT_ARREARS = 'Permanence prévention des impayés de loyer';

describe('catalogue search: typos on the demo catalogue', () => {
  let api: ApiTest;

  const search = async (q: string): Promise<Page> => {
    const res = await api.t.http.get(`/api/v1/tenants/${api.tenant.slug}/offers`).query({ q, pageSize: 50 });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Page;
  };
  const titles = (p: Page) => p.items.map((i) => i.title);

  before(async () => {
    api = await startApiTest();
    const { owner, tenant } = api;
    const demo = readDemoFile('drome');
    const [commune] = await communesOf(owner, tenant);
    const orgs = new Map<string, { id: string; name: string }>();
    for (const o of demo.organizations) {
      orgs.set(o.key, {
        id: await makeOrganization(owner, tenant, { name: o.name, siret: demoSiret(tenant.code, o.key) }),
        name: o.name,
      });
    }
    for (const o of demo.offers) {
      const org = orgs.get(o.organization)!;
      await makeOffer(owner, tenant, org.id, {
        organizationName: org.name,
        title: o.title,
        summary: o.summary,
        description: o.description,
        themes: o.themes,
        audiences: o.audiences,
        access: o.access as AccessMode,
        places: [commune!],
      });
    }
  });

  after(() => api.close());

  it('reads "mobilté" as "mobilité": the mobility offers, not those that "mobilise", and says so', async () => {
    const typo = await search('mobilté');
    const right = await search('mobilité');
    assert.equal(typo.correctedQuery, 'mobilité');
    assert.equal(right.correctedQuery, null);
    assert.deepEqual(titles(typo), titles(right), 'the same results, in the same order, as the word spelt right');
    assert.match(titles(typo)[0]!, /mobilité/i);
    assert.match(titles(typo)[1]!, /mobilité/i);
    assert.ok(!titles(typo).includes(RENT_ARREARS), 'the rent-arrears offer only "mobilises"');
  });

  it('corrects each misspelt word of a longer query and keeps the others as typed', async () => {
    const page = await search('Diagnostic mobilté');
    assert.equal(page.correctedQuery, 'Diagnostic mobilité');
    assert.equal(titles(page)[0], 'Diagnostic mobilité et plan de déplacement personnalisé');
    const numeric = await search('numerik');
    assert.equal(numeric.correctedQuery, 'numérique');
    assert.deepEqual(titles(numeric), titles(await search('numérique')));
  });

  it('corrects nothing that is spelt right, being typed, inflected or an acronym', async () => {
    for (const q of [
      'mobilité',
      'MOBILITE',
      'réparatio',
      'formatio',
      'garages',
      'RSA',
      'FLE',
      'PMSMP',
      'permis de conduire',
    ]) {
      const page = await search(q);
      assert.ok(page.total > 0, q);
      assert.equal(page.correctedQuery, null, q);
    }
  });

  it('says nothing was corrected when no word of the catalogue is close', async () => {
    const page = await search('zzzzkw');
    assert.equal(page.total, 0);
    assert.equal(page.correctedQuery, null);
  });
});
