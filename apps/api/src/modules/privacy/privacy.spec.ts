// A person's rights over their own data, over HTTP against the real app: the JSON copy of their
// account and registrations in every département, and the deletion of their account with the
// registrations kept anonymised for the statistics.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANONYMISED_PERSON, type PersonalDataExport } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { addMembership, clientWithRole, makeUser, signedIn } from '../../testing/accounts.js';
import { communesOf, makeOffer, makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import {
  auditOf,
  makePerson,
  makeRegistration,
  storedPerson,
  storedRegistration,
} from '../registrations/registrations-privacy.test-helpers.js';

describe('my data: export and account deletion', () => {
  let api: ApiTest;
  let other: TestTenant;
  const offers = new Map<string, { id: string; title: string; sessionId: string }>();

  before(async () => {
    api = await startApiTest();
    other = await createTenant(api.owner);
    for (const tenant of [api.tenant, other]) {
      const org = await makeOrganization(api.owner, tenant);
      const [commune] = await communesOf(api.owner, tenant);
      const title = `Atelier vélo ${tenant.code}`;
      const id = await makeOffer(api.owner, tenant, org, {
        title,
        access: 'open',
        places: [commune!],
        sessions: [{ startsAt: new Date('2027-03-01T09:00:00.000Z'), endsAt: null, capacity: 8, booked: 0 }],
      });
      const { rows } = await inTenantTransaction(api.owner, tenant.id, () =>
        api.owner.query<{ id: string }>(`SELECT id FROM offer_session WHERE offer_id = $1 ORDER BY starts_at`, [id]),
      );
      offers.set(tenant.id, { id, title, sessionId: rows[0]!.id });
    }
  });
  after(() => api.close());

  /** A beneficiary of both test départements, registered (by themself) to one session in each. */
  async function beneficiaryWithRegistrations() {
    const user = await makeUser(api.owner, { name: 'Camille Martin' });
    const registrations = new Map<string, { person: string; registration: string }>();
    for (const tenant of [api.tenant, other]) {
      await addMembership(api.owner, tenant, user.id, 'beneficiary');
      const offer = offers.get(tenant.id)!;
      const person = await makePerson(api.owner, tenant, { userId: user.id, email: user.email });
      const registration = await makeRegistration(api.owner, tenant, {
        offerId: offer.id,
        sessionId: offer.sessionId,
        personId: person,
        status: 'cancelled',
      });
      registrations.set(tenant.id, { person, registration });
    }
    return { user, client: await signedIn(api.owner, api.t.http, user), registrations };
  }

  describe('GET /me/export', () => {
    it('downloads a JSON copy of the account and of every registration in every département, nobody else’s', async () => {
      const { user, client, registrations } = await beneficiaryWithRegistrations();
      // Someone else's registration to the same offer, and a prescription of a person without account.
      const stranger = await makePerson(api.owner, api.tenant, { email: 'autre@exemple.fr', firstName: 'Autre' });
      await makeRegistration(api.owner, api.tenant, { offerId: offers.get(api.tenant.id)!.id, personId: stranger });

      const res = await client.get('/api/v1/me/export');
      assert.equal(res.status, 200);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      assert.match(
        res.headers['content-disposition'] as string,
        /^attachment; filename="mes-donnees-catalogue-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      assert.equal(res.headers['cache-control'], 'no-store');
      const data = res.body as PersonalDataExport;
      assert.equal(data.account.email, user.email);
      assert.equal(data.account.name, 'Camille Martin');
      assert.ok(!Number.isNaN(Date.parse(data.account.createdAt)));
      assert.deepEqual(
        data.account.memberships.map((m) => [m.tenant, m.role, m.status]).sort(),
        [
          [api.tenant.slug, 'beneficiary', 'active'],
          [other.slug, 'beneficiary', 'active'],
        ].sort(),
      );
      assert.deepEqual(
        data.registrations.map((r) => r.id).sort(),
        [...registrations.values()].map((r) => r.registration).sort(),
      );
      const here = data.registrations.find((r) => r.tenant === api.tenant.slug)!;
      assert.equal(here.tenantName, api.tenant.name);
      assert.deepEqual(here.offer, { id: offers.get(api.tenant.id)!.id, title: offers.get(api.tenant.id)!.title });
      assert.deepEqual(here.session, {
        id: offers.get(api.tenant.id)!.sessionId,
        startsAt: '2027-03-01T09:00:00.000Z',
        endsAt: null,
      });
      assert.equal(here.status, 'cancelled');
      assert.equal(here.channel, 'self');
      assert.equal(here.message, 'Je suis disponible le matin.');
      assert.deepEqual(
        { ...here.person, createdAt: 'x', lastActivityAt: 'x' },
        {
          firstName: 'Camille',
          lastName: 'Martin',
          email: user.email,
          phone: '06 12 34 56 78',
          communeInsee: null,
          situation: 'rsa',
          ageBand: '26-44',
          sex: 'female',
          createdAt: 'x',
          lastActivityAt: 'x',
        },
      );
      assert.deepEqual(
        here.history.map((e) => [e.event, e.from, e.to, e.actorKind, e.detail]),
        [['created', null, 'cancelled', 'person', 'Demande faite en ligne']],
      );
      assert.ok(!JSON.stringify(data).includes('autre@exemple.fr'), 'nobody else’s data');
    });

    it('gives an account without registrations its account alone', async () => {
      const user = await makeUser(api.owner);
      const res = await (await signedIn(api.owner, api.t.http, user)).get('/api/v1/me/export').expect(200);
      assert.equal((res.body as PersonalDataExport).account.email, user.email);
      assert.deepEqual((res.body as PersonalDataExport).registrations, []);
    });
  });

  describe('DELETE /me', () => {
    it('deletes the account, ends its sessions and keeps its registrations anonymised in every département', async () => {
      const { user, client, registrations } = await beneficiaryWithRegistrations();
      const second = await signedIn(api.owner, api.t.http, user);
      const res = await client.delete('/api/v1/me');
      assert.equal(res.status, 204);
      const cleared = ([res.headers['set-cookie']].flat() as string[]).find((c) => c.startsWith('catalogue_session='));
      assert.match(cleared ?? '', /catalogue_session=;.*Expires=Thu, 01 Jan 1970/, 'the cookie is cleared');
      assert.equal((await client.get('/api/v1/me')).status, 401);
      assert.equal((await second.get('/api/v1/me')).status, 401, 'every session ended');
      assert.equal((await api.owner.query(`SELECT 1 FROM app_user WHERE id = $1`, [user.id])).rowCount, 0);

      for (const tenant of [api.tenant, other]) {
        const { person, registration } = registrations.get(tenant.id)!;
        const p = (await storedPerson(api.owner, tenant, person))!;
        assert.deepEqual(
          { ...p, anonymised_at: Boolean(p.anonymised_at) },
          {
            user_id: null,
            first_name: ANONYMISED_PERSON.firstName,
            last_name: ANONYMISED_PERSON.lastName,
            email: null,
            phone: null,
            phone_key: null,
            commune_insee: null,
            situation: 'rsa',
            age_band: '26-44',
            sex: 'female',
            anonymised_at: true,
          },
        );
        assert.deepEqual(await storedRegistration(api.owner, tenant, registration), {
          status: 'cancelled',
          message: null,
          details: [null],
        });
        const audit = await auditOf(api.owner, tenant, 'account.deleted');
        assert.deepEqual(
          audit.filter((a) => a.actor_id === user.id).map((a) => a.summary),
          ['Compte supprimé par son titulaire ; 1 inscription(s) gardée(s) anonymisée(s) pour les statistiques'],
        );
      }
    });

    it('takes a registration made through the registrations API: exported, then anonymised with its account', async () => {
      const user = await makeUser(api.owner, { name: 'Sacha Bernard' });
      await addMembership(api.owner, api.tenant, user.id, 'beneficiary');
      const client = await signedIn(api.owner, api.t.http, user);
      const offer = offers.get(api.tenant.id)!;
      const made = await client.post(`/api/v1/tenants/${api.tenant.slug}/offers/${offer.id}/registrations`, {
        sessionId: offer.sessionId,
        message: 'Je viens en bus.',
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const exported = (await client.get('/api/v1/me/export').expect(200)).body as PersonalDataExport;
      const mine = exported.registrations.find((r) => r.id === made.body.id);
      assert.ok(mine, 'the registration is in the copy');
      assert.equal(mine.channel, 'self');
      assert.equal(mine.message, 'Je viens en bus.');
      assert.ok(mine.history.length >= 1);

      await client.delete('/api/v1/me').expect(204);
      const { rows } = await inTenantTransaction(api.owner, api.tenant.id, () =>
        api.owner.query<{ person_id: string; status: string }>(
          `SELECT person_id, status FROM registration WHERE id = $1`,
          [made.body.id],
        ),
      );
      assert.equal(rows.length, 1, 'the registration is kept');
      assert.equal(rows[0]!.status, 'cancelled', 'its seat is given back: cancelled as the person');
      const person = (await storedPerson(api.owner, api.tenant, rows[0]!.person_id))!;
      assert.deepEqual(
        [person.first_name, person.last_name, person.email, person.user_id],
        [ANONYMISED_PERSON.firstName, ANONYMISED_PERSON.lastName, null, null],
      );
    });

    it('leaves other people’s registrations as they are', async () => {
      const { client } = await beneficiaryWithRegistrations();
      const stranger = await makePerson(api.owner, api.tenant, { firstName: 'Dominique' });
      await client.delete('/api/v1/me').expect(204);
      assert.equal((await storedPerson(api.owner, api.tenant, stranger))!.first_name, 'Dominique');
    });

    for (const role of ['structure_member', 'agent'] as const) {
      it(`refuses (409) while the account is a ${role}, and changes nothing`, async () => {
        const org = role === 'structure_member' ? await makeOrganization(api.owner, api.tenant) : null;
        const client = await clientWithRole(api.owner, api.t.http, api.tenant, role, org);
        const person = await makePerson(api.owner, api.tenant, { userId: client.user.id });
        const res = await client.delete('/api/v1/me');
        assert.equal(res.status, 409);
        assert.equal(res.body.code, 'professional_account');
        assert.equal((await client.get('/api/v1/me')).status, 200, 'still signed in');
        assert.equal((await storedPerson(api.owner, api.tenant, person))!.first_name, 'Camille');
      });
    }

    it('refuses a platform administrator too', async () => {
      const admin = await signedIn(api.owner, api.t.http, await makeUser(api.owner, { platformAdmin: true }));
      assert.equal((await admin.delete('/api/v1/me')).status, 409);
    });
  });
});
