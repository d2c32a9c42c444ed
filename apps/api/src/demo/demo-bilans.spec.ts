// The demo's bilans (npm test loads them like npm start): in each demo département, the funded
// actions ran (past sessions with people and outcomes), the demo structure's bilan is open with
// figures to prefill, and the other structure's bilan is validated and feeds the indicators.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_TENANTS } from '@catalogue/domain';
import type pg from 'pg';
import { connect, testUrls } from '../testing/test-database.js';
import { inTenantTransaction } from '../database/catalogue-writer.js';
import { ensureDemoAccounts } from './demo-accounts.js';

describe('demo bilans', () => {
  let owner: pg.Client;
  before(async () => {
    owner = await connect('owner');
  });
  after(() => owner.end());

  const bilansOf = async (slug: string) => {
    const { rows: tenants } = await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, [slug]);
    return inTenantTransaction(owner, tenants[0]!.id, async () => {
      const { rows } = await owner.query<{
        status: string;
        demo_structure: boolean;
        registered: number;
        computed_registered: number | null;
        declared_present: number | null;
        justification: string | null;
        reported: number;
        indicators: number;
        events: number;
      }>(
        `SELECT b.status,
                EXISTS (SELECT 1 FROM membership m JOIN app_user u ON u.id = m.user_id
                         WHERE m.organization_id = b.organization_id AND u.email = $1) AS demo_structure,
                (SELECT count(DISTINCT r.person_id)::int FROM registration r
                  WHERE r.offer_id = a.offer_id AND r.created_at::date BETWEEN b.period_start AND b.period_end) AS registered,
                (b.computed->>'registered')::int AS computed_registered,
                (b.declared->'present'->>'value')::int AS declared_present,
                b.declared->'present'->>'justification' AS justification,
                (SELECT count(*)::int FROM jsonb_array_elements(b.indicator_values) v WHERE jsonb_typeof(v->'value') = 'number') AS reported,
                jsonb_array_length(b.indicator_values) AS indicators,
                (SELECT count(*)::int FROM bilan_event e WHERE e.bilan_id = b.id) AS events
           FROM bilan b JOIN agreement a ON a.id = b.agreement_id
          ORDER BY b.status`,
        [`structure.${slug}@demo.local`],
      );
      return rows;
    });
  };

  for (const t of DEMO_TENANTS) {
    it(`${t.slug}: the demo structure's bilan open with registrations to prefill, the other validated with its figures frozen`, async () => {
      const rows = await bilansOf(t.slug);
      assert.deepEqual(
        rows.map((r) => r.status),
        ['open', 'validated'],
      );
      const [open, validated] = rows;
      assert.ok(open!.demo_structure, 'the open bilan is the demo structure’s, to try filing it');
      assert.ok(open!.registered > 0, 'the action ran: people registered during the period');
      assert.ok(!validated!.demo_structure);
      assert.equal(validated!.computed_registered, validated!.registered, 'the computed figures are frozen');
      assert.ok(validated!.justification, 'a declared correction carries its justification');
      assert.equal(validated!.reported, validated!.indicators, 'each of the agreement’s indicators is reported');
      assert.equal(validated!.events, 4, 'created, opened, submitted, validated');
    });
  }

  it('writes them once: a restart adds none', async () => {
    const before = await Promise.all(DEMO_TENANTS.map((t) => bilansOf(t.slug)));
    await ensureDemoAccounts(testUrls().ownerUrl);
    assert.deepEqual(await Promise.all(DEMO_TENANTS.map((t) => bilansOf(t.slug))), before);
  });
});
