// The département admin: its staff (agents and admins, the last admin kept) and its settings;
// every change audited in its own transaction; bad input named.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StaffMember } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { addMembership, makeUser, signedIn, type SignedInClient } from '../../testing/accounts.js';
import { emailsTo } from '../auth/auth.test-helpers.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { staffEmail } from './platform.test-helpers.js';
import { setTransactionTenant } from '../../common/tenancy/transaction-tenant.js';

describe('staff and settings of a département (admins)', () => {
  let api: ApiTest;
  let admin: SignedInClient;
  let adminMemberships: string[];
  let base: string;

  before(async () => {
    api = await startApiTest();
    const user = await makeUser(api.owner, { name: 'Admin du département' });
    adminMemberships = [
      await addMembership(api.owner, api.tenant, user.id, 'admin'),
      await addMembership(api.owner, api.tenant, user.id, 'agent'),
    ];
    admin = await signedIn(api.owner, api.t.http, user);
    base = `/api/v1/tenants/${api.tenant.slug}`;
  });
  after(() => api.close());

  /** A tenant of its own, known to the API at once (its directory is cached). */
  const freshTenant = async () => {
    const tenant = await createTenant(api.owner);
    api.t.app.get(TenantDirectory).invalidate();
    return tenant;
  };

  const auditOf = async (tenant: TestTenant, action: string) => {
    await api.owner.query('BEGIN');
    await setTransactionTenant(api.owner, tenant.id);
    const { rows } = await api.owner.query<{ target_id: string; summary: string; actor_email: string }>(
      `SELECT target_id, summary, actor_email FROM audit_log WHERE tenant_id = $1 AND action = $2 ORDER BY id`,
      [tenant.id, action],
    );
    await api.owner.query('COMMIT');
    return rows;
  };

  it('lists each person once, with email, name and all their roles (an admin is also an agent)', async () => {
    const res = await admin.get(`${base}/staff`).expect(200);
    const me = (res.body as StaffMember[]).filter((s) => s.email === admin.user.email);
    assert.equal(me.length, 1, 'one row per person');
    assert.deepEqual(me[0]!.roles, [
      { role: 'admin', membershipId: adminMemberships[0] },
      { role: 'agent', membershipId: adminMemberships[1] },
    ]);
    assert.equal(me[0]!.name, 'Admin du département');
    assert.equal(me[0]!.accountReady, true);
    const emails = (res.body as StaffMember[]).map((p) => p.email);
    assert.equal(new Set(emails).size, emails.length, 'nobody twice');
  });

  it('adds a new address as agent: an account, an email with a link, an audit line', async () => {
    const email = staffEmail('agent');
    const res = await admin.post(`${base}/staff`, { email: `  ${email.toUpperCase()}`, role: 'agent' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const person = res.body as StaffMember;
    assert.deepEqual([person.email, person.roles.map((r) => r.role), person.accountReady], [email, ['agent'], false]);
    const [mail] = await emailsTo(api.owner, email);
    assert.match(mail!.text_body, /le rôle d’agent du département/);
    assert.match(mail!.text_body, /\/connexion\/nouveau-mot-de-passe\?jeton=/);
    const audit = await auditOf(api.tenant, 'membership.granted');
    assert.ok(
      audit.some((a) => a.target_id === person.userId && a.actor_email === admin.user.email && /agent/.test(a.summary)),
    );
    const list = (await admin.get(`${base}/staff`).expect(200)).body as StaffMember[];
    assert.ok(list.some((s) => s.email === email && s.roles.some((r) => r.role === 'agent')));
  });

  it('makes an existing account admin (and agent), tells it, and does nothing twice', async () => {
    const user = await makeUser(api.owner, { passwordHash: 'hash' });
    const res = await admin.post(`${base}/staff`, { email: user.email, role: 'admin' });
    assert.equal(res.status, 201);
    assert.deepEqual(
      (res.body as StaffMember).roles.map((r) => r.role),
      ['admin', 'agent'],
    );
    const before = (await auditOf(api.tenant, 'membership.granted')).filter((a) => a.target_id === user.id).length;
    assert.equal(before, 2);
    assert.equal((await emailsTo(api.owner, user.email)).length, 1);
    assert.match((await emailsTo(api.owner, user.email))[0]!.subject, /Nouveau rôle/);
    // Again: nothing new to give, nothing audited, nobody emailed.
    assert.equal((await admin.post(`${base}/staff`, { email: user.email, role: 'admin' })).status, 201);
    assert.equal((await auditOf(api.tenant, 'membership.granted')).filter((a) => a.target_id === user.id).length, 2);
    assert.equal((await emailsTo(api.owner, user.email)).length, 1);
  });

  it('removes a role (audited), answers 404 for an unknown or foreign membership and 400 for a bad id', async () => {
    const user = await makeUser(api.owner);
    const membership = await addMembership(api.owner, api.tenant, user.id, 'agent');
    assert.equal((await admin.delete(`${base}/staff/${membership}`)).status, 204);
    assert.equal((await admin.delete(`${base}/staff/${membership}`)).status, 404);
    const revoked = await auditOf(api.tenant, 'membership.revoked');
    assert.ok(revoked.some((a) => a.target_id === user.id && /agent/.test(a.summary)));

    const other = await createTenant(api.owner);
    const foreign = await addMembership(api.owner, other, user.id, 'agent');
    assert.equal((await admin.delete(`${base}/staff/${foreign}`)).status, 404);
    // A structure membership is not staff: not removable here.
    const org = await addMembership(api.owner, api.tenant, user.id, 'beneficiary');
    assert.equal((await admin.delete(`${base}/staff/${org}`)).status, 404);
    const bad = await admin.delete(`${base}/staff/pas-un-uuid`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, 'membershipId');
  });

  it('removes a person from the staff: every role at once (audited each), the last admin kept, 404 when not staff', async () => {
    const tenant = await freshTenant();
    const first = await makeUser(api.owner);
    await addMembership(api.owner, tenant, first.id, 'admin');
    await addMembership(api.owner, tenant, first.id, 'agent');
    const client = await signedIn(api.owner, api.t.http, first);
    const path = `/api/v1/tenants/${tenant.slug}/staff`;
    const last = await client.delete(`${path}/people/${first.id}`);
    assert.equal(last.status, 409);
    assert.equal(last.body.code, 'last_admin');
    assert.equal(((await client.get(path).expect(200)).body as StaffMember[])[0]!.roles.length, 2, 'nothing removed');

    const other = await makeUser(api.owner);
    await client.post(path, { email: other.email, role: 'admin' }).expect(201);
    assert.equal((await client.delete(`${path}/people/${other.id}`)).status, 204);
    assert.deepEqual(
      ((await client.get(path).expect(200)).body as StaffMember[]).map((p) => p.userId),
      [first.id],
    );
    const revoked = (await auditOf(tenant, 'membership.revoked')).filter((a) => a.target_id === other.id);
    assert.deepEqual(revoked.map((a) => a.summary).sort(), [
      `Rôle administrateur retiré à ${other.email}`,
      `Rôle agent retiré à ${other.email}`,
    ]);
    assert.equal((await client.delete(`${path}/people/${other.id}`)).status, 404);
    const bad = await client.delete(`${path}/people/pas-un-uuid`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, 'userId');
  });

  it('keeps the last admin (409), and lets one of two go', async () => {
    const tenant = await freshTenant();
    const first = await makeUser(api.owner);
    const firstAdmin = await addMembership(api.owner, tenant, first.id, 'admin');
    const client = await signedIn(api.owner, api.t.http, first);
    const path = `/api/v1/tenants/${tenant.slug}/staff`;
    const last = await client.delete(`${path}/${firstAdmin}`);
    assert.equal(last.status, 409);
    assert.equal(last.body.code, 'last_admin');
    const second = await makeUser(api.owner);
    await addMembership(api.owner, tenant, second.id, 'admin');
    assert.equal((await client.delete(`${path}/${firstAdmin}`)).status, 204);
    // No longer an admin: the next call is refused.
    assert.equal((await client.get(path)).status, 404);
  });

  it('refuses bad staff input with a 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{ role: 'agent' }, 'email'],
      [{ email: 'pas-une-adresse', role: 'agent' }, 'email'],
      [{ email: `${'x'.repeat(250)}@b.fr`, role: 'agent' }, 'email'],
      [{ email: staffEmail() }, 'role'],
      [{ email: staffEmail(), role: 'structure_admin' }, 'role'],
      [{ email: staffEmail(), role: 'agent', tenant: 'isere' }, 'tenant'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post(`${base}/staff`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    }
  });

  /** The registration delays of a new département. */
  const DELAYS = { registrationReminderDays: 7, registrationExpiryDays: 30, personalDataRetentionMonths: 24 };
  const settingsOf = async (tenant: TestTenant) => {
    const user = await makeUser(api.owner);
    await addMembership(api.owner, tenant, user.id, 'admin');
    return { client: await signedIn(api.owner, api.t.http, user), path: `/api/v1/tenants/${tenant.slug}/settings` };
  };

  it('reads and changes the moderation setting (audited once per change)', async () => {
    const tenant = await freshTenant();
    const { client, path } = await settingsOf(tenant);
    assert.deepEqual((await client.get(path).expect(200)).body, { moderation: 'before', fourEyes: false, ...DELAYS });
    assert.deepEqual((await client.patch(path, { moderation: 'after' }).expect(200)).body, {
      moderation: 'after',
      fourEyes: false,
      ...DELAYS,
    });
    assert.deepEqual((await client.patch(path, {}).expect(200)).body, {
      moderation: 'after',
      fourEyes: false,
      ...DELAYS,
    });
    assert.deepEqual((await client.patch(path, { moderation: 'after' }).expect(200)).body, {
      moderation: 'after',
      fourEyes: false,
      ...DELAYS,
    });
    assert.deepEqual((await client.get(path).expect(200)).body, { moderation: 'after', fourEyes: false, ...DELAYS });
    const { rows } = await api.owner.query<{ moderation: string }>(`SELECT moderation FROM tenant WHERE id = $1`, [
      tenant.id,
    ]);
    assert.equal(rows[0]!.moderation, 'after');
    const changes = await auditOf(tenant, 'tenant.settings.changed');
    assert.equal(changes.length, 1);
    assert.match(changes[0]!.summary, /après publication/);
  });

  it('turns « double validation » on and off (audited once per change)', async () => {
    const tenant = await freshTenant();
    const { client, path } = await settingsOf(tenant);
    assert.deepEqual((await client.patch(path, { fourEyes: true }).expect(200)).body, {
      moderation: 'before',
      fourEyes: true,
      ...DELAYS,
    });
    assert.deepEqual((await client.patch(path, { fourEyes: true }).expect(200)).body, {
      moderation: 'before',
      fourEyes: true,
      ...DELAYS,
    });
    assert.deepEqual((await client.get(path).expect(200)).body, { moderation: 'before', fourEyes: true, ...DELAYS });
    assert.deepEqual((await client.patch(path, { fourEyes: false }).expect(200)).body, {
      moderation: 'before',
      fourEyes: false,
      ...DELAYS,
    });
    assert.deepEqual(
      (await auditOf(tenant, 'tenant.settings.changed')).map((a) => a.summary),
      ['Double validation activée', 'Double validation désactivée'],
    );
  });

  it('changes the registration delays and the retention of personal data (stored, audited)', async () => {
    const tenant = await freshTenant();
    const { client, path } = await settingsOf(tenant);
    const changed = { registrationReminderDays: 3, registrationExpiryDays: 10, personalDataRetentionMonths: 12 };
    assert.deepEqual((await client.patch(path, changed).expect(200)).body, {
      moderation: 'before',
      fourEyes: false,
      ...changed,
    });
    assert.deepEqual((await client.get(path).expect(200)).body, { moderation: 'before', fourEyes: false, ...changed });
    const { rows } = await api.owner.query(
      `SELECT registration_reminder_days, registration_expiry_days, personal_data_retention_months FROM tenant WHERE id = $1`,
      [tenant.id],
    );
    assert.deepEqual(rows[0], {
      registration_reminder_days: 3,
      registration_expiry_days: 10,
      personal_data_retention_months: 12,
    });
    // One delay alone, checked against the stored other: a reminder after the expiry is refused.
    assert.equal((await client.patch(path, { registrationExpiryDays: 4 }).expect(200)).body.registrationExpiryDays, 4);
    const late = await client.patch(path, { registrationReminderDays: 4 });
    assert.equal(late.status, 400);
    assert.equal(late.body.parameter, 'registrationExpiryDays');
    assert.deepEqual(
      (await auditOf(tenant, 'tenant.settings.changed')).map((a) => a.summary),
      [
        'Rappel des inscriptions en attente après 3 jours (au lieu de 7 jours) ; ' +
          'Expiration des inscriptions en attente après 10 jours (au lieu de 30 jours) ; ' +
          'Anonymisation des données personnelles après 12 mois (au lieu de 24 mois)',
        'Expiration des inscriptions en attente après 4 jours (au lieu de 10 jours)',
      ],
    );
  });

  it('refuses bad settings with a 400 naming the field, and changes nothing', async () => {
    const tenant = await freshTenant();
    const { client, path } = await settingsOf(tenant);
    for (const [body, field] of [
      [{ moderation: 'jamais' }, 'moderation'],
      [{ moderation: 1 }, 'moderation'],
      [{ moderation: 'after', theme: 'x' }, 'theme'],
      [{ fourEyes: 'oui' }, 'fourEyes'],
      [{ fourEyes: null }, 'fourEyes'],
      [{ registrationReminderDays: 0 }, 'registrationReminderDays'],
      [{ registrationReminderDays: 91 }, 'registrationReminderDays'],
      [{ registrationReminderDays: 2.5 }, 'registrationReminderDays'],
      [{ registrationReminderDays: '7' }, 'registrationReminderDays'],
      [{ registrationReminderDays: null }, 'registrationReminderDays'],
      [{ registrationExpiryDays: 1 }, 'registrationExpiryDays'],
      [{ registrationExpiryDays: 366 }, 'registrationExpiryDays'],
      [{ registrationExpiryDays: 7 }, 'registrationExpiryDays'],
      [{ registrationReminderDays: 30 }, 'registrationExpiryDays'],
      [{ registrationReminderDays: 20, registrationExpiryDays: 10 }, 'registrationExpiryDays'],
      [{ personalDataRetentionMonths: 0 }, 'personalDataRetentionMonths'],
      [{ personalDataRetentionMonths: 121 }, 'personalDataRetentionMonths'],
      [{ personalDataRetentionMonths: 'deux ans' }, 'personalDataRetentionMonths'],
    ] as const) {
      const res = await client.patch(path, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.parameter, field, JSON.stringify(body));
    }
    assert.deepEqual((await client.get(path).expect(200)).body, { moderation: 'before', fourEyes: false, ...DELAYS });
    assert.deepEqual(await auditOf(tenant, 'tenant.settings.changed'), []);
  });

  it('is the département admins’ alone: an agent gets 403, another département’s admin 404', async () => {
    const agentUser = await makeUser(api.owner);
    await addMembership(api.owner, api.tenant, agentUser.id, 'agent');
    const agent = await signedIn(api.owner, api.t.http, agentUser);
    const other = await createTenant(api.owner);
    const strangerUser = await makeUser(api.owner);
    await addMembership(api.owner, other, strangerUser.id, 'admin');
    const stranger = await signedIn(api.owner, api.t.http, strangerUser);
    for (const [client, status] of [
      [agent, 403],
      [stranger, 404],
    ] as const) {
      assert.equal((await client.get(`${base}/staff`)).status, status);
      assert.equal((await client.post(`${base}/staff`, { email: staffEmail(), role: 'admin' })).status, status);
      assert.equal((await client.delete(`${base}/staff/${adminMemberships[0]}`)).status, status);
      assert.equal((await client.delete(`${base}/staff/people/${admin.user.id}`)).status, status);
      assert.equal((await client.get(`${base}/settings`)).status, status);
      assert.equal((await client.patch(`${base}/settings`, { moderation: 'after' })).status, status);
    }
    const { rows } = await api.owner.query<{ moderation: string }>(`SELECT moderation FROM tenant WHERE id = $1`, [
      api.tenant.id,
    ]);
    assert.equal(rows[0]!.moderation, 'before');
  });
});
