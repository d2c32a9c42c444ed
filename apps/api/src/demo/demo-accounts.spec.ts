// The demo accounts npm start creates (npm test loads them too): each can sign in with the
// published password and holds the role the README promises.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_TENANTS } from '@catalogue/domain';
import type { Me } from '@catalogue/contracts';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { connect, testUrls } from '../testing/test-database.js';
import { inTenantTransaction } from '../database/catalogue-writer.js';
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

  /**
   * The rows ensureDemoAccounts writes, counted table by table: the demo users (app_user), their
   * memberships and the structures they belong to (organization, whose prescriber flag it sets).
   * Scoped to the demo accounts because other test files add users and structures meanwhile.
   */
  async function demoRows(): Promise<Record<string, number>> {
    const owner = await connect('owner');
    try {
      const {
        rows: [users],
      } = await owner.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM app_user WHERE email LIKE '%@demo.local'`,
      );
      const out: Record<string, number> = { app_user: users!.count };
      for (const { slug } of DEMO_TENANTS) {
        // membership and organization are under FORCE RLS: one département at a time.
        const tenantId = (await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, [slug])).rows[0]!
          .id;
        const r = await inTenantTransaction(owner, tenantId, async () => {
          const { rows } = await owner.query<{ membership: number; organization: number; prescriber: number }>(
            `SELECT count(*)::int AS membership,
                    count(DISTINCT m.organization_id)::int AS organization,
                    count(DISTINCT m.organization_id) FILTER (WHERE o.prescriber)::int AS prescriber
               FROM membership m JOIN app_user u ON u.id = m.user_id
               LEFT JOIN organization o ON o.id = m.organization_id
              WHERE u.email LIKE '%@demo.local'`,
          );
          return rows[0];
        });
        out[`${slug}: membership`] = r!.membership;
        out[`${slug}: organization`] = r!.organization;
        out[`${slug}: prescriber organization`] = r!.prescriber;
      }
      return out;
    } finally {
      await owner.end();
    }
  }

  it('adds no row when run again', async () => {
    await ensureDemoAccounts(testUrls().ownerUrl);
    const before = await demoRows();
    // Platform admin + four accounts per demo département, each département with its memberships.
    assert.equal(before.app_user, 1 + 4 * DEMO_TENANTS.length);
    for (const { slug } of DEMO_TENANTS) assert.ok(before[`${slug}: membership`]! >= 5, slug);
    await ensureDemoAccounts(testUrls().ownerUrl);
    assert.deepEqual(await demoRows(), before);
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
