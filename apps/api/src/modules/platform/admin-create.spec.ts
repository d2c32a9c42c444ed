// The core of `npm run admin:create`, against the test database as the application role.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { hashToken } from '../../common/auth/session-cookie.js';
import { connect } from '../../testing/test-database.js';
import { makeUser } from '../../testing/accounts.js';
import { verifyPassword } from '../auth/password.js';
import { platformAudit } from '../auth/auth.test-helpers.js';
import { AdminCreateError, createPlatformAdmin } from './admin-create.js';
import { staffEmail } from './platform.test-helpers.js';

const publicUrl = 'https://catalogue.example';

describe('admin:create (createPlatformAdmin)', () => {
  let app: pg.Client;
  let owner: pg.Client;

  before(async () => {
    app = await connect('app');
    owner = await connect('owner');
  });
  after(async () => {
    await app.end();
    await owner.end();
  });

  /** How many platform_admin.granted lines name this user (null: no superuser to read them). */
  const granted = async (userId: string): Promise<number | null> =>
    (
      await platformAudit(
        `SELECT 1 FROM audit_log WHERE tenant_id IS NULL AND action = 'platform_admin.granted' AND target_id = $1`,
        [userId],
      )
    )?.length ?? null;

  const userRow = async (email: string) =>
    (
      await owner.query<{
        id: string;
        name: string;
        platform_admin: boolean;
        password_hash: string | null;
        email_verified_at: Date | null;
      }>(`SELECT id, name, platform_admin, password_hash, email_verified_at FROM app_user WHERE email = $1`, [email])
    ).rows[0];

  it('creates a verified platform admin with the given password, and audits it', async () => {
    const email = staffEmail('plateforme');
    const r = await createPlatformAdmin(app, {
      email: `  ${email.toUpperCase()} `,
      name: 'Camille Martin',
      password: 'un mot de passe solide',
      publicUrl,
    });
    assert.deepEqual(
      { created: r.created, promoted: r.promoted, passwordSet: r.passwordSet, link: r.link, email: r.email },
      { created: true, promoted: false, passwordSet: true, link: null, email },
    );
    const u = await userRow(email);
    assert.ok(u?.platform_admin && u.email_verified_at);
    assert.equal(u.name, 'Camille Martin');
    assert.ok(await verifyPassword(u.password_hash, 'un mot de passe solide'));
    const lines = await granted(u.id);
    if (lines !== null) assert.equal(lines, 1);
  });

  it('without a password, gives a one-time link whose token is stored hashed (password_reset, 7 days)', async () => {
    const email = staffEmail('lien');
    const r = await createPlatformAdmin(app, { email, publicUrl });
    assert.equal(r.passwordSet, false);
    const m = /^https:\/\/catalogue\.example\/connexion\/nouveau-mot-de-passe\?jeton=([A-Za-z0-9_-]{43})$/.exec(
      r.link ?? '',
    );
    assert.ok(m, r.link ?? 'no link');
    const { rows } = await owner.query<{ purpose: string; user_id: string; days: number; used_at: Date | null }>(
      `SELECT purpose, user_id, extract(epoch FROM expires_at - created_at) / 86400 AS days, used_at FROM auth_token WHERE token_hash = $1`,
      [hashToken(m[1]!)],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual(
      { purpose: rows[0]!.purpose, user: rows[0]!.user_id, used: rows[0]!.used_at },
      { purpose: 'password_reset', user: r.userId, used: null },
    );
    assert.ok(Math.abs(Number(rows[0]!.days) - 7) < 0.01);
    assert.equal((await userRow(email))?.password_hash, null);
  });

  it('promotes an existing account, keeping its password, and says so', async () => {
    const existing = await makeUser(owner, { passwordHash: 'argon2-hash-kept', name: 'Déjà là' });
    const r = await createPlatformAdmin(app, { email: existing.email, publicUrl });
    assert.deepEqual(
      { created: r.created, promoted: r.promoted, link: r.link, userId: r.userId },
      { created: false, promoted: true, link: null, userId: existing.id },
    );
    const u = await userRow(existing.email);
    assert.equal(u?.platform_admin, true);
    assert.equal(u?.password_hash, 'argon2-hash-kept');
    assert.equal(u?.name, 'Déjà là');
    const again = await createPlatformAdmin(app, { email: existing.email, publicUrl });
    assert.equal(again.promoted, false, 'already a platform admin');
    const lines = await granted(existing.id);
    if (lines !== null) assert.equal(lines, 1, 'audited once');
  });

  it('refuses a bad email, a short password or a long name, and writes nothing', async () => {
    await assert.rejects(createPlatformAdmin(app, { email: 'pas-une-adresse', publicUrl }), AdminCreateError);
    const email = staffEmail('refus');
    await assert.rejects(createPlatformAdmin(app, { email, password: 'court', publicUrl }), /12/);
    await assert.rejects(createPlatformAdmin(app, { email, name: 'x'.repeat(200), publicUrl }), AdminCreateError);
    assert.equal(await userRow(email), undefined);
  });
});
