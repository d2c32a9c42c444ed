// The demo accounts npm start creates (npm test loads them too): each can sign in with the
// published password and holds the role the README promises.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_TENANTS } from '@catalogue/domain';
import type { Me } from '@catalogue/contracts';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { testUrls } from '../testing/test-database.js';
import { DEMO_PASSWORD, demoEmail, ensureDemoAccounts, PLATFORM_ADMIN_EMAIL } from './demo-accounts.js';

describe('demo accounts', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const signIn = async (email: string): Promise<Me> =>
    (await t.http.post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)).body as Me;
  const roles = (me: Me, slug: string) =>
    me.memberships
      .filter((m) => m.tenant === slug && m.status === 'active')
      .map((m) => m.role)
      .sort();

  it('is idempotent', async () => {
    await ensureDemoAccounts(testUrls().ownerUrl);
    await ensureDemoAccounts(testUrls().ownerUrl);
  });

  for (const { slug } of DEMO_TENANTS) {
    it(`gives ${slug} an agent-admin, a structure admin with published offers, a referent and a beneficiary`, async () => {
      assert.deepEqual(roles(await signIn(demoEmail('agent', slug)), slug), ['admin', 'agent']);
      const partner = await signIn(demoEmail('structure', slug));
      const own = partner.memberships.find((m) => m.tenant === slug && m.role === 'structure_admin');
      assert.ok(own?.organizationId, 'the structure account administers a structure');
      const offers = (await t.http.get(`/api/v1/tenants/${slug}/organizations/${own.organizationId}`).expect(200))
        .body as { offers: unknown[] };
      assert.ok(offers.offers.length > 0, 'its structure has published offers');
      assert.deepEqual(roles(await signIn(demoEmail('referent', slug)), slug), ['referent', 'structure_member']);
      assert.deepEqual(roles(await signIn(demoEmail('beneficiaire', slug)), slug), ['beneficiary']);
    });
  }

  it('makes admin@demo.local the platform admin', async () => {
    const me = await signIn(PLATFORM_ADMIN_EMAIL);
    assert.equal(me.platformAdmin, true);
    assert.deepEqual(me.memberships, []);
  });
});
