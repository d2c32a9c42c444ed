// The tenant's catalogue version (what the search index cache watches) moves when, and only when,
// something the index reads changes; a booking leaves it, and its offer row, alone. Proven on the
// real migrated database, writing as the application role as the app would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { setTransactionTenant } from '../common/tenancy/transaction-tenant.js';
import { inTenantTransaction } from '../database/catalogue-writer.js';
import { communesOf, makeOffer, makeOrganization, type CommunePoint } from '../testing/factories.js';
import { connect, createTenant, type TestTenant } from '../testing/test-database.js';
import { OFFER_INDEXED_COLUMNS } from './1764600000000-KeptBookingsOutOfTheCatalogueVersion.js';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);
const BOOK = `UPDATE offer_session SET booked = booked + 1 WHERE id = $1 AND booked < capacity`;
const CANCEL = `UPDATE offer_session SET booked = booked - 1 WHERE id = $1 AND booked > 0`;

describe('catalogue version and places_open_until (application role)', () => {
  let owner: pg.Client;
  let app: pg.Client;
  let other: pg.Client;
  let tenant: TestTenant;
  let organization: string;
  let commune: CommunePoint;

  /** Runs `sql` as the app role in one committed transaction of the test tenant; returns the rows changed. */
  const asApp = async (sql: string, params: unknown[] = [], client = app) =>
    inTenantTransaction(client, tenant.id, async () => (await client.query(sql, params)).rowCount ?? 0);
  const version = () =>
    inTenantTransaction(owner, tenant.id, async () =>
      Number(
        (await owner.query(`SELECT version FROM catalogue_version WHERE tenant_id = $1`, [tenant.id])).rows[0]
          ?.version ?? 0,
      ),
    );
  const openUntil = (offer: string) =>
    inTenantTransaction(owner, tenant.id, async () => {
      const at = (await owner.query(`SELECT places_open_until FROM offer WHERE id = $1`, [offer])).rows[0]
        ?.places_open_until as Date | null;
      return at ? at.toISOString() : null;
    });
  const sessionsOf = (offer: string) =>
    inTenantTransaction(owner, tenant.id, async () => {
      const { rows } = await owner.query<{ id: string; starts_at: Date }>(
        `SELECT id, starts_at FROM offer_session WHERE offer_id = $1 ORDER BY starts_at`,
        [offer],
      );
      return rows.map((r) => ({ id: r.id, startsAt: r.starts_at.toISOString() }));
    });
  /** The version after `change`, minus the version before it. */
  const versionMoveOf = async (change: () => Promise<unknown>) => {
    const before = await version();
    await change();
    return (await version()) - before;
  };
  /** A published offer with an earlier open session and a later one with two seats. */
  const offerWithSessions = () =>
    makeOffer(owner, tenant, organization, {
      places: [commune],
      sessions: [
        { startsAt: inDays(3), endsAt: null, capacity: 5, booked: 1 },
        { startsAt: inDays(10), endsAt: null, capacity: 2, booked: 0 },
      ],
    });

  before(async () => {
    owner = await connect('owner');
    app = await connect('app');
    other = await connect('app');
    tenant = await createTenant(owner);
    [commune] = await communesOf(owner, tenant);
    organization = await makeOrganization(owner, tenant);
  });

  after(async () => {
    // The offers first (their deferred triggers write the version row), then the tenant.
    await inTenantTransaction(owner, tenant.id, () =>
      owner.query(`DELETE FROM organization WHERE tenant_id = $1`, [tenant.id]),
    );
    await owner.query(`DELETE FROM tenant WHERE id = $1`, [tenant.id]);
    await Promise.all([owner.end(), app.end(), other.end()]);
  });

  it('a booking that leaves seats open changes neither places_open_until nor the version', async () => {
    const offer = await offerWithSessions();
    const [earlier, later] = await sessionsOf(offer);
    assert.equal(await openUntil(offer), later!.startsAt);
    const move = await versionMoveOf(async () => {
      assert.equal(await asApp(BOOK, [later!.id]), 1);
      assert.equal(await asApp(CANCEL, [later!.id]), 1);
      assert.equal(await asApp(BOOK, [earlier!.id]), 1);
      assert.equal(await asApp(BOOK, [later!.id]), 1);
    });
    assert.equal(move, 0);
    assert.equal(await openUntil(offer), later!.startsAt);
  });

  it('filling the last seat of the latest open session moves places_open_until and the version; freeing it too', async () => {
    const offer = await offerWithSessions();
    const [earlier, later] = await sessionsOf(offer);
    assert.equal(await versionMoveOf(() => asApp(BOOK, [later!.id])), 0, 'one seat left');
    assert.equal(await versionMoveOf(() => asApp(BOOK, [later!.id])), 1, 'the last seat');
    assert.equal(await openUntil(offer), earlier!.startsAt);
    assert.equal(await asApp(BOOK, [later!.id]), 0, 'full');

    assert.equal(await versionMoveOf(() => asApp(CANCEL, [later!.id])), 1, 'a seat freed');
    assert.equal(await openUntil(offer), later!.startsAt);
  });

  it('filling an earlier session leaves places_open_until and the version', async () => {
    const offer = await makeOffer(owner, tenant, organization, {
      sessions: [
        { startsAt: inDays(3), endsAt: inDays(4), capacity: 1, booked: 0 },
        { startsAt: inDays(10), endsAt: null, capacity: 9, booked: 0 },
      ],
    });
    const [earlier, later] = await sessionsOf(offer);
    assert.equal(await versionMoveOf(() => asApp(BOOK, [earlier!.id])), 0);
    assert.equal(await openUntil(offer), later!.startsAt);
  });

  it('a booking does not lock the offer row', async () => {
    const offer = await offerWithSessions();
    const [, later] = await sessionsOf(offer);
    await other.query('BEGIN');
    try {
      await setTransactionTenant(other, tenant.id);
      assert.equal((await other.query(`SELECT 1 FROM offer WHERE id = $1 FOR UPDATE`, [offer])).rowCount, 1);
      const booked = await inTenantTransaction(app, tenant.id, async () => {
        await app.query(`SET LOCAL lock_timeout = '500ms'`);
        return (await app.query(BOOK, [later!.id])).rowCount;
      });
      assert.equal(booked, 1);
    } finally {
      await other.query('ROLLBACK');
    }
  });

  it('two sessions of one offer filled at the same time are counted one after the other', async () => {
    const offer = await makeOffer(owner, tenant, organization, {
      sessions: [
        { startsAt: inDays(3), endsAt: null, capacity: 1, booked: 0 },
        { startsAt: inDays(10), endsAt: null, capacity: 1, booked: 0 },
      ],
    });
    const [earlier, later] = await sessionsOf(offer);
    await app.query('BEGIN');
    await other.query('BEGIN');
    try {
      for (const c of [app, other]) await setTransactionTenant(c, tenant.id);
      await app.query(BOOK, [later!.id]);
      const pid = (await other.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
      const booking = other.query(BOOK, [earlier!.id]);
      // The second booking waits for the first (on the offer row) before it reads the sessions.
      for (let i = 0; ; i++) {
        const waiting = await owner.query(`SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted`, [pid]);
        if (waiting.rowCount) break;
        if (i > 200) throw new Error('the second booking never waited for the first');
        await new Promise((r) => setTimeout(r, 10));
      }
      await app.query('COMMIT');
      await booking;
      await other.query('COMMIT');
    } finally {
      await app.query('ROLLBACK').catch(() => undefined);
      await other.query('ROLLBACK').catch(() => undefined);
    }
    assert.equal(await openUntil(offer), null, 'both sessions are full');
  });

  it('offer columns the index does not read leave the version', async () => {
    const offer = await offerWithSessions();
    const move = await versionMoveOf(async () => {
      assert.equal(
        await asApp(
          `UPDATE offer SET updated_at = now() + interval '1 minute', confirmed_at = now(), review_comment = 'À revoir',
                  needs_review = true, update_frequency_months = 12, contact_name = 'Accueil', contact_email = 'accueil@example.org',
                  contact_phone = '0102030405', cost = 'payant', cost_details = '5 €', funding = ARRAY['fse'], title = title
            WHERE id = $1`,
          [offer],
        ),
        1,
      );
    });
    assert.equal(move, 0);
  });

  it('each offer column the index reads moves the version once', async () => {
    const offer = await offerWithSessions();
    const changes: Record<string, string> = {
      title: `title || ' bis'`,
      summary: `summary || ' bis'`,
      description: `description || ' bis'`,
      eligibility: `eligibility || ' bis'`,
      search_extra: `search_extra || ' bis'`,
      search_acronyms: `search_acronyms || ' RSA'`,
      theme_index: `array_append(theme_index, 'mobilite')`,
      audiences: `array_append(audiences, 'jeunes')`,
      access: `'open'`,
      modes: `array_append(modes, 'a-distance')`,
      zone_keys: `array_append(zone_keys, 'x:1')`,
      places_open_until: `places_open_until + interval '1 day'`,
      status: `'archived'`,
    };
    for (const [column, value] of Object.entries(changes)) {
      const move = await versionMoveOf(() => asApp(`UPDATE offer SET ${column} = ${value} WHERE id = $1`, [offer]));
      assert.equal(move, 1, column);
    }
  });

  it('a draft moves the version when published, not while edited', async () => {
    const draft = await makeOffer(owner, tenant, organization, { status: 'draft' });
    assert.equal(await versionMoveOf(() => asApp(`UPDATE offer SET title = 'Brouillon' WHERE id = $1`, [draft])), 0);
    assert.equal(await versionMoveOf(() => asApp(`UPDATE offer SET status = 'published' WHERE id = $1`, [draft])), 1);
  });

  it('adding, moving and removing a place move the version; its label and address do not', async () => {
    const offer = await offerWithSessions();
    const place = (sql: string, params: unknown[]) => versionMoveOf(() => asApp(sql, params));
    let id = '';
    const inserted = await versionMoveOf(async () => {
      id = await inTenantTransaction(app, tenant.id, async () => {
        const { rows } = await app.query<{ id: string }>(
          `INSERT INTO offer_place (tenant_id, offer_id, position, address, commune_insee, lat, lng)
           VALUES ($1, $2, 1, '2 rue du Port', $3, $4, $5) RETURNING id`,
          [tenant.id, offer, commune.insee, commune.lat, commune.lng],
        );
        return rows[0]!.id;
      });
    });
    assert.equal(inserted, 1, 'inserted');
    assert.equal(
      await place(`UPDATE offer_place SET label = 'Annexe', address = '3 rue du Port' WHERE id = $1`, [id]),
      0,
      'label and address',
    );
    assert.equal(await place(`UPDATE offer_place SET lat = lat + 0.01 WHERE id = $1`, [id]), 1, 'lat');
    assert.equal(await place(`DELETE FROM offer_place WHERE id = $1`, [id]), 1, 'deleted');
  });

  it('a structure’s own columns leave the version (the index reads none of them)', async () => {
    await offerWithSessions();
    const move = await versionMoveOf(() =>
      asApp(`UPDATE organization SET phone = '0607080910', description = 'Nouvelle description' WHERE id = $1`, [
        organization,
      ]),
    );
    assert.equal(move, 0);
  });

  it('the offer trigger watches every column search_vector is generated from', async () => {
    const { rows } = await owner.query<{ column: string }>(
      `SELECT a.attname AS column
         FROM pg_attrdef ad
         JOIN pg_attribute g ON g.attrelid = ad.adrelid AND g.attnum = ad.adnum AND g.attname = 'search_vector'
         JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refobjid = ad.adrelid
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND a.attnum <> ad.adnum
        WHERE ad.adrelid = 'offer'::regclass`,
    );
    assert.ok(rows.length >= 5, `sources of search_vector: ${rows.map((r) => r.column).join(', ')}`);
    const definition = (
      await owner.query<{ def: string }>(
        `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = 'offer'::regclass AND tgname = 'offer_catalogue_changed'`,
      )
    ).rows[0]?.def;
    for (const { column } of rows) {
      assert.ok((OFFER_INDEXED_COLUMNS as readonly string[]).includes(column), `${column} is listed`);
      assert.match(definition ?? '', new RegExp(`old\\.${column} IS DISTINCT FROM new\\.${column}`, 'i'), column);
    }
  });
});
