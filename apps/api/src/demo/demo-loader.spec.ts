import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { DEMO_TENANTS, isValidSiret } from '@catalogue/domain';
import { connect, testUrls } from '../testing/test-database.js';
import { demoSiret, loadDemoData, readDemoFile } from './demo-loader.js';
import { DemoFileError, parseDemoFile } from './demo-file.js';
import { setTransactionTenant } from '../common/tenancy/transaction-tenant.js';

describe('demo data', () => {
  let owner: pg.Client;

  before(async () => {
    owner = await connect('owner');
  });
  after(async () => owner.end());

  it('every demo file passes the format and reference checks', () => {
    for (const t of DEMO_TENANTS) assert.doesNotThrow(() => readDemoFile(t.slug), t.slug);
  });

  it('refuses a broken file listing every problem', () => {
    const file = structuredClone(readDemoFile('drome')) as unknown as {
      offers: {
        themes: string[];
        places: { communeInsee: string }[];
        seatAllocation?: string;
        cancellationCutoffHours?: number;
      }[];
    };
    file.offers[0]!.themes = ['teleportation'];
    file.offers[1]!.places = [{ communeInsee: '75056' } as never];
    file.offers[2]!.seatAllocation = 'lottery';
    file.offers[3]!.cancellationCutoffHours = 1000;
    assert.throws(
      () => parseDemoFile(file, 'drome'),
      (e: unknown) =>
        e instanceof DemoFileError &&
        e.problems.length >= 4 &&
        /teleportation/.test(e.message) &&
        /75056/.test(e.message) &&
        /seatAllocation lottery/.test(e.message) &&
        /cancellationCutoffHours/.test(e.message),
    );
  });

  it('gives demo structures stable, valid SIRETs', () => {
    assert.equal(demoSiret('26', 'garage'), demoSiret('26', 'garage'));
    assert.notEqual(demoSiret('26', 'garage'), demoSiret('38', 'garage'));
    for (const k of ['a', 'b', 'garage-solidaire', 'mission-locale']) assert.ok(isValidSiret(demoSiret('26', k)));
  });

  it('loads each tenant with ≥ 60 published offers from ≥ 20 structures, idempotently', async () => {
    const first = await loadDemoData(testUrls().ownerUrl);
    const count = async () => {
      const out: Record<
        string,
        { offers: number; orgs: number; selfReg: number; sessions: number; places: number; badCoords: number }
      > = {};
      for (const t of DEMO_TENANTS) {
        await owner.query('BEGIN');
        const {
          rows: [tenant],
        } = await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, [t.slug]);
        await setTransactionTenant(owner, tenant!.id);
        const {
          rows: [r],
        } = await owner.query(
          `SELECT (SELECT count(*) FROM offer WHERE status = 'published')::int AS offers,
                  (SELECT count(DISTINCT organization_id) FROM offer WHERE status = 'published')::int AS orgs,
                  (SELECT count(*) FROM offer WHERE access = 'self_registration')::int AS "selfReg",
                  (SELECT count(*) FROM offer_session)::int AS sessions,
                  (SELECT count(*) FROM offer_place)::int AS places,
                  (SELECT count(*) FROM offer_place p JOIN commune c ON c.insee = p.commune_insee
                    WHERE c.departement <> $1 OR p.lat <> c.lat OR p.lng <> c.lng)::int AS "badCoords"`,
          [t.code],
        );
        await owner.query('COMMIT');
        out[t.slug] = r;
      }
      return out;
    };
    const before = await count();
    for (const t of DEMO_TENANTS) {
      const c = before[t.slug]!;
      assert.equal(c.offers, first[t.slug]);
      assert.ok(c.offers >= 60, `${t.slug}: ${c.offers} offers`);
      assert.ok(c.orgs >= 20, `${t.slug}: ${c.orgs} structures`);
      assert.ok(c.selfReg >= 10 && c.sessions >= 20, `${t.slug}: self-registration and sessions`);
      assert.equal(c.badCoords, 0, `${t.slug}: places must sit in real communes of the département`);
    }
    await loadDemoData(testUrls().ownerUrl);
    assert.deepEqual(await count(), before);
  });
});
