// The retention delay of registered people, against the real database: who is anonymised (no
// activity for the département's delay, nothing still active), what is kept for the statistics,
// the audit line, and two instances running the job at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANONYMISED_PERSON, RETENTION } from '@catalogue/contracts';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { makeOffer, makeOrganization } from '../../testing/factories.js';
import { startApiTest, startTestApp, type ApiTest, type TestApp } from '../../testing/test-app.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import {
  auditOf,
  makePerson,
  makeRegistration,
  storedPerson,
  storedRegistration,
} from './registrations-privacy.test-helpers.js';
import { RegistrationsRetention } from './registrations-retention.job.js';

const MONTH = 31;

describe('retention of registered people', () => {
  let api: ApiTest;
  before(async () => {
    api = await startApiTest();
  });
  after(() => api.close());

  const run = (t: TestApp = api.t) => {
    // Tenants made by the test after the app started: the directory reads them again.
    t.app.get(TenantDirectory).invalidate();
    return t.app.get(RegistrationsRetention).run();
  };

  async function offerOf(tenant: TestTenant): Promise<string> {
    return makeOffer(api.owner, tenant, await makeOrganization(api.owner, tenant), { access: 'open' });
  }

  it('anonymises, after 24 months without activity by default, the people with nothing active; keeps the statistics', async () => {
    const tenant = await createTenant(api.owner);
    const { rows } = await api.owner.query<{ months: number }>(
      `SELECT personal_data_retention_months AS months FROM tenant WHERE id = $1`,
      [tenant.id],
    );
    assert.equal(rows[0]!.months, RETENTION.registrationPersonDefaultMonths);
    const offer = await offerOf(tenant);
    const old = await makePerson(api.owner, tenant, { inactiveDays: 25 * MONTH, communeInsee: null });
    const oldRegistration = await makeRegistration(api.owner, tenant, {
      offerId: offer,
      personId: old,
      status: 'completed',
    });
    const recent = await makePerson(api.owner, tenant, { inactiveDays: 23 * MONTH, firstName: 'Récente' });
    await makeRegistration(api.owner, tenant, { offerId: offer, personId: recent, status: 'completed' });
    const waiting = await makePerson(api.owner, tenant, { inactiveDays: 30 * MONTH, firstName: 'Attend' });
    await makeRegistration(api.owner, tenant, { offerId: offer, personId: waiting, status: 'waitlisted' });

    const done = await run();
    assert.equal(done[tenant.slug], 1);

    const p = (await storedPerson(api.owner, tenant, old))!;
    assert.equal(p.first_name, ANONYMISED_PERSON.firstName);
    assert.equal(p.last_name, ANONYMISED_PERSON.lastName);
    assert.deepEqual([p.email, p.phone, p.phone_key, p.commune_insee, p.user_id], [null, null, null, null, null]);
    assert.ok(p.anonymised_at);
    assert.deepEqual([p.situation, p.age_band, p.sex], ['rsa', '26-44', 'female'], 'the statistics are kept');
    assert.deepEqual(await storedRegistration(api.owner, tenant, oldRegistration), {
      status: 'completed',
      message: null,
      details: [null],
    });
    assert.equal((await storedPerson(api.owner, tenant, recent))!.first_name, 'Récente', 'recent: untouched');
    assert.equal((await storedPerson(api.owner, tenant, waiting))!.first_name, 'Attend', 'still waiting: untouched');

    assert.deepEqual(
      (await auditOf(api.owner, tenant, 'registration.retention')).map((a) => a.summary),
      ['1 personne(s) anonymisée(s) après 24 mois sans activité ; 1 inscription(s) gardée(s) pour les statistiques'],
    );
    // Nothing is due any more: no second line.
    assert.equal((await run())[tenant.slug], undefined);
    assert.equal((await auditOf(api.owner, tenant, 'registration.retention')).length, 1);
  });

  it('follows the département’s own delay', async () => {
    const tenant = await createTenant(api.owner);
    await api.owner.query(`UPDATE tenant SET personal_data_retention_months = 6 WHERE id = $1`, [tenant.id]);
    const offer = await offerOf(tenant);
    const seven = await makePerson(api.owner, tenant, { inactiveDays: 7 * MONTH });
    await makeRegistration(api.owner, tenant, { offerId: offer, personId: seven, status: 'refused' });
    const five = await makePerson(api.owner, tenant, { inactiveDays: 5 * MONTH });
    await makeRegistration(api.owner, tenant, { offerId: offer, personId: five, status: 'refused' });
    await run();
    assert.ok((await storedPerson(api.owner, tenant, seven))!.anonymised_at);
    assert.equal((await storedPerson(api.owner, tenant, five))!.anonymised_at, null);
  });

  it('does each person once when two instances run the job at the same time', async () => {
    const tenant = await createTenant(api.owner);
    const offer = await offerOf(tenant);
    const people: string[] = [];
    for (let i = 0; i < 20; i++) {
      const person = await makePerson(api.owner, tenant, { inactiveDays: 26 * MONTH });
      await makeRegistration(api.owner, tenant, { offerId: offer, personId: person, status: 'attended' });
      people.push(person);
    }
    const second = await startTestApp();
    try {
      const [a, b] = await Promise.all([run(), run(second)]);
      assert.equal((a[tenant.slug] ?? 0) + (b[tenant.slug] ?? 0), 20, 'each person counted once');
    } finally {
      await second.close();
    }
    for (const person of people) assert.ok((await storedPerson(api.owner, tenant, person))!.anonymised_at);
    const lines = await auditOf(api.owner, tenant, 'registration.retention');
    const counted = lines.map((l) => Number(/^(\d+) personne/.exec(l.summary)![1]));
    assert.equal(
      counted.reduce((x, y) => x + y, 0),
      20,
      'the audit lines add up to the people anonymised',
    );
  });
});
