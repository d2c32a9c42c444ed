// Row-level security, proven at the database level as the application role.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { TENANT_TABLES } from './tenant-tables.js';
import { communesOf, makeOffer, makeOrganization } from '../../testing/factories.js';
import { connect, createTenant, type TestTenant } from '../../testing/test-database.js';
import { makeUser } from '../../testing/accounts.js';
import { setTransactionTenant } from './transaction-tenant.js';

/** Runs `sql` as the app role in a transaction bound to `tenantId` (or none), then rolls back. */
async function asApp<T extends pg.QueryResultRow>(
  app: pg.Client,
  tenantId: string | null,
  sql: string,
  params: unknown[] = [],
) {
  await app.query('BEGIN');
  try {
    if (tenantId) await setTransactionTenant(app, tenantId);
    return await app.query<T>(sql, params);
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('tenant isolation in the database (application role)', () => {
  let owner: pg.Client;
  let app: pg.Client;
  let a: TestTenant;
  let b: TestTenant;
  let offerB: string;
  let orgB: string;

  before(async () => {
    owner = await connect('owner');
    app = await connect('app');
    a = await createTenant(owner);
    b = await createTenant(owner);
    const user = await makeUser(owner);
    for (const t of [a, b]) {
      const [c] = await communesOf(owner, t);
      const org = await makeOrganization(owner, t);
      const offer = await makeOffer(owner, t, org, {
        title: 'Atelier de remobilisation',
        places: [c!],
        sessions: [{ startsAt: new Date(Date.now() + 86_400_000), endsAt: null, capacity: 10, booked: 2 }],
      });
      await owner.query('BEGIN');
      await setTransactionTenant(owner, t.id);
      await owner.query(
        `INSERT INTO territory (tenant_id, code, name, commune_codes) VALUES ($1, 'nord', 'Nord', ARRAY[$2])`,
        [t.id, c!.insee],
      );
      await owner.query(
        `INSERT INTO membership (tenant_id, user_id, role, organization_id) VALUES ($1, $2, 'structure_admin', $3)`,
        [t.id, user.id, org],
      );
      await owner.query(
        `INSERT INTO invitation (tenant_id, organization_id, email, role, token_hash, expires_at)
         VALUES ($1, $2, 'invitee@test.local', 'structure_member', encode(sha256(gen_random_uuid()::text::bytea), 'hex'), now() + interval '7 days')`,
        [t.id, org],
      );
      await owner.query(`INSERT INTO offer_revision (tenant_id, offer_id, data) VALUES ($1, $2, '{}')`, [t.id, offer]);
      await owner.query(
        `INSERT INTO offer_event (tenant_id, offer_id, action, to_status) VALUES ($1, $2, 'created', 'draft')`,
        [t.id, offer],
      );
      await owner.query(
        `INSERT INTO audit_log (tenant_id, action, summary) VALUES ($1, 'test.event', 'Événement de test')`,
        [t.id],
      );
      await owner.query(
        `INSERT INTO organization_change (tenant_id, organization_id, proposed) VALUES ($1, $2, '{"name": "Nouveau nom"}')`,
        [t.id, org],
      );
      const person = await owner.query<{ id: string }>(
        `INSERT INTO registration_person (tenant_id, user_id, first_name, last_name, email) VALUES ($1, $2, 'Camille', 'Martin', 'camille@test.local') RETURNING id`,
        [t.id, user.id],
      );
      const registration = await owner.query<{ id: string }>(
        `INSERT INTO registration (tenant_id, offer_id, session_id, person_id, channel, status)
         SELECT $1, $2, id, $3, 'self', 'accepted' FROM offer_session WHERE offer_id = $2 RETURNING id`,
        [t.id, offer, person.rows[0]!.id],
      );
      await owner.query(
        `INSERT INTO registration_event (tenant_id, registration_id, actor_kind, event, to_status) VALUES ($1, $2, 'person', 'accepted', 'accepted')`,
        [t.id, registration.rows[0]!.id],
      );
      await owner.query(
        `INSERT INTO registration_notification_opt_out (tenant_id, user_id, organization_id, kind) VALUES ($1, $2, $3, 'cancellation')`,
        [t.id, user.id, org],
      );
      const one = async (sql: string, params: unknown[]) =>
        (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
      const plan = await one(
        `INSERT INTO insertion_plan (tenant_id, name, period_start, period_end) VALUES ($1, 'PDI', 2023, 2027) RETURNING id`,
        [t.id],
      );
      const axis = await one(
        `INSERT INTO plan_axis (tenant_id, plan_id, number, title) VALUES ($1, $2, 1, 'Axe 1') RETURNING id`,
        [t.id, plan],
      );
      const fiche = await one(
        `INSERT INTO plan_fiche (tenant_id, plan_id, axis_id, number, title) VALUES ($1, $2, $3, '1', 'Fiche 1') RETURNING id`,
        [t.id, plan, axis],
      );
      const indicator = await one(
        `INSERT INTO plan_indicator (tenant_id, fiche_id, label, unit, measure) VALUES ($1, $2, 'Personnes', 'personnes', 'manual') RETURNING id`,
        [t.id, fiche],
      );
      await owner.query(
        `INSERT INTO plan_fiche_year (tenant_id, fiche_id, year, progress) VALUES ($1, $2, 2027, 'En cours')`,
        [t.id, fiche],
      );
      await owner.query(
        `INSERT INTO plan_indicator_value (tenant_id, indicator_id, year, value) VALUES ($1, $2, 2027, 12)`,
        [t.id, indicator],
      );
      const call = await one(`INSERT INTO funding_call (tenant_id, title) VALUES ($1, 'Appel') RETURNING id`, [t.id]);
      await owner.query(`INSERT INTO funding_call_fiche (tenant_id, call_id, fiche_id) VALUES ($1, $2, $3)`, [
        t.id,
        call,
        fiche,
      ]);
      const sha = 'a'.repeat(64);
      await owner.query(
        `INSERT INTO funding_call_document (tenant_id, call_id, label, file_name, media_type, size_bytes, sha256, storage_key)
         VALUES ($1, $2, 'Règlement', 'reglement.pdf', 'application/pdf', 10, $3, 'calls/2026/12/' || gen_random_uuid())`,
        [t.id, call, sha],
      );
      await owner.query(`INSERT INTO funding_call_instructor (tenant_id, call_id, user_id) VALUES ($1, $2, $3)`, [
        t.id,
        call,
        user.id,
      ]);
      await owner.query(`INSERT INTO funding_call_event (tenant_id, call_id, to_status) VALUES ($1, $2, 'draft')`, [
        t.id,
        call,
      ]);
      const application = await one(
        `INSERT INTO application (tenant_id, call_id, organization_id, status, amount_requested_cents, amount_granted_cents)
         VALUES ($1, $2, $3, 'selected', 100000, 100000) RETURNING id`,
        [t.id, call, org],
      );
      await owner.query(
        `INSERT INTO application_document (tenant_id, application_id, key, file_name, media_type, size_bytes, sha256, storage_key)
         VALUES ($1, $2, 'statuts', 'statuts.pdf', 'application/pdf', 10, $3, 'applications/2026/12/' || gen_random_uuid())`,
        [t.id, application, sha],
      );
      await owner.query(
        `INSERT INTO application_event (tenant_id, application_id, kind, to_status) VALUES ($1, $2, 'created', 'draft')`,
        [t.id, application],
      );
      await owner.query(
        `INSERT INTO application_score (tenant_id, application_id, instructor_id, scores, no_conflict_of_interest, total)
         VALUES ($1, $2, $3, '{}', true, 50)`,
        [t.id, application, user.id],
      );
      const agreement = await one(
        `INSERT INTO agreement (tenant_id, application_id, call_id, organization_id, title, amount_cents, starts_on, ends_on)
         VALUES ($1, $2, $3, $4, 'Convention', 100000, '2027-01-01', '2027-12-31') RETURNING id`,
        [t.id, application, call, org],
      );
      await owner.query(`INSERT INTO agreement_event (tenant_id, agreement_id, to_status) VALUES ($1, $2, 'draft')`, [
        t.id,
        agreement,
      ]);
      const bilan = await one(
        `INSERT INTO bilan (tenant_id, agreement_id, organization_id, year, period_start, period_end, due_on)
         VALUES ($1, $2, $3, 2027, '2027-01-01', '2027-12-31', '2028-02-28') RETURNING id`,
        [t.id, agreement, org],
      );
      await owner.query(
        `INSERT INTO bilan_document (tenant_id, bilan_id, file_name, media_type, size_bytes, sha256, storage_key)
         VALUES ($1, $2, 'bilan.pdf', 'application/pdf', 10, $3, 'bilans/2028/01/' || gen_random_uuid())`,
        [t.id, bilan, sha],
      );
      await owner.query(`INSERT INTO bilan_event (tenant_id, bilan_id, to_status) VALUES ($1, $2, 'to_come')`, [
        t.id,
        bilan,
      ]);
      await owner.query(
        `INSERT INTO api_key (tenant_id, name, prefix, secret_hash) VALUES ($1, 'Entrepôt', 'cik_abcd', encode(sha256(gen_random_uuid()::text::bytea), 'hex'))`,
        [t.id],
      );
      await owner.query('COMMIT');
      if (t === b) {
        offerB = offer;
        orgB = org;
      }
    }
  });

  after(async () => {
    await app.end();
    await owner.end();
  });

  for (const table of TENANT_TABLES) {
    it(`${table}: a SELECT without WHERE under tenant A returns no row of tenant B`, async () => {
      const mine = await asApp<{ tenant_id: string }>(app, a.id, `SELECT tenant_id FROM ${table}`);
      assert.ok(mine.rows.length > 0, `tenant A should see its own ${table} rows`);
      assert.ok(
        mine.rows.every((r) => r.tenant_id === a.id),
        `a row of another tenant leaked from ${table}`,
      );
      const theirs = await asApp<{ tenant_id: string }>(app, b.id, `SELECT tenant_id FROM ${table}`);
      assert.ok(theirs.rows.some((r) => r.tenant_id === b.id));
      assert.ok(theirs.rows.every((r) => r.tenant_id === b.id));
    });

    it(`${table}: with no tenant set, no row at all`, async () => {
      const rows = await asApp(app, null, `SELECT 1 FROM ${table}`);
      assert.equal(rows.rowCount, 0);
    });

    it(`${table}: is indexed on tenant_id and has RLS enabled and forced`, async () => {
      const { rows } = await owner.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
        `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = $1`,
        [table],
      );
      assert.deepEqual(rows[0], { relrowsecurity: true, relforcerowsecurity: true });
      const idx = await owner.query(
        `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
          WHERE c.relname = $1 AND a.attname = 'tenant_id'`,
        [table],
      );
      assert.ok(idx.rowCount! > 0, `${table} has no index starting with tenant_id`);
    });
  }

  it('refuses an INSERT of a tenant B row under tenant A', async () => {
    await assert.rejects(
      asApp(app, a.id, `INSERT INTO organization (tenant_id, name, kind) VALUES ($1, 'Intrus', 'association')`, [b.id]),
      /row-level security/,
    );
    await assert.rejects(
      asApp(app, a.id, `INSERT INTO search_term (tenant_id, word) VALUES ($1, 'intrus')`, [b.id]),
      /row-level security/,
    );
  });

  it('cannot UPDATE or DELETE a tenant B row under tenant A', async () => {
    const updated = await asApp(app, a.id, `UPDATE offer SET title = 'piraté' WHERE id = $1`, [offerB]);
    assert.equal(updated.rowCount, 0);
    const deleted = await asApp(app, a.id, `DELETE FROM organization WHERE id = $1`, [orgB]);
    assert.equal(deleted.rowCount, 0);
    const moved = await asApp(app, b.id, `UPDATE offer SET tenant_id = $2 WHERE id = $1`, [offerB, a.id]).catch(
      (e: Error) => e,
    );
    assert.ok(
      moved instanceof Error && /row-level security/.test(moved.message),
      'moving a row to another tenant must be refused',
    );
  });

  it('the application role owns no table, cannot bypass RLS, SET ROLE or disable RLS', async () => {
    const { rows } = await app.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    assert.deepEqual(rows[0], { rolsuper: false, rolbypassrls: false });
    const owned = await app.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
    assert.equal(owned.rowCount, 0);
    const ownerName = (await owner.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
    if (ownerName !== (await app.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u) {
      await assert.rejects(asApp(app, a.id, `SET ROLE ${ownerName}`), /permission denied/);
    }
    await assert.rejects(asApp(app, a.id, `ALTER TABLE offer DISABLE ROW LEVEL SECURITY`), /must be owner/);
    await assert.rejects(asApp(app, a.id, `ALTER TABLE offer NO FORCE ROW LEVEL SECURITY`), /must be owner/);
    await assert.rejects(asApp(app, a.id, `DROP POLICY offer_tenant_isolation ON offer`), /must be owner/);
    await assert.rejects(
      (async () => {
        await app.query('BEGIN');
        try {
          await app.query('SET LOCAL row_security = off');
          await app.query('SELECT * FROM offer');
        } finally {
          await app.query('ROLLBACK');
        }
      })(),
      /row-level security/,
    );
  });

  it('membership: a user set without a tenant reads only their own memberships, in every tenant', async () => {
    const person = await makeUser(owner);
    const other = await makeUser(owner);
    for (const [t, u] of [
      [a, person],
      [b, person],
      [b, other],
    ] as const) {
      await owner.query('BEGIN');
      await setTransactionTenant(owner, t.id);
      await owner.query(`INSERT INTO membership (tenant_id, user_id, role) VALUES ($1, $2, 'beneficiary')`, [
        t.id,
        u.id,
      ]);
      await owner.query('COMMIT');
    }
    await app.query('BEGIN');
    try {
      await setTransactionTenant(app, null, person.id);
      const { rows } = await app.query<{ user_id: string; tenant_id: string }>(
        `SELECT user_id, tenant_id FROM membership`,
      );
      assert.deepEqual(new Set(rows.map((r) => r.user_id)), new Set([person.id]));
      assert.deepEqual(new Set(rows.map((r) => r.tenant_id)), new Set([a.id, b.id]));
      // Reading is not writing: a membership is only created under its own tenant.
      await assert.rejects(
        app.query(`INSERT INTO membership (tenant_id, user_id, role) VALUES ($1, $2, 'agent')`, [a.id, person.id]),
        /row-level security/,
      );
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('audit_log: the application role may append and read, never change or delete a line', async () => {
    await asApp(app, a.id, `INSERT INTO audit_log (tenant_id, action, summary) VALUES ($1, 'test.append', 'ajout')`, [
      a.id,
    ]);
    await assert.rejects(asApp(app, a.id, `UPDATE audit_log SET summary = 'réécrit'`), /permission denied/);
    await assert.rejects(asApp(app, a.id, `DELETE FROM audit_log`), /permission denied/);
    await assert.rejects(asApp(app, a.id, `TRUNCATE audit_log`), /permission denied/);
    // Not even the owner: the trigger refuses it.
    await assert.rejects(asApp(owner, a.id, `UPDATE audit_log SET summary = 'réécrit'`), /append-only/);
  });

  it('a tenant set in one transaction does not leak into the next one', async () => {
    await asApp(app, a.id, 'SELECT 1');
    const { rows } = await app.query<{ t: string | null }>(`SELECT app_current_tenant() AS t`);
    assert.equal(rows[0]!.t, null);
    const offers = await app.query('SELECT 1 FROM offer');
    assert.equal(offers.rowCount, 0);
  });
});
