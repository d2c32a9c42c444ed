// The results map over HTTP: the same results as the search, one point per located offer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { communesOf, makeOffer, makeOrganization, type CommunePoint } from '../../testing/factories.js';
import type { TestTenant } from '../../testing/test-database.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';

interface MapResult {
  total: number;
  located: number;
  truncated: boolean;
  items: { id: string; title: string; lat: number; lng: number }[];
}
interface SearchPage {
  total: number;
  items: { id: string; places: { lat: number; lng: number }[] }[];
}

/** `minLng,minLat,maxLng,maxLat` around a point, ± 0.01°. */
const box = (p: { lat: number; lng: number }) => [p.lng - 0.01, p.lat - 0.01, p.lng + 0.01, p.lat + 0.01].join(',');
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

describe('results map', () => {
  let api: ApiTest;
  let t: ApiTest['t'];
  let owner: pg.Client;
  let tenant: TestTenant;
  let a: CommunePoint; // the most populated commune
  let b: CommunePoint; // the farthest from it
  let c: CommunePoint;
  const ids: Record<string, string> = {};

  const get = async <T>(path: string, query: Record<string, string | number | boolean>): Promise<T> => {
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers${path}`).query(query);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as T;
  };
  const map = (query: Record<string, string | number | boolean>) => get<MapResult>('/map', query);
  const search = (query: Record<string, string | number | boolean>) => get<SearchPage>('', { ...query, pageSize: 100 });

  before(async () => {
    api = await startApiTest();
    ({ t, owner, tenant } = api);
    const communes = await communesOf(owner, tenant);
    a = communes[0]!;
    const dist = (p: CommunePoint) => Math.hypot(p.lat - a.lat, (p.lng - a.lng) * Math.cos((a.lat * Math.PI) / 180));
    b = [...communes].sort((x, y) => dist(y) - dist(x))[0]!;
    c = communes.find((x) => x !== a && x !== b && dist(x) > 0.1 && Math.abs(x.lat - b.lat) > 0.1)!;
    const org = await makeOrganization(owner, tenant);
    const offer = (key: string, o: Parameters<typeof makeOffer>[3]) =>
      makeOffer(owner, tenant, org, o).then((id) => (ids[key] = id));
    await offer('two', {
      title: 'Atelier mobilité à deux lieux',
      themes: ['mobilite--preparer-un-permis'],
      places: [a, b],
    });
    await offer('atA', {
      title: 'Atelier numérique',
      themes: ['numerique--maitriser-les-fondamentaux-du-numerique'],
      places: [a],
    });
    await offer('atB', {
      title: 'Garage solidaire',
      themes: ['mobilite--entretenir-reparer-son-vehicule'],
      places: [b],
    });
    await offer('atC', { title: 'Cours de français', access: 'open', places: [c] });
    await offer('none', {
      title: 'Permanence téléphonique mobilité',
      themes: ['mobilite--preparer-un-permis'],
      modes: ['a-distance'],
      places: [],
    });
    await offer('zoneB', { title: 'Conseil à distance', zoneType: 'communes', zoneCodes: [b.insee], places: [] });
    await offer('draft', { title: 'Atelier brouillon', status: 'draft', places: [a] });
  });
  after(() => api.close());

  it('gives the search’s total and one point per located result, in the search’s order', async () => {
    const combos: Record<string, string | number | boolean>[] = [
      {},
      { q: 'atelier' },
      { q: 'mobilité' },
      { themes: 'mobilite' },
      { access: 'open' },
      { modes: 'a-distance' },
      { hasPlaces: false },
      { lat: b.lat, lng: b.lng, radiusKm: 5 },
      { commune: b.insee, radiusKm: 1 },
      { commune: b.insee, radiusKm: 1, themes: 'mobilite' },
      { bbox: box(a) },
      { bbox: box(a), q: 'atelier' },
      { bbox: box(b), lat: a.lat, lng: a.lng, radiusKm: 200 },
      { q: 'de la' },
      { q: 'introuvable' },
    ];
    for (const query of combos) {
      const label = JSON.stringify(query);
      const [m, s] = await Promise.all([map(query), search(query)]);
      assert.equal(m.total, s.total, label);
      const withoutPlace = s.items.filter((i) => i.places.length === 0).length;
      assert.equal(m.located + withoutPlace, m.total, label);
      assert.equal(m.items.length, m.located, label);
      assert.equal(m.truncated, false, label);
      const located = s.items.filter((i) => i.places.length > 0).map((i) => i.id);
      assert.deepEqual(
        m.items.map((i) => i.id),
        located,
        `${label}: the search’s ids, in its order`,
      );
    }
  });

  it('answers id, title and a place of the offer, to 5 decimals; never a draft', async () => {
    const m = await map({});
    assert.equal(m.total, 6);
    assert.equal(m.located, 4);
    const two = m.items.find((i) => i.id === ids.two)!;
    assert.deepEqual(
      two,
      { id: ids.two, title: 'Atelier mobilité à deux lieux', lat: round5(a.lat), lng: round5(a.lng) },
      'no point: its first place',
    );
    for (const item of m.items) {
      assert.deepEqual(Object.keys(item).sort(), ['id', 'lat', 'lng', 'title']);
      assert.equal(item.lat, round5(item.lat));
      assert.equal(item.lng, round5(item.lng));
    }
    assert.ok(!m.items.some((i) => i.id === ids.draft));
  });

  it('places an offer at its place nearest the search point, or at its place inside the box', async () => {
    const at = (m: MapResult) => {
      const item = m.items.find((i) => i.id === ids.two)!;
      return { lat: item.lat, lng: item.lng };
    };
    const atB = { lat: round5(b.lat), lng: round5(b.lng) };
    const atA = { lat: round5(a.lat), lng: round5(a.lng) };
    assert.deepEqual(at(await map({ lat: b.lat, lng: b.lng, radiusKm: 5 })), atB);
    assert.deepEqual(at(await map({ commune: b.insee })), atB);
    assert.deepEqual(at(await map({ lat: a.lat, lng: a.lng })), atA);
    assert.deepEqual(at(await map({ bbox: box(b) })), atB, 'the first place inside the box');
    assert.deepEqual(
      at(await map({ bbox: box(b), lat: a.lat, lng: a.lng, radiusKm: 200 })),
      atB,
      'inside the box even if another is nearer',
    );
  });

  it('keeps every point inside the box', async () => {
    const [minLng, minLat, maxLng, maxLat] = box(a).split(',').map(Number) as [number, number, number, number];
    const m = await map({ bbox: box(a) });
    assert.deepEqual(m.items.map((i) => i.id).sort(), [ids.two, ids.atA].sort());
    for (const i of m.items)
      assert.ok(i.lng >= minLng && i.lng <= maxLng && i.lat >= minLat && i.lat <= maxLat, JSON.stringify(i));
    assert.equal(m.total, m.located, 'with a box every result has a place');
  });

  it('takes blank parameters as absent', async () => {
    const all = await map({});
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers/map?q=&bbox=&lat=&lng=&themes=`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, all);
  });

  it('answers the usual 404 for an unknown tenant', async () => {
    const res = await t.http.get('/api/v1/tenants/atlantide/offers/map');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { statusCode: 404, code: 'not_found', message: 'Département introuvable' });
  });
});
