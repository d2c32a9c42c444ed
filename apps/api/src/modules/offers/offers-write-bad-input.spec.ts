// Every input of the offers' back office refuses bad values with a 400 naming the field, never a 500.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { offerBody, offersWorld, type OffersWorld } from './offers.test-helpers.js';

describe('bad input on the offers back office', () => {
  let api: ApiTest;
  let w: OffersWorld;
  let draft: string;
  let submitted: string;
  let far: { lat: number; lng: number };
  let otherDepartementCommune: string;
  let epci: string;
  before(async () => {
    api = await startApiTest();
    w = await offersWorld(api);
    draft = (await w.member.post(`${w.base}/offers`, offerBody(w))).body.id;
    submitted = (await w.member.post(`${w.base}/offers`, offerBody(w))).body.id;
    await w.member.post(`${w.base}/offers/${submitted}/submit`);
    // A pin about 55 km north of the first commune.
    far = { lat: w.communes[0]!.lat + 0.5, lng: w.communes[0]!.lng };
    const { rows } = await api.owner.query<{ insee: string }>(
      `SELECT insee FROM commune WHERE departement <> $1 LIMIT 1`,
      [w.tenant.code],
    );
    otherDepartementCommune = rows[0]!.insee;
    epci = w.communes.find((c) => c.epci)!.epci!;
  });
  after(() => api.close());

  type Body = ReturnType<typeof offerBody>;
  const place = (o: Partial<Body['places'][number]>) => [{ ...offerBody(w).places[0]!, ...o }];
  const session = (o: Record<string, unknown>) => [{ startsAt: '2026-05-04T09:00:00.000Z', capacity: 5, ...o }];

  // [why, change to a valid creation body, field named in the answer]
  const creations: [string, (b: Body) => object, string][] = [
    ['no title', ({ title: _, ...b }) => b, 'title'],
    ['empty title', (b) => ({ ...b, title: '   ' }), 'title'],
    ['title too long', (b) => ({ ...b, title: 'x'.repeat(201) }), 'title'],
    ['title not a string', (b) => ({ ...b, title: 42 }), 'title'],
    ['summary too long', (b) => ({ ...b, summary: 'x'.repeat(501) }), 'summary'],
    ['no organization', ({ organization: _, ...b }) => b, 'organization'],
    ['organization id not a UUID', (b) => ({ ...b, organization: { id: 'abc' } }), 'organization.id'],
    ['no themes', ({ themes: _, ...b }) => b, 'themes'],
    ['empty themes', (b) => ({ ...b, themes: [] }), 'themes'],
    ['unknown theme', (b) => ({ ...b, themes: ['teleportation'] }), 'themes'],
    ['themes not a list', (b) => ({ ...b, themes: 'mobilite' }), 'themes'],
    ['unknown audience', (b) => ({ ...b, audiences: ['martiens'] }), 'audiences'],
    ['tous-publics with another audience', (b) => ({ ...b, audiences: ['tous-publics', 'jeunes'] }), 'audiences'],
    ['unknown service type', (b) => ({ ...b, serviceTypes: ['teleportation'] }), 'serviceTypes'],
    ['unknown cost', (b) => ({ ...b, cost: 'hors-de-prix' }), 'cost'],
    ['a paid offer without cost details', (b) => ({ ...b, cost: 'payant' }), 'costDetails'],
    ['a paid offer with blank cost details', (b) => ({ ...b, cost: 'payant', costDetails: '  ' }), 'costDetails'],
    ['unknown mode', (b) => ({ ...b, modes: ['hologramme'] }), 'modes'],
    ['no access', ({ access: _, ...b }) => b, 'access'],
    ['unknown access', (b) => ({ ...b, access: 'vip' }), 'access'],
    ['unknown mobilisation mode', (b) => ({ ...b, mobilisationModes: ['pigeon-voyageur'] }), 'mobilisationModes'],
    ['unknown funding', (b) => ({ ...b, funding: ['loto'] }), 'funding'],
    [
      'place in another département',
      (b) => ({ ...b, places: place({ communeInsee: otherDepartementCommune }) }),
      'places.0.communeInsee',
    ],
    [
      'place commune not an INSEE code',
      (b) => ({ ...b, places: place({ communeInsee: 'abc' }) }),
      'places.0.communeInsee',
    ],
    ['place far from its commune', (b) => ({ ...b, places: place({ lat: far.lat, lng: far.lng }) }), 'places.0.lat'],
    [
      'place latitude not a number',
      (b) => ({ ...b, places: place({ lat: 'nord' as unknown as number }) }),
      'places.0.lat',
    ],
    ['place latitude out of range', (b) => ({ ...b, places: place({ lat: 95 }) }), 'places.0.lat'],
    ['place without address', (b) => ({ ...b, places: place({ address: '' }) }), 'places.0.address'],
    ['place with an unknown field', (b) => ({ ...b, places: [{ ...b.places[0]!, altitude: 3 }] }), 'places.0.altitude'],
    ['places not a list', (b) => ({ ...b, places: {} }), 'places'],
    ['no diffusion zone', ({ diffusionZone: _, ...b }) => b, 'diffusionZone'],
    ['unknown zone type', (b) => ({ ...b, diffusionZone: { type: 'planete', areas: [] } }), 'diffusionZone.type'],
    [
      'communes zone without communes',
      (b) => ({ ...b, diffusionZone: { type: 'communes', areas: [] } }),
      'diffusionZone.areas',
    ],
    [
      'zone commune of another département',
      (b) => ({ ...b, diffusionZone: { type: 'communes', areas: [{ code: otherDepartementCommune }] } }),
      'diffusionZone.areas.0.code',
    ],
    [
      'unknown EPCI',
      (b) => ({ ...b, diffusionZone: { type: 'epci', areas: [{ code: epci }, { code: '999999999' }] } }),
      'diffusionZone.areas.1.code',
    ],
    [
      'unknown territory',
      (b) => ({ ...b, diffusionZone: { type: 'territory', areas: [{ code: 'nulle-part' }] } }),
      'diffusionZone.areas.0.code',
    ],
    [
      'whole département with another code',
      (b) => ({ ...b, diffusionZone: { type: 'departement', areas: [{ code: '00' }] } }),
      'diffusionZone.areas.0.code',
    ],
    ['session start not a date', (b) => ({ ...b, sessions: session({ startsAt: 'demain' }) }), 'sessions.0.startsAt'],
    [
      'session start impossible date',
      (b) => ({ ...b, sessions: session({ startsAt: '2026-02-30' }) }),
      'sessions.0.startsAt',
    ],
    [
      'session ends before it starts',
      (b) => ({ ...b, sessions: session({ endsAt: '2026-05-03T09:00:00.000Z' }) }),
      'sessions.0.endsAt',
    ],
    ['session capacity zero', (b) => ({ ...b, sessions: session({ capacity: 0 }) }), 'sessions.0.capacity'],
    ['session capacity too large', (b) => ({ ...b, sessions: session({ capacity: 10_001 }) }), 'sessions.0.capacity'],
    ['session capacity not an integer', (b) => ({ ...b, sessions: session({ capacity: 2.5 }) }), 'sessions.0.capacity'],
    [
      'session id at creation',
      (b) => ({ ...b, sessions: session({ id: '2b1d0cde-1b52-4e3f-9a3c-6f3a1a2b3c4d' }) }),
      'sessions.0.id',
    ],
    ['session id not a UUID', (b) => ({ ...b, sessions: session({ id: 'un' }) }), 'sessions.0.id'],
    ['update frequency of 4 months', (b) => ({ ...b, updateFrequencyMonths: 4 }), 'updateFrequencyMonths'],
    ['update frequency as text', (b) => ({ ...b, updateFrequencyMonths: '6' }), 'updateFrequencyMonths'],
    ['unknown seat allocation', (b) => ({ ...b, seatAllocation: 'first-come' }), 'seatAllocation'],
    ['seat allocation null', (b) => ({ ...b, seatAllocation: null }), 'seatAllocation'],
    ['negative cancellation cut-off', (b) => ({ ...b, cancellationCutoffHours: -1 }), 'cancellationCutoffHours'],
    [
      'cancellation cut-off over 30 days',
      (b) => ({ ...b, cancellationCutoffHours: LIMITS.registration.cutoffHoursMax + 1 }),
      'cancellationCutoffHours',
    ],
    ['cancellation cut-off of 1.5 hours', (b) => ({ ...b, cancellationCutoffHours: 1.5 }), 'cancellationCutoffHours'],
    ['cancellation cut-off as text', (b) => ({ ...b, cancellationCutoffHours: '24' }), 'cancellationCutoffHours'],
    ['contact email', (b) => ({ ...b, contact: { email: 'pas-une-adresse' } }), 'contact.email'],
    ['contact phone', (b) => ({ ...b, contact: { phone: 'appelez-moi' } }), 'contact.phone'],
    ['unknown field', (b) => ({ ...b, priority: 'haute' }), 'priority'],
  ];

  for (const [why, change, field] of creations) {
    it(`POST /offers refuses ${why} (400 naming ${field})`, async () => {
      const res = await w.member.post(`${w.base}/offers`, change(offerBody(w)));
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    });
  }

  it('names a paid offer’s missing cost details like any field error (fields list), and accepts them given', async () => {
    const res = await w.member.post(`${w.base}/offers`, { ...offerBody(w), cost: 'payant', costDetails: null });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.code, 'invalid_parameter');
    assert.deepEqual(
      res.body.fields.map((f: { field: string }) => f.field),
      ['costDetails'],
    );
    const ok = await w.member.post(`${w.base}/offers`, {
      ...offerBody(w),
      cost: 'payant',
      costDetails: '5 € par mois',
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });

  const edits: [string, () => object, string][] = [
    ['a null title', () => ({ title: null }), 'title'],
    ['a null themes list', () => ({ themes: null }), 'themes'],
    ['a paid offer without cost details', () => ({ cost: 'payant' }), 'costDetails'],
    ['another structure', () => ({ organization: { id: w.orgB } }), 'organization.id'],
    [
      'a session of another offer',
      () => ({ sessions: session({ id: '2b1d0cde-1b52-4e3f-9a3c-6f3a1a2b3c4d' }) }),
      'sessions.0.id',
    ],
    ['a place far from its commune', () => ({ places: place({ lat: far.lat, lng: far.lng }) }), 'places.0.lat'],
    ['a null seat allocation', () => ({ seatAllocation: null }), 'seatAllocation'],
    ['a null cancellation cut-off', () => ({ cancellationCutoffHours: null }), 'cancellationCutoffHours'],
    ['an unknown field', () => ({ hidden: true }), 'hidden'],
  ];
  for (const [why, body, field] of edits) {
    it(`PATCH /offers/:id refuses ${why} (400 naming ${field})`, async () => {
      const res = await w.member.patch(`${w.base}/offers/${draft}`, body());
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    });
  }

  const others: [string, () => Promise<{ status: number; body: { parameter?: string } }>, string][] = [
    ['an offer id that is not a UUID', () => w.member.patch(`${w.base}/offers/abc`, { title: 'x' }), 'id'],
    ['a history id that is not a UUID', () => w.member.get(`${w.base}/offers/abc/history`), 'id'],
    ['a structure id that is not a UUID', () => w.member.get(`${w.base}/organizations/abc/offers`), 'id'],
    ['a missing comment', () => w.agent.post(`${w.base}/offers/${submitted}/request-changes`, {}), 'comment'],
    [
      'a too short comment',
      () => w.agent.post(`${w.base}/offers/${submitted}/request-changes`, { comment: ' a ' }),
      'comment',
    ],
    [
      'a too long comment',
      () => w.agent.post(`${w.base}/offers/${submitted}/request-changes`, { comment: 'x'.repeat(2001) }),
      'comment',
    ],
    [
      'a comment not a string',
      () => w.agent.post(`${w.base}/offers/${submitted}/request-changes`, { comment: ['a', 'b', 'c'] }),
      'comment',
    ],
    ['an unknown queue status', () => w.agent.get(`${w.base}/moderation/offers?status=perdu`), 'status'],
    ['an unknown queue kind', () => w.agent.get(`${w.base}/moderation/offers?kind=autre`), 'kind'],
    ['an unknown queue theme', () => w.agent.get(`${w.base}/moderation/offers?theme=teleportation`), 'theme'],
    ['a queue structure not a UUID', () => w.agent.get(`${w.base}/moderation/offers?organization=abc`), 'organization'],
    ['a queue page of zero', () => w.agent.get(`${w.base}/moderation/offers?page=0`), 'page'],
    ['a queue page not a number', () => w.agent.get(`${w.base}/moderation/offers?page=deux`), 'page'],
    ['an unknown queue parameter', () => w.agent.get(`${w.base}/moderation/offers?sort=title`), 'sort'],
  ];
  for (const [why, call, field] of others) {
    it(`refuses ${why} (400 naming ${field})`, async () => {
      const res = await call();
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    });
  }

  it('left the draft and the submitted offer as they were', async () => {
    assert.equal((await w.member.get(`${w.base}/offers/${draft}`)).body.status, 'draft');
    assert.equal((await w.member.get(`${w.base}/offers/${submitted}`)).body.status, 'submitted');
    const history = (await w.member.get(`${w.base}/offers/${draft}/history`)).body as unknown[];
    assert.equal(history.length, 1, 'only its creation');
  });
});
