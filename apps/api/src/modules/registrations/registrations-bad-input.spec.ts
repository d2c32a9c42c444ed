// Every input of registrations refuses bad values with a 400 naming the field, never a 500 (the
// hostile-input spec covers encodings and odd JSON on every route; here, the values).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { consent, personBody, registrationsWorld, type RegistrationsWorld } from './registrations.test-helpers.js';

describe('bad input on registrations', () => {
  let api: ApiTest;
  let w: RegistrationsWorld;
  let offer: { id: string; sessions: string[] };
  let pending: string;
  let otherDepartementCommune: string;
  before(async () => {
    api = await startApiTest();
    w = await registrationsWorld(api);
    offer = await w.offer({ capacities: [5], seatAllocation: 'review' });
    const ben = await w.beneficiary();
    pending = (await ben.post(`${w.base}/offers/${offer.id}/registrations`, { sessionId: offer.sessions[0] })).body.id;
    const { rows } = await api.owner.query<{ insee: string }>(
      `SELECT insee FROM commune WHERE departement <> $1 LIMIT 1`,
      [w.tenant.code],
    );
    otherDepartementCommune = rows[0]!.insee;
  });
  after(() => api.close());

  type Person = ReturnType<typeof personBody>;
  const prescription = (person: object, extra: object = {}) => ({
    sessionId: offer.sessions[0],
    person,
    consent,
    ...extra,
  });
  // [why, body, field named in the answer]
  const prescriptions: [string, () => object, string][] = [
    ['no consent', () => ({ sessionId: offer.sessions[0], person: personBody(w) }), 'consent'],
    [
      'consent not obtained',
      () => prescription(personBody(w), { consent: { obtained: false, how: 'oral' } }),
      'consent',
    ],
    [
      'consent as text',
      () => prescription(personBody(w), { consent: { obtained: 'yes', how: 'oral' } }),
      'consent.obtained',
    ],
    [
      'unknown consent method',
      () => prescription(personBody(w), { consent: { obtained: true, how: 'telepathy' } }),
      'consent.how',
    ],
    ['no first name', () => prescription({ ...personBody(w), firstName: undefined }), 'person.firstName'],
    ['blank last name', () => prescription({ ...personBody(w), lastName: '   ' }), 'person.lastName'],
    ['first name too long', () => prescription({ ...personBody(w), firstName: 'x'.repeat(101) }), 'person.firstName'],
    ['neither email nor phone', () => prescription({ ...personBody(w), email: null }), 'person.email'],
    ['a bad email', () => prescription({ ...personBody(w), email: 'pas-une-adresse' }), 'person.email'],
    ['a bad phone', () => prescription({ ...personBody(w), phone: 'zéro six' }), 'person.phone'],
    [
      'a commune of another département',
      () => prescription({ ...personBody(w), communeInsee: otherDepartementCommune }),
      'person.communeInsee',
    ],
    [
      'a commune code that is not one',
      () => prescription({ ...personBody(w), communeInsee: '2600' }),
      'person.communeInsee',
    ],
    [
      'an unknown situation',
      () => prescription({ ...personBody(w), situation: 'student' } as Person),
      'person.situation',
    ],
    ['an unknown age band', () => prescription({ ...personBody(w), ageBand: '18-25' } as Person), 'person.ageBand'],
    ['an unknown sex', () => prescription({ ...personBody(w), sex: 'x' } as Person), 'person.sex'],
    [
      'a birth date (not collected)',
      () => prescription({ ...personBody(w), birthDate: '1990-01-01' }),
      'person.birthDate',
    ],
    [
      'a social security number (not collected)',
      () => prescription({ ...personBody(w), nir: '1900175123456' }),
      'person.nir',
    ],
    ['a message too long', () => prescription(personBody(w), { message: 'x'.repeat(2001) }), 'message'],
    ['a session id that is no UUID', () => prescription(personBody(w), { sessionId: '42' }), 'sessionId'],
    ['a person as a list', () => prescription([personBody(w)]), 'person'],
  ];
  for (const [why, body, field] of prescriptions)
    it(`prescription with ${why}: 400 naming ${field}`, async () => {
      const res = await w.referent.post(`${w.base}/offers/${offer.id}/registrations`, body());
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    });

  it('a beneficiary may not send a consent (it is for referents)', async () => {
    const res = await (
      await w.beneficiary()
    ).post(`${w.base}/offers/${offer.id}/registrations`, {
      sessionId: offer.sessions[0],
      consent,
    });
    assert.equal(res.body.parameter, 'consent');
  });

  const decisions: [string, string, object, string][] = [
    ['refuse without reason', '/refuse', {}, 'reason'],
    ['refuse with an unknown reason', '/refuse', { reason: 'bored' }, 'reason'],
    ['refuse « autre » without message', '/refuse', { reason: 'other' }, 'message'],
    ['refuse with a message too long', '/refuse', { reason: 'other', message: 'x'.repeat(1001) }, 'message'],
    ['cancel by the structure without reason', '/cancel', {}, 'reason'],
    ['attendance with an unknown value', '/attendance', { value: 'late' }, 'value'],
    ['attendance with a session id that is no UUID', '/attendance', { value: 'present', sessionId: 'x' }, 'sessionId'],
    ['outcome with an unknown status', '/outcome', { status: 'done', outcome: 'employment' }, 'status'],
    ['outcome with an unknown outcome', '/outcome', { status: 'completed', outcome: 'lottery' }, 'outcome'],
  ];
  for (const [why, action, body, field] of decisions)
    it(`${why}: 400 naming ${field}`, async () => {
      const res = await w.member.post(`${w.base}/registrations/${pending}${action}`, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field);
    });

  const capacities: [string, unknown][] = [
    ['zero', 0],
    ['negative', -3],
    ['a fraction', 2.5],
    ['huge', 10_000_001],
    ['text', 'dix'],
  ];
  for (const [why, capacity] of capacities)
    it(`a capacity that is ${why}: 400 naming capacity`, async () => {
      const res = await w.member.post(`${w.base}/offers/${offer.id}/sessions/${offer.sessions[0]}/capacity`, {
        capacity,
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.parameter, 'capacity');
    });

  const queries: [string, string, string][] = [
    ['an unknown view', 'view=all', 'view'],
    ['an unknown status', 'view=mine&status=pending,lost', 'status'],
    ['a page that is no number', 'view=mine&page=deux', 'page'],
    ['a page of zero', 'view=mine&page=0', 'page'],
    ['an offer id that is no UUID', 'view=mine&offerId=1', 'offerId'],
    ['a search too long', `view=mine&q=${'a'.repeat(101)}`, 'q'],
  ];
  for (const [why, query, field] of queries)
    it(`a list with ${why}: 400 naming ${field}`, async () => {
      const res = await w.member.get(`${w.base}/registrations?${query}`);
      assert.equal(res.status, 400);
      assert.equal(res.body.parameter, field);
    });

  it('notification settings take booleans only', async () => {
    const res = await w.member.put(`${w.base}/organizations/${w.org}/registration-notifications`, {
      cancellation: 'non',
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.parameter, 'cancellation');
  });
});
