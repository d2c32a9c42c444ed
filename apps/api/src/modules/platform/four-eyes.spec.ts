// « Double validation » (four eyes): when the département turns it on, an agent cannot approve
// (validate a structure, accept a structure's identity change, publish an offer or accept its
// revision) what they created or last edited; another agent can. Off by default.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackOfficeOrganization } from '@catalogue/contracts';
import { addMembership, clientWithRole, makeUser, signedIn, type SignedInClient } from '../../testing/accounts.js';
import { makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { offerBody, offersWorld, type OffersWorld } from '../offers/offers.test-helpers.js';
import { organizationInput } from '../organizations/organizations.test-helpers.js';

describe('four eyes (« double validation »)', () => {
  let api: ApiTest;
  let w: OffersWorld;
  /** An agent who is also an admin of structure A: can write offers and approve them. */
  let agentA: SignedInClient;
  let agentB: SignedInClient;
  let departementAdmin: SignedInClient;

  before(async () => {
    api = await startApiTest();
    w = await offersWorld(api);
    agentA = await clientWithRole(api.owner, api.t.http, w.tenant, 'agent');
    await addMembership(api.owner, w.tenant, agentA.user.id, 'structure_admin', w.orgA);
    agentB = w.agent;
    departementAdmin = await clientWithRole(api.owner, api.t.http, w.tenant, 'admin');
  });
  after(() => api.close());

  const setFourEyes = (on: boolean) => departementAdmin.patch(`${w.base}/settings`, { fourEyes: on }).expect(200);
  const orgs = () => `${w.base}/organizations`;

  async function submittedOfferBy(author: SignedInClient): Promise<string> {
    const created = await author.post(`${w.base}/offers`, offerBody(w));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await author.post(`${w.base}/offers/${created.body.id}/submit`)).status, 200);
    return created.body.id as string;
  }

  const assertFourEyes = (res: { status: number; body: { code?: string; message?: string } }) => {
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.code, 'four_eyes');
    assert.match(res.body.message ?? '', /^Double validation : une autre personne/);
  };

  it('is off by default: an agent publishes the offer they wrote and validates the structure they created', async () => {
    const offer = await submittedOfferBy(agentA);
    assert.equal((await agentA.post(`${w.base}/offers/${offer}/publish`)).status, 200);
    const created = await agentA.post(orgs(), organizationInput(w.communes[0]!));
    assert.equal((await agentA.post(`${orgs()}/${created.body.id}/validate`)).status, 200);
  });

  describe('when turned on', () => {
    before(() => setFourEyes(true));
    after(() => setFourEyes(false));

    it('refuses to validate a structure one created or last edited (403 four_eyes), lets another agent validate it and oneself reject', async () => {
      const own = await agentA.post(orgs(), organizationInput(w.communes[0]!));
      assertFourEyes(await agentA.post(`${orgs()}/${own.body.id}/validate`));
      assert.equal((await agentB.post(`${orgs()}/${own.body.id}/validate`)).status, 200);

      const pro = await signedIn(api.owner, api.t.http, await makeUser(api.owner));
      const theirs = await pro.post(orgs(), organizationInput(w.communes[0]!));
      assert.equal(
        (await agentA.patch(`${orgs()}/${theirs.body.id}`, { description: 'Complétée par le département' })).status,
        200,
      );
      assertFourEyes(await agentA.post(`${orgs()}/${theirs.body.id}/validate`));
      assert.equal(
        (await agentA.post(`${orgs()}/${theirs.body.id}/reject`, { reason: 'Doublon d’une structure existante' }))
          .status,
        200,
      );
    });

    it('refuses to publish an offer one created or last edited, and to accept one’s own revision; another agent can', async () => {
      const own = await submittedOfferBy(agentA);
      assertFourEyes(await agentA.post(`${w.base}/offers/${own}/publish`));
      assert.equal(
        (await agentA.post(`${w.base}/offers/${own}/request-changes`, { comment: 'Je corrige moi-même.' })).status,
        200,
        'asking changes is not approving',
      );
      assert.equal((await agentA.post(`${w.base}/offers/${own}/submit`)).status, 200);
      assert.equal((await agentB.post(`${w.base}/offers/${own}/publish`)).status, 200);

      // Written by a member, last edited by agent A: agent A may not publish it.
      const created = await w.member.post(`${w.base}/offers`, offerBody(w));
      assert.equal(
        (await agentA.patch(`${w.base}/offers/${created.body.id}`, { summary: 'Relu et complété' })).status,
        200,
      );
      assert.equal((await w.member.post(`${w.base}/offers/${created.body.id}/submit`)).status, 200);
      assertFourEyes(await agentA.post(`${w.base}/offers/${created.body.id}/publish`));
      assert.equal((await agentB.post(`${w.base}/offers/${created.body.id}/publish`)).status, 200);

      // A revision of a published offer written by agent A.
      assert.equal(
        (await agentA.patch(`${w.base}/offers/${created.body.id}`, { title: 'Titre révisé par A' })).status,
        200,
      );
      assert.equal((await agentA.post(`${w.base}/offers/${created.body.id}/submit`)).status, 200);
      assertFourEyes(await agentA.post(`${w.base}/offers/${created.body.id}/publish`));
      const applied = await agentB.post(`${w.base}/offers/${created.body.id}/publish`);
      assert.equal(applied.status, 200);
      assert.equal(applied.body.title, 'Titre révisé par A');

      // Someone else's offer: agent A publishes it.
      const theirs = await submittedOfferBy(w.member);
      assert.equal((await agentA.post(`${w.base}/offers/${theirs}/publish`)).status, 200);
    });

    it('makes an agent’s own identity edit of a validated structure wait for another agent', async () => {
      const org = await makeOrganization(api.owner, w.tenant);
      const edited = await agentA.patch(`${orgs()}/${org}`, { name: 'Renommée par A' });
      assert.equal(edited.status, 200);
      const change = (edited.body as BackOfficeOrganization).identityChange;
      assert.equal(change?.status, 'pending');
      assert.notEqual(edited.body.name, 'Renommée par A');
      assertFourEyes(await agentA.post(`${orgs()}/${org}/identity-changes/${change!.id}/accept`));
      const accepted = await agentB.post(`${orgs()}/${org}/identity-changes/${change!.id}/accept`);
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body.name, 'Renommée par A');

      // A structure admin's change is not agent A's own: A accepts it.
      const admin = await clientWithRole(api.owner, api.t.http, w.tenant, 'structure_admin', org);
      const proposed = ((await admin.patch(`${orgs()}/${org}`, { prescriber: true })).body as BackOfficeOrganization)
        .identityChange!;
      assert.equal((await agentA.post(`${orgs()}/${org}/identity-changes/${proposed.id}/accept`)).status, 200);
    });
  });
});
