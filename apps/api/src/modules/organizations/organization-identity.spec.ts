// The identity of a validated structure (name, SIRET, prescriber flag) changes only when an agent
// accepts it: until then the public profile, the search and the members' referent role keep the
// validated values. Everything else a structure admin edits goes live at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { BackOfficeOrganization, Me } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { clientWithRole, makeUser, signedIn, type SignedInClient } from '../../testing/accounts.js';
import { communesOf, freshSiret, makeOffer, type CommunePoint } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import type { TestTenant } from '../../testing/test-database.js';
import { auditActions, emailsTo, organizationInput } from './organizations.test-helpers.js';

describe('identity of a validated structure: reviewed by an agent', () => {
  let api: ApiTest;
  let tenant: TestTenant;
  let communes: CommunePoint[];
  let agent: SignedInClient;
  let base: string;

  before(async () => {
    api = await startApiTest();
    ({ tenant } = api);
    base = `/api/v1/tenants/${tenant.slug}`;
    communes = await communesOf(api.owner, tenant);
    agent = await clientWithRole(api.owner, api.t.http, tenant, 'agent');
  });
  after(() => api.close());

  // Twelve random letters: two of these words are never within the search's typo tolerance of each
  // other (a short random tail could be, and "the new name finds nothing" then found another test's).
  const word = () => `quokka${[...randomBytes(12)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

  /** A structure created by its admin and validated by the agent, with a colleague and a published offer. */
  async function validated(overrides: Record<string, unknown> = {}) {
    const admin = await signedIn(api.owner, api.t.http, await makeUser(api.owner));
    const created = await admin.post(
      `${base}/organizations`,
      organizationInput(communes[0]!, { prescriber: false, ...overrides }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const org = created.body as BackOfficeOrganization;
    assert.equal((await agent.post(`${base}/organizations/${org.id}/validate`)).status, 200);
    const colleague = await clientWithRole(api.owner, api.t.http, tenant, 'structure_member', org.id);
    const offerTitle = `Atelier ${word()}`;
    const offer = await makeOffer(api.owner, tenant, org.id, {
      title: offerTitle,
      organizationName: org.name,
      places: [communes[0]!],
    });
    return { org, admin, colleague, offer, offerTitle };
  }

  const publicProfile = async (id: string) =>
    (await api.t.http.get(`${base}/organizations/${id}`).expect(200)).body as {
      name: string;
      siret: string;
      phone: string;
    };
  const search = async (q: string) =>
    (await api.t.http.get(`${base}/offers`).query({ q }).expect(200)).body as {
      total: number;
      items: { id: string; organization: { name: string } }[];
    };
  const isReferent = async (client: SignedInClient, organizationId: string) =>
    ((await client.get('/api/v1/me').expect(200)).body as Me).memberships.some(
      (m) => m.organizationId === organizationId && m.role === 'referent',
    );

  it('keeps a new name, SIRET and prescriber flag off the public profile, the search and /me until an agent accepts; the phone changes at once', async () => {
    const { org, admin, colleague, offer, offerTitle } = await validated();
    const newWord = word();
    const siret = freshSiret();
    const res = await admin.patch(`${base}/organizations/${org.id}`, {
      name: `Chantier ${newWord}`,
      siret,
      prescriber: true,
      phone: '04 75 99 99 99',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const bo = res.body as BackOfficeOrganization;
    assert.equal(bo.name, org.name, 'the back office still shows the validated name');
    assert.equal(bo.siret, org.siret);
    assert.equal(bo.prescriber, false);
    assert.equal(bo.phone, '04 75 99 99 99', 'a contact field is not reviewed');
    assert.equal(bo.identityChange?.status, 'pending');
    assert.deepEqual(bo.identityChange?.proposed, { name: `Chantier ${newWord}`, siret, prescriber: true });
    assert.deepEqual(bo.identityChange?.previous, { name: org.name, siret: org.siret, prescriber: false });
    assert.equal(bo.identityChange?.requestedBy?.email, admin.user.email);

    const profile = await publicProfile(org.id);
    assert.equal(profile.name, org.name);
    assert.equal(profile.siret, org.siret);
    assert.equal(profile.phone, '04 75 99 99 99');
    assert.equal((await search(newWord)).total, 0, 'the new name finds nothing yet');
    const found = await search(offerTitle);
    assert.equal(found.items.find((i) => i.id === offer)?.organization.name, org.name);
    assert.equal(await isReferent(colleague, org.id), false, 'not a referent before the agent accepts');

    const toAgent = await emailsTo(api.owner, agent.user.email);
    assert.ok(
      toAgent.some(
        (m) =>
          m.subject === `Modification de structure à valider : ${org.name}` &&
          m.text.includes(`/${tenant.slug}/espace/structures/${org.id}`),
      ),
    );
    assert.deepEqual((await auditActions(api.owner, tenant, org.id)).slice(-2), [
      'organization.updated',
      'organization.change_requested',
    ]);

    // The agent sees it in the list of structures with a pending change.
    const list = await agent
      .get(`${base}/organizations?pendingChange=true&q=${encodeURIComponent(org.name)}`)
      .expect(200);
    assert.deepEqual(
      (list.body.items as BackOfficeOrganization[]).map((o) => o.id),
      [org.id],
    );

    const accepted = await agent.post(
      `${base}/organizations/${org.id}/identity-changes/${bo.identityChange!.id}/accept`,
    );
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.name, `Chantier ${newWord}`);
    assert.equal(accepted.body.identityChange.status, 'accepted');
    assert.equal((await publicProfile(org.id)).siret, siret);
    assert.equal((await search(newWord)).items[0]?.id, offer, 'the new name is searchable once accepted');
    assert.equal(await isReferent(colleague, org.id), true, 'the prescriber flag now makes members referents');
    assert.ok(
      (await emailsTo(api.owner, admin.user.email)).some(
        (m) => m.subject === `La modification de votre structure « Chantier ${newWord} » est acceptée`,
      ),
    );
    assert.equal(
      (await agent.get(`${base}/organizations?pendingChange=true&q=${encodeURIComponent(newWord)}`).expect(200)).body
        .total,
      0,
    );
    assert.deepEqual((await auditActions(api.owner, tenant, org.id)).slice(-1), ['organization.change_accepted']);
  });

  it('refused with a reason: nothing changes, the structure reads the reason and is told', async () => {
    const { org, admin, colleague } = await validated();
    const res = await admin.patch(`${base}/organizations/${org.id}`, { prescriber: true });
    const change = (res.body as BackOfficeOrganization).identityChange!;
    const refused = await agent.post(`${base}/organizations/${org.id}/identity-changes/${change.id}/refuse`, {
      reason: '  Aucun référent dans cette structure  ',
    });
    assert.equal(refused.status, 200, JSON.stringify(refused.body));
    const seen = (await admin.get(`${base}/organizations/${org.id}/back-office`).expect(200))
      .body as BackOfficeOrganization;
    assert.equal(seen.prescriber, false);
    assert.equal(seen.identityChange?.status, 'refused');
    assert.equal(seen.identityChange?.reason, 'Aucun référent dans cette structure');
    assert.ok(seen.identityChange?.decidedAt);
    assert.equal(await isReferent(colleague, org.id), false);
    const mail = (await emailsTo(api.owner, admin.user.email)).find(
      (m) => m.subject === `La modification de votre structure « ${org.name} » n’est pas acceptée`,
    );
    assert.ok(mail?.text.includes('Motif : Aucun référent dans cette structure'));
    assert.deepEqual((await auditActions(api.owner, tenant, org.id)).slice(-1), ['organization.change_refused']);
    // Decided: neither accepted nor refused again.
    const again = await agent.post(`${base}/organizations/${org.id}/identity-changes/${change.id}/accept`);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'change_not_pending');
    // A new change may be proposed after a decision.
    assert.equal(
      (await admin.patch(`${base}/organizations/${org.id}`, { prescriber: true })).body.identityChange.status,
      'pending',
    );
  });

  it('holds one pending change at a time: a second one is refused (409), two at once leave one, accept and refuse racing decide once', async () => {
    const { org, admin } = await validated();
    const first = await admin.patch(`${base}/organizations/${org.id}`, { name: 'Premier nom' });
    assert.equal(first.status, 200);
    const second = await admin.patch(`${base}/organizations/${org.id}`, {
      name: 'Second nom',
      phone: '04 75 11 11 11',
    });
    assert.equal(second.status, 409);
    assert.equal(second.body.code, 'identity_change_pending');
    assert.notEqual((await publicProfile(org.id)).phone, '04 75 11 11 11', 'nothing of a refused request is kept');
    // Sending the current (validated) values again is not a change: other fields save.
    const same = await admin.patch(`${base}/organizations/${org.id}`, {
      name: org.name,
      siret: org.siret,
      phone: '04 75 11 11 11',
    });
    assert.equal(same.status, 200, JSON.stringify(same.body));

    const id = (first.body as BackOfficeOrganization).identityChange!.id;
    const race = await Promise.all([
      agent.post(`${base}/organizations/${org.id}/identity-changes/${id}/accept`),
      agent.post(`${base}/organizations/${org.id}/identity-changes/${id}/refuse`, { reason: 'Nom inexact' }),
    ]);
    assert.deepEqual(race.map((r) => r.status).sort(), [200, 409]);

    // Two structure admins proposing at once: exactly one change waits.
    const { org: other, admin: otherAdmin } = await validated();
    const coAdmin = await clientWithRole(api.owner, api.t.http, tenant, 'structure_admin', other.id);
    const both = await Promise.all([
      otherAdmin.patch(`${base}/organizations/${other.id}`, { name: 'Nom A' }),
      coAdmin.patch(`${base}/organizations/${other.id}`, { name: 'Nom B' }),
    ]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
    const pending = await inTenantTransaction(
      api.owner,
      tenant.id,
      async () =>
        (
          await api.owner.query(
            `SELECT count(*)::int AS n FROM organization_change WHERE organization_id = $1 AND status = 'pending'`,
            [other.id],
          )
        ).rows[0].n as number,
    );
    assert.equal(pending, 1);
    // The database itself refuses a second pending change.
    await assert.rejects(
      inTenantTransaction(api.owner, tenant.id, () =>
        api.owner.query(
          `INSERT INTO organization_change (tenant_id, organization_id, proposed, previous) VALUES ($1, $2, '{"name":"X"}', '{}')`,
          [tenant.id, other.id],
        ),
      ),
      /organization_change_one_pending/,
    );
  });

  it('lets a structure admin withdraw its pending change, and nobody else', async () => {
    const { org, admin, colleague } = await validated();
    const change = (
      (await admin.patch(`${base}/organizations/${org.id}`, { siret: freshSiret() })).body as BackOfficeOrganization
    ).identityChange!;
    assert.equal((await colleague.delete(`${base}/organizations/${org.id}/identity-changes/${change.id}`)).status, 403);
    assert.equal((await agent.delete(`${base}/organizations/${org.id}/identity-changes/${change.id}`)).status, 403);
    assert.equal((await admin.delete(`${base}/organizations/${org.id}/identity-changes/${change.id}`)).status, 204);
    const seen = (await admin.get(`${base}/organizations/${org.id}/back-office`).expect(200))
      .body as BackOfficeOrganization;
    assert.equal(seen.identityChange, null);
    assert.equal(seen.siret, org.siret);
    assert.equal(
      (await agent.post(`${base}/organizations/${org.id}/identity-changes/${change.id}/accept`)).status,
      404,
    );
    assert.deepEqual((await auditActions(api.owner, tenant, org.id)).slice(-1), ['organization.change_withdrawn']);
  });

  it('refuses at acceptance a SIRET another structure took meanwhile (409 siret_exists), and a change of another structure (404)', async () => {
    const { org, admin } = await validated();
    const siret = freshSiret();
    const change = ((await admin.patch(`${base}/organizations/${org.id}`, { siret })).body as BackOfficeOrganization)
      .identityChange!;
    const taken = await signedIn(api.owner, api.t.http, await makeUser(api.owner));
    assert.equal((await taken.post(`${base}/organizations`, organizationInput(communes[0]!, { siret }))).status, 201);
    const res = await agent.post(`${base}/organizations/${org.id}/identity-changes/${change.id}/accept`);
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'siret_exists');
    const { org: other } = await validated();
    assert.equal(
      (await agent.post(`${base}/organizations/${other.id}/identity-changes/${change.id}/accept`)).status,
      404,
    );
  });

  it('edits a pending structure’s identity freely, and applies an agent’s own identity edit at once', async () => {
    const admin = await signedIn(api.owner, api.t.http, await makeUser(api.owner));
    const pending = (await admin.post(`${base}/organizations`, organizationInput(communes[0]!)))
      .body as BackOfficeOrganization;
    const renamed = await admin.patch(`${base}/organizations/${pending.id}`, { name: 'Nom corrigé', prescriber: true });
    assert.equal(renamed.body.name, 'Nom corrigé');
    assert.equal(renamed.body.prescriber, true);
    assert.equal(renamed.body.identityChange, null);

    const { org } = await validated();
    const byAgent = await agent.patch(`${base}/organizations/${org.id}`, { name: 'Nommée par le département' });
    assert.equal(byAgent.status, 200);
    assert.equal(byAgent.body.name, 'Nommée par le département');
    assert.equal(byAgent.body.identityChange, null);
    assert.equal((await publicProfile(org.id)).name, 'Nommée par le département');
  });

  it('keeps the decision to the tenant’s agents: a structure admin cannot accept its own change', async () => {
    const { org, admin } = await validated();
    const change = (
      (await admin.patch(`${base}/organizations/${org.id}`, { name: 'Auto-validée' })).body as BackOfficeOrganization
    ).identityChange!;
    assert.equal(
      (await admin.post(`${base}/organizations/${org.id}/identity-changes/${change.id}/accept`)).status,
      403,
    );
    assert.equal(
      (await admin.post(`${base}/organizations/${org.id}/identity-changes/${change.id}/refuse`, { reason: 'Non' }))
        .status,
      403,
    );
    const beneficiary = await clientWithRole(api.owner, api.t.http, tenant, 'beneficiary');
    assert.equal(
      (await beneficiary.post(`${base}/organizations/${org.id}/identity-changes/${change.id}/accept`)).status,
      404,
    );
    assert.equal((await publicProfile(org.id)).name, org.name);
  });

  it('answers 400 naming the field for bad input on the new routes', async () => {
    const { org, admin } = await validated();
    const change = (
      (await admin.patch(`${base}/organizations/${org.id}`, { name: 'Nom à refuser' })).body as BackOfficeOrganization
    ).identityChange!;
    const path = `${base}/organizations/${org.id}/identity-changes`;
    const cases: [() => Promise<{ status: number; body: { parameter?: string } }>, string][] = [
      [() => agent.post(`${path}/${change.id}/refuse`, {}), 'reason'],
      [() => agent.post(`${path}/${change.id}/refuse`, { reason: 'no' }), 'reason'],
      [() => agent.post(`${path}/${change.id}/refuse`, { reason: 'x'.repeat(1001) }), 'reason'],
      [() => agent.post(`${path}/${change.id}/refuse`, { reason: 42 }), 'reason'],
      [() => agent.post(`${path}/${change.id}/refuse`, { reason: 'Motif valable', status: 'accepted' }), 'status'],
      [() => agent.post(`${path}/pas-un-uuid/accept`), 'changeId'],
      [() => agent.post(`${base}/organizations/pas-un-uuid/identity-changes/${change.id}/accept`), 'id'],
      [() => admin.delete(`${path}/123`), 'changeId'],
      [() => agent.get(`${base}/organizations?pendingChange=peut-etre`), 'pendingChange'],
    ];
    for (const [call, field] of cases) {
      const res = await call();
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    }
  });
});
