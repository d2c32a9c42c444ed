// The demo départements' plans as their seeds describe them, and their demo offers pointing to the
// fiche PLAN_MEASURES.md gives (the test database holds the demo, loaded as `npm start` does).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { DEMO_TENANTS } from '@catalogue/domain';
import { connect } from '../testing/test-database.js';
import { inTenantTransaction } from '../database/catalogue-writer.js';
import { readDemoFile } from './demo-loader.js';
import { readDemoPlan, readPlanMeasureTable } from './demo-plan.js';

describe('demo plans', () => {
  let owner: pg.Client;
  before(async () => {
    owner = await connect('owner');
  });
  after(async () => owner.end());

  /** A query in the demo tenant `slug` (row-level security applies to the owner too). */
  const inTenant = async <R>(slug: string, sql: string, params: unknown[] = []) => {
    const { rows } = await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, [slug]);
    return inTenantTransaction(owner, rows[0]!.id, () => owner.query<R & pg.QueryResultRow>(sql, params));
  };
  const counts = async (slug: string) =>
    (
      await inTenant<{ axes: number; fiches: number; indicators: number }>(
        slug,
        `SELECT (SELECT count(*)::int FROM plan_axis a WHERE a.plan_id = p.id) AS axes,
                (SELECT count(*)::int FROM plan_fiche f WHERE f.plan_id = p.id) AS fiches,
                (SELECT count(*)::int FROM plan_indicator i JOIN plan_fiche f ON f.id = i.fiche_id WHERE f.plan_id = p.id) AS indicators
           FROM insertion_plan p JOIN tenant t ON t.id = p.tenant_id WHERE t.slug = $1 AND p.is_current`,
        [slug],
      )
    ).rows[0];

  it('loads each département’s plan: the Drôme’s 5 axes and 20 fiches, the Isère’s 4 axes…', async () => {
    assert.deepEqual(await counts('drome'), { axes: 5, fiches: 20, indicators: 79 });
    assert.deepEqual(await counts('isere'), { axes: 4, fiches: 14, indicators: 7 });
    assert.deepEqual((await counts('saone-et-loire'))?.fiches, 23);
    assert.deepEqual((await counts('indre-et-loire'))?.fiches, 18);
    for (const t of DEMO_TENANTS) assert.doesNotThrow(() => readDemoPlan(t.slug), t.slug);
  });

  it('points every demo offer to the fiche of the table, proposed attachments included', async () => {
    const table = readPlanMeasureTable();
    for (const t of DEMO_TENANTS) {
      const { rows } = await inTenant<{ source_key: string; plan_measure: string; number: string | null }>(
        t.slug,
        `SELECT o.source_key, o.plan_measure, f.number FROM offer o
           JOIN tenant t ON t.id = o.tenant_id LEFT JOIN plan_fiche f ON f.id = o.plan_fiche_id
          WHERE t.slug = $1 AND o.source_key = ANY($2::text[])`,
        [t.slug, readDemoFile(t.slug).offers.map((o) => o.key)],
      );
      assert.ok(rows.length > 0, t.slug);
      for (const r of rows) assert.equal(r.number, table[t.slug]![r.plan_measure] ?? null, `${t.slug} ${r.source_key}`);
      // The Drôme's 84 offers all name a fiche or have one proposed; 6 Indre-et-Loire texts have none.
      if (t.slug === 'drome') assert.deepEqual([rows.length, rows.filter((r) => r.number).length], [84, 84]);
    }
  });
});
