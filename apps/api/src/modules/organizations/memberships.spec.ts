// Joining a structure: access requests and their answers, roles, departures, invitations by email.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashToken } from '../../common/auth/session-cookie.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { addMembership, clientWithRole, makeUser, signedIn, type SignedInClient } from '../../testing/accounts.js';
import { freshSiret, makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import type { TestTenant } from '../../testing/test-database.js';
import { auditActions, emailsTo, membershipsOf, tokenIn } from './organizations.test-helpers.js';

describe('structure membership', () => {
  let api: ApiTest;
  let tenant: TestTenant;
  let base: string;

  before(async () => {
    api = await startApiTest();
    ({ tenant } = api);
    base = `/api/v1/tenants/${tenant.slug}/organizations`;
  });
  after(() => api.close());

  const newClient = async (email?: string) => signedIn(api.owner, api.t.http, await makeUser(api.owner, { email }));

  /** A validated structure with its admin. */
  async function structure() {
    const id = await makeOrganization(api.owner, tenant, { siret: freshSiret() });
    const admin = await clientWithRole(api.owner, api.t.http, tenant, 'structure_admin', id);
    return { id, admin };
  }

  it('join → the admins are told → accept: the requester becomes a member and is told', async () => {
    const { id, admin } = await structure();
    const requester = await newClient();
    const res = await requester.post(`${base}/${id}/join`, { message: 'Je suis la nouvelle conseillère' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.role, 'structure_member');
    const membershipId = res.body.membershipId as string;
    assert.ok(
      (await emailsTo(api.owner, admin.user.email)).some(
        (m) => m.subject.startsWith('Demande d’accès à') && m.text.includes('Je suis la nouvelle conseillère'),
      ),
    );
    assert.equal((await requester.post(`${base}/${id}/join`)).body.code, 'already_requested');
    assert.equal((await requester.get(`${base}/${id}/back-office`)).status, 404, 'a request gives no right');

    const list = await admin.get(`${base}/${id}/members`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.members.map((m: { status: string }) => m.status).sort(), ['active', 'pending']);

    const accepted = await admin.post(`${base}/${id}/members/${membershipId}/accept`);
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.status, 'active');
    assert.ok((await emailsTo(api.owner, requester.user.email)).some((m) => m.subject.includes('est acceptée')));
    assert.equal((await requester.get(`${base}/${id}/back-office`)).status, 200);
    assert.equal((await requester.post(`${base}/${id}/join`)).status, 409);
    assert.equal((await admin.post(`${base}/${id}/members/${membershipId}/accept`)).body.code, 'not_pending');
    assert.deepEqual(await auditActions(api.owner, tenant, membershipId), [
      'membership.requested',
      'membership.accepted',
    ]);
  });

  it('refuse: the requester is told and may ask again later', async () => {
    const { id, admin } = await structure();
    const requester = await newClient();
    const { membershipId } = (await requester.post(`${base}/${id}/join`)).body as { membershipId: string };
    const refused = await admin.post(`${base}/${id}/members/${membershipId}/refuse`);
    assert.equal(refused.status, 200);
    assert.equal(refused.body.status, 'refused');
    assert.ok(
      (await emailsTo(api.owner, requester.user.email)).some((m) => m.subject.includes('n’a pas été acceptée')),
    );
    assert.equal((await requester.post(`${base}/${id}/join`)).status, 201);
    assert.deepEqual(await auditActions(api.owner, tenant, membershipId), [
      'membership.requested',
      'membership.refused',
      'membership.requested',
    ]);
  });

  it('only validated structures can be joined', async () => {
    const pending = await makeOrganization(api.owner, tenant, { status: 'pending', siret: freshSiret() });
    const admin = await clientWithRole(api.owner, api.t.http, tenant, 'structure_admin', pending);
    assert.equal((await (await newClient()).post(`${base}/${pending}/join`)).status, 404);
    assert.equal((await admin.post(`${base}/${pending}/join`)).body.code, 'not_validated');
  });

  it('changes roles and removals, but never leaves a structure without an admin', async () => {
    const { id, admin } = await structure();
    const memberUser = await makeUser(api.owner);
    const memberId = await addMembership(api.owner, tenant, memberUser.id, 'structure_member', id);
    const member = await signedIn(api.owner, api.t.http, memberUser);
    const adminId = (await admin.get(`${base}/${id}/members`)).body.members.find(
      (m: { userId: string }) => m.userId === admin.user.id,
    ).membershipId as string;

    assert.equal((await member.delete(`${base}/${id}/members/${adminId}`)).status, 403, 'a member removes nobody else');
    assert.equal((await member.patch(`${base}/${id}/members/${memberId}`, { role: 'structure_admin' })).status, 403);
    const demoteLast = await admin.patch(`${base}/${id}/members/${adminId}`, { role: 'structure_member' });
    assert.equal(demoteLast.status, 409);
    assert.equal(demoteLast.body.code, 'last_admin');
    assert.equal(
      (await admin.delete(`${base}/${id}/members/${adminId}`)).body.code,
      'last_admin',
      'the last admin cannot leave',
    );

    const promoted = await admin.patch(`${base}/${id}/members/${memberId}`, { role: 'structure_admin' });
    assert.equal(promoted.status, 200);
    assert.equal(promoted.body.role, 'structure_admin');
    assert.equal((await admin.delete(`${base}/${id}/members/${adminId}`)).status, 204, 'now the first admin may leave');
    assert.equal((await admin.get(`${base}/${id}/back-office`)).status, 404);
    assert.equal((await member.delete(`${base}/${id}/members/${memberId}`)).body.code, 'last_admin');
    assert.deepEqual(await auditActions(api.owner, tenant, memberId), ['membership.role_changed']);
    assert.deepEqual(await auditActions(api.owner, tenant, adminId), ['membership.left']);
  });

  it('lets a member leave by themself', async () => {
    const { id } = await structure();
    const u = await makeUser(api.owner);
    const membershipId = await addMembership(api.owner, tenant, u.id, 'structure_member', id);
    const member = await signedIn(api.owner, api.t.http, u);
    assert.equal((await member.delete(`${base}/${id}/members/${membershipId}`)).status, 204);
    assert.deepEqual((await membershipsOf(api.owner, tenant, id)).map((m) => m.user_id).includes(u.id), false);
  });

  describe('invitations', () => {
    it('invites by email: hashed token, 7-day link; listed for admins only; re-inviting replaces', async () => {
      const { id, admin } = await structure();
      const email = `invitee-${Date.now()}@test.local`;
      const res = await admin.post(`${base}/${id}/invitations`, {
        email: email.toUpperCase(),
        role: 'structure_admin',
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.email, email);
      const days = (new Date(res.body.expiresAt as string).getTime() - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7, String(days));
      const [mail] = await emailsTo(api.owner, email);
      assert.ok(mail!.text.includes(`/${tenant.slug}/invitation?jeton=`));
      const token = tokenIn(mail!.text);
      const stored = await inTenantTransaction(api.owner, tenant.id, () =>
        api.owner.query<{ token_hash: string }>(`SELECT token_hash FROM invitation WHERE email = $1`, [email]),
      );
      assert.deepEqual(
        stored.rows.map((r) => r.token_hash),
        [hashToken(token)],
        'only the hash is kept',
      );

      const again = await admin.post(`${base}/${id}/invitations`, { email, role: 'structure_member' });
      assert.equal(again.status, 201);
      const list = await admin.get(`${base}/${id}/members`);
      assert.deepEqual(
        list.body.invitations.map((i: { email: string; role: string }) => [i.email, i.role]),
        [[email, 'structure_member']],
      );
      const member = await clientWithRole(api.owner, api.t.http, tenant, 'structure_member', id);
      assert.deepEqual((await member.get(`${base}/${id}/members`)).body.invitations, []);
      // The first link was replaced.
      const invitee = await newClient(email);
      assert.equal(
        (await invitee.post(`/api/v1/tenants/${tenant.slug}/invitations/accept`, { token })).body.code,
        'invalid_token',
      );
    });

    it('accepts with the invited address only, once; the role is the invited one', async () => {
      const { id, admin } = await structure();
      const email = `colleague-${Date.now()}@test.local`;
      await admin.post(`${base}/${id}/invitations`, { email, role: 'structure_admin' });
      const token = tokenIn((await emailsTo(api.owner, email))[0]!.text);
      const accept = (c: SignedInClient, t = token) =>
        c.post(`/api/v1/tenants/${tenant.slug}/invitations/accept`, { token: t });

      const wrong = await accept(await newClient());
      assert.equal(wrong.status, 403);
      assert.match(wrong.body.message as string, /autre adresse électronique/);

      const invitee = await newClient(email);
      const ok = await accept(invitee);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.role, 'structure_admin');
      assert.equal(ok.body.status, 'active');
      assert.equal((await invitee.get(`${base}/${id}/back-office`)).status, 200);
      assert.ok(
        (await auditActions(api.owner, tenant, ok.body.membershipId as string)).includes(
          'membership.invitation_accepted',
        ),
      );

      const twice = await accept(invitee);
      assert.equal(twice.status, 400);
      assert.deepEqual([twice.body.code, twice.body.parameter], ['invalid_token', 'token']);
      assert.equal((await accept(invitee, 'jeton-inconnu-mais-bien-forme-000000')).body.code, 'invalid_token');
    });

    it('refuses an expired or cancelled invitation', async () => {
      const { id, admin } = await structure();
      const email = `late-${Date.now()}@test.local`;
      const invitee = await newClient(email);
      const created = await admin.post(`${base}/${id}/invitations`, { email, role: 'structure_member' });
      const token = tokenIn((await emailsTo(api.owner, email))[0]!.text);
      await inTenantTransaction(api.owner, tenant.id, () =>
        api.owner.query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
          created.body.id,
        ]),
      );
      const expired = await invitee.post(`/api/v1/tenants/${tenant.slug}/invitations/accept`, { token });
      assert.equal(expired.status, 400);
      assert.equal(expired.body.code, 'invalid_token');

      const second = await admin.post(`${base}/${id}/invitations`, { email, role: 'structure_member' });
      const token2 = tokenIn((await emailsTo(api.owner, email))[1]!.text);
      assert.equal((await admin.delete(`${base}/${id}/invitations/${second.body.id as string}`)).status, 204);
      assert.equal((await admin.delete(`${base}/${id}/invitations/${second.body.id as string}`)).status, 404);
      assert.equal(
        (await invitee.post(`/api/v1/tenants/${tenant.slug}/invitations/accept`, { token: token2 })).body.code,
        'invalid_token',
      );
    });
  });

  it('answers 400 naming the field for bad membership input', async () => {
    const { id, admin } = await structure();
    const someone = await newClient();
    const u = await makeUser(api.owner);
    const mid = await addMembership(api.owner, tenant, u.id, 'structure_member', id);
    const cases: [() => Promise<{ status: number; body: { parameter?: string } }>, string][] = [
      [() => someone.post(`${base}/${id}/join`, { message: 'x'.repeat(1001) }), 'message'],
      [() => someone.post(`${base}/${id}/join`, { message: 42 }), 'message'],
      [() => someone.post(`${base}/pas-un-uuid/join`), 'id'],
      [() => admin.patch(`${base}/${id}/members/${mid}`, { role: 'admin' }), 'role'],
      [() => admin.patch(`${base}/${id}/members/${mid}`, {}), 'role'],
      [() => admin.patch(`${base}/${id}/members/nope`, { role: 'structure_admin' }), 'membershipId'],
      [() => admin.post(`${base}/${id}/members/nope/accept`), 'membershipId'],
      [() => admin.post(`${base}/${id}/members/nope/refuse`), 'membershipId'],
      [() => admin.delete(`${base}/${id}/members/nope`), 'membershipId'],
      [() => admin.post(`${base}/${id}/invitations`, { email: 'pas-une-adresse', role: 'structure_member' }), 'email'],
      [() => admin.post(`${base}/${id}/invitations`, { email: 'a@b.fr', role: 'agent' }), 'role'],
      [() => admin.delete(`${base}/${id}/invitations/nope`), 'invitationId'],
      [() => someone.post(`/api/v1/tenants/${tenant.slug}/invitations/accept`, {}), 'token'],
      [() => someone.post(`/api/v1/tenants/${tenant.slug}/invitations/accept`, { token: 12 }), 'token'],
      [() => someone.post(`/api/v1/tenants/${tenant.slug}/invitations/accept`, { token: 'court' }), 'token'],
    ];
    for (const [call, field] of cases) {
      const res = await call();
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    }
  });
});
