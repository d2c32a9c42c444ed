// The catalogue search as a user meets it, over HTTP against the real app and database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { communesOf, makeOffer, makeOrganization, type CommunePoint } from '../../testing/factories.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';

interface Item {
  id: string;
  title: string;
  distanceKm?: number | null;
  places: { commune: string; lat: number; lng: number }[];
}
interface Page {
  total: number;
  page: number;
  pageSize: number;
  items: Item[];
  facets: Record<'themes' | 'audiences' | 'access' | 'modes' | 'hasPlaces', { code: string; count: number }[]>;
}

/** The smallest box around these points, widened a little: `minLng,minLat,maxLng,maxLat`. */
function box(...points: { lat: number; lng: number }[]): string {
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  return [Math.min(...lngs) - 0.01, Math.min(...lats) - 0.01, Math.max(...lngs) + 0.01, Math.max(...lats) + 0.01].join(
    ',',
  );
}

/** Great-circle distance in km, to check the API's distances independently. */
function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

describe('catalogue search', () => {
  let api: ApiTest;
  let t: ApiTest['t'];
  let owner: pg.Client;
  let tenant: TestTenant;
  let other: TestTenant;
  let big: CommunePoint; // the most populated commune
  let far: CommunePoint; // a commune far from it, in another EPCI
  let near: CommunePoint; // a commune close to `big`
  const ids: Record<string, string> = {};

  const search = async (query: Record<string, string | number | boolean>, slug = tenant.slug): Promise<Page> => {
    const res = await t.http.get(`/api/v1/tenants/${slug}/offers`).query(query);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Page;
  };
  const titles = (p: Page) => p.items.map((i) => i.title);
  /** Published offers of the tenant built below. */
  const TOTAL = 9;

  before(async () => {
    api = await startApiTest();
    ({ t, owner, tenant } = api);
    other = await createTenant(owner);
    const communes = await communesOf(owner, tenant);
    big = communes[0]!;
    far = communes.filter((c) => c.epci !== big.epci).sort((x, y) => haversineKm(big, y) - haversineKm(big, x))[0]!;
    near = communes
      .filter((c) => c.insee !== big.insee && haversineKm(big, c) > 2)
      .sort((x, y) => haversineKm(big, x) - haversineKm(big, y))[0]!;
    const org = await makeOrganization(owner, tenant, { name: 'Association Route Solidaire' });
    const offer = (key: string, o: Parameters<typeof makeOffer>[3]) =>
      makeOffer(owner, tenant, org, { organizationName: 'Association Route Solidaire', ...o }).then(
        (id) => (ids[key] = id),
      );

    await offer('mobility', {
      title: 'Plateforme de mobilité',
      summary: 'Diagnostic mobilité et aide au permis de conduire',
      themes: ['mobilite--preparer-un-permis', 'mobilite--etre-accompagne-dans-son-parcours-mobilite'],
      audiences: ['beneficiaires-des-minimas-sociaux'],
      access: 'self_registration',
      places: [big],
      sessions: [{ startsAt: new Date(Date.now() + 7 * 86_400_000), endsAt: null, capacity: 12, booked: 3 }],
    });
    await offer('garage', {
      title: 'Garage solidaire',
      summary: 'Réparations à prix solidaire pour les allocataires du RSA',
      themes: ['mobilite--entretenir-reparer-son-vehicule'],
      audiences: ['beneficiaires-des-minimas-sociaux'],
      places: [near],
      zoneType: 'communes',
      zoneCodes: [near.insee],
      sessions: [{ startsAt: new Date(Date.now() + 7 * 86_400_000), endsAt: null, capacity: 5, booked: 5 }],
    });
    await offer('digital', {
      title: 'Atelier numérique',
      summary: 'Prendre en main un ordinateur et les démarches en ligne',
      themes: ['numerique--maitriser-les-fondamentaux-du-numerique'],
      audiences: ['tous-publics'],
      access: 'open',
      places: [big],
    });
    await offer('fle', {
      title: 'Cours de français',
      summary: 'FLE pour adultes allophones',
      themes: ['lecture-ecriture-calcul--maitriser-le-francais'],
      audiences: ['personnes-exilees'],
      places: [far],
    });
    await offer('siae', {
      title: 'Chantier maraîchage',
      summary: 'Contrat en SIAE pour reprendre le travail',
      themes: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
      audiences: ['demandeurs-emploi', 'jeunes'],
      places: [far],
    });
    await offer('remote', {
      title: 'Permanence téléphonique mobilité',
      summary: 'Conseil à distance pour trouver une solution de transport',
      themes: ['mobilite--mobilite-douce-partagee-collective'],
      modes: ['a-distance'],
      places: [],
      zoneType: 'communes',
      zoneCodes: [far.insee],
    });
    await offer('bus', {
      title: "Bus de l'emploi itinérant",
      summary: 'Accompagnement vers l’emploi dans les villages',
      themes: ['trouver-un-emploi--faire-des-candidatures-spontanees'],
      places: [big],
      zoneType: 'epci',
      zoneCodes: [far.epci!],
    });
    await offer('vae', {
      title: 'Valider ses acquis',
      summary: 'Préparer une VAE avec une conseillère',
      themes: ['se-former--monter-son-dossier-de-formation'],
      places: [far],
    });
    await offer('ai', {
      title: 'Missions de travail temporaire',
      summary: 'Une association intermédiaire propose des heures de travail',
      themes: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
      places: [far],
    });
    await offer('draft', { title: 'Plateforme mobilité brouillon', status: 'draft', places: [big] });
    await offer('archived', { title: 'Plateforme mobilité archivée', status: 'archived', places: [big] });

    // Same words in another tenant: must never show up here.
    const otherOrg = await makeOrganization(owner, other);
    const [otherCommune] = await communesOf(owner, other);
    await makeOffer(owner, other, otherOrg, { title: 'Plateforme de mobilité voisine', places: [otherCommune!] });
  });

  after(() => api.close());

  it('lists only published offers of the tenant, with total and page', async () => {
    const page = await search({});
    assert.equal(page.total, TOTAL);
    assert.equal(page.page, 1);
    assert.equal(page.pageSize, 20);
    assert.ok(!titles(page).some((x) => /brouillon|archivée|voisine/.test(x)));
    const item = page.items.find((i) => i.id === ids.mobility)!;
    assert.deepEqual(
      Object.keys(item).sort(),
      [
        'access',
        'audiences',
        'hasPlaces',
        'id',
        'modes',
        'organization',
        'places',
        'summary',
        'themes',
        'title',
      ].sort(),
    );
    assert.equal(
      (item as unknown as { organization: { name: string } }).organization.name,
      'Association Route Solidaire',
    );
    assert.deepEqual(item.places, [{ commune: big.name, communeInsee: big.insee, lat: big.lat, lng: big.lng }]);
  });

  it('ignores accents: "mobilite" finds Mobilité', async () => {
    assert.ok(titles(await search({ q: 'mobilite' })).includes('Plateforme de mobilité'));
    assert.ok(titles(await search({ q: 'NUMÉRIQUE' })).includes('Atelier numérique'));
  });

  it('stems French words: "garages" finds the garage, "réparation" finds "Réparations"', async () => {
    assert.deepEqual(titles(await search({ q: 'garages' })), ['Garage solidaire']);
    assert.deepEqual(titles(await search({ q: 'réparation' })), ['Garage solidaire']);
  });

  it('tolerates typos: "mobilté" and "numerik" still find', async () => {
    assert.ok(titles(await search({ q: 'mobilté' })).includes('Plateforme de mobilité'));
    assert.ok(titles(await search({ q: 'numerik' })).includes('Atelier numérique'));
  });

  it('finds the field acronyms as written: RSA, FLE, SIAE', async () => {
    assert.deepEqual(titles(await search({ q: 'RSA' })), ['Garage solidaire']);
    assert.deepEqual(titles(await search({ q: 'fle' })), ['Cours de français']);
    assert.deepEqual(titles(await search({ q: 'SIAE' })), ['Chantier maraîchage']);
  });

  it('matches every word typed, as prefixes', async () => {
    assert.deepEqual(titles(await search({ q: 'plateforme mobi' })), ['Plateforme de mobilité']);
    assert.equal((await search({ q: 'garage numérique' })).total, 0);
  });

  it('finds an offer by its structure name and by the labels of its themes', async () => {
    assert.equal((await search({ q: 'route solidaire' })).total, TOTAL);
    assert.ok(titles(await search({ q: 'permis' })).includes('Plateforme de mobilité'));
  });

  it('answers nothing, not everything, when only stop words are typed', async () => {
    assert.equal((await search({ q: 'de la' })).total, 0);
  });

  it('with a point, returns only offers within the radius, nearest first, with their distance', async () => {
    const radiusKm = Math.ceil(haversineKm(big, near)) + 1;
    const page = await search({ lat: big.lat, lng: big.lng, radiusKm });
    assert.ok(page.total >= 4);
    for (const item of page.items) {
      assert.equal(typeof item.distanceKm, 'number');
      assert.ok(item.distanceKm! <= radiusKm, `${item.title} at ${item.distanceKm} km`);
      const nearest = Math.min(...item.places.map((p) => haversineKm({ lat: big.lat, lng: big.lng }, p)));
      assert.ok(Math.abs(nearest - item.distanceKm!) < 0.3, `${item.title}: ${item.distanceKm} vs ${nearest}`);
    }
    const distances = page.items.map((i) => i.distanceKm!);
    assert.deepEqual(
      distances,
      [...distances].sort((x, y) => x - y),
    );
    assert.ok(!titles(page).includes('Cours de français'), 'an offer placed far away is outside the radius');
    assert.equal(page.items.at(-1)!.title, 'Garage solidaire');
  });

  it('with text and a point, the text ranks the results', async () => {
    const page = await search({ q: 'mobilité', lat: big.lat, lng: big.lng, radiusKm: 200 });
    assert.equal(page.items[0]!.title, 'Plateforme de mobilité');
  });

  it('from a commune, finds offers whose diffusion zone covers it even when placed elsewhere', async () => {
    const page = await search({ commune: far.insee, radiusKm: 1 });
    const found = titles(page);
    assert.ok(found.includes('Permanence téléphonique mobilité'), 'zone by commune, no place');
    assert.ok(found.includes("Bus de l'emploi itinérant"), 'zone by EPCI, placed in another commune');
    assert.ok(found.includes('Cours de français'), 'placed in the commune itself');
    assert.ok(!found.includes('Garage solidaire'), 'zone of another commune');
    const bus = page.items.find((i) => i.title === "Bus de l'emploi itinérant")!;
    assert.ok(bus.distanceKm! > 1, 'the distance stays the real one');
  });

  it('within a map box, keeps the offers having a place inside it, with every other filter', async () => {
    const aroundBig = box(big);
    const atBig = ['Plateforme de mobilité', 'Atelier numérique', "Bus de l'emploi itinérant"].sort();
    assert.deepEqual(titles(await search({ bbox: aroundBig })).sort(), atBig);
    assert.deepEqual(titles(await search({ bbox: box(big, near) })).sort(), [...atBig, 'Garage solidaire'].sort());
    assert.deepEqual(titles(await search({ bbox: aroundBig, q: 'mobilité' })), ['Plateforme de mobilité']);
    assert.deepEqual(titles(await search({ bbox: aroundBig, access: 'open' })), ['Atelier numérique']);
    assert.deepEqual(titles(await search({ bbox: aroundBig, hasPlaces: true })), ['Plateforme de mobilité']);
    // Around a point: the box drops offers found by their zone only (no place), distances stay.
    const around = await search({ commune: far.insee, radiusKm: 1, bbox: box(far) });
    assert.deepEqual(titles(around).sort(), [
      'Chantier maraîchage',
      'Cours de français',
      'Missions de travail temporaire',
      'Valider ses acquis',
    ]);
    for (const item of around.items) assert.equal(item.distanceKm, 0);
    const withBus = await search({ commune: far.insee, radiusKm: 1, bbox: box(far, big) });
    assert.ok(titles(withBus).includes("Bus de l'emploi itinérant"), 'zone match placed inside the box');
    assert.ok(!titles(withBus).includes('Permanence téléphonique mobilité'), 'no place: never inside a box');
    const inRadius = withBus.items.filter((i) => i.distanceKm! <= 1).length;
    assert.equal(inRadius, 4);
    assert.ok(
      withBus.items.slice(inRadius).every((i) => i.distanceKm! > 1),
      'zone-only matches after those within the radius',
    );
    assert.equal((await search({ bbox: '-1,-1,1,1' })).total, 0);
  });

  it('filters by theme category and sub-theme, audience (tous-publics included), access, mode and places', async () => {
    assert.equal((await search({ themes: 'mobilite' })).total, 3);
    assert.equal((await search({ themes: 'mobilite--entretenir-reparer-son-vehicule' })).total, 1);
    assert.deepEqual(titles(await search({ audiences: 'personnes-exilees' })).sort(), [
      'Atelier numérique',
      'Cours de français',
    ]);
    assert.deepEqual(titles(await search({ access: 'open,self_registration' })).sort(), [
      'Atelier numérique',
      'Plateforme de mobilité',
    ]);
    assert.deepEqual(titles(await search({ modes: 'a-distance' })), ['Permanence téléphonique mobilité']);
    assert.deepEqual(
      titles(await search({ hasPlaces: true })),
      ['Plateforme de mobilité'],
      'the full session has no place left',
    );
  });

  it('facet counts equal the totals of the corresponding filtered searches', async () => {
    const bases: Record<string, string | number>[] = [
      {},
      { q: 'mobilité' },
      { lat: big.lat, lng: big.lng, radiusKm: 30 },
      { themes: 'mobilite', access: 'prescription' },
      { bbox: box(big, near) },
    ];
    for (const base of bases) {
      const page = await search(base);
      const checks: [keyof Page['facets'], string][] = [
        ['themes', 'themes'],
        ['audiences', 'audiences'],
        ['access', 'access'],
        ['modes', 'modes'],
        ['hasPlaces', 'hasPlaces'],
      ];
      for (const [facet, param] of checks) {
        for (const { code, count } of page.facets[facet]) {
          const filtered = await search({ ...base, [param]: code });
          assert.equal(filtered.total, count, `${JSON.stringify(base)} ${facet}=${code}`);
        }
      }
    }
  });

  it('pages through results without overlap, and past the end answers an empty page', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => search({ pageSize: 3, page })));
    const all = pages.flatMap((p) => p.items.map((i) => i.id));
    assert.equal(new Set(all).size, TOTAL);
    assert.equal(all.length, TOTAL);
    const beyond = await search({ pageSize: 3, page: 50 });
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, TOTAL);
  });

  it('finds a word while it is being typed, even when its end is not yet a stem', async () => {
    assert.deepEqual(titles(await search({ q: 'réparatio' })), ['Garage solidaire']);
    assert.deepEqual(titles(await search({ q: 'plateform' })), ['Plateforme de mobilité']);
  });

  it('matches short words and acronyms as written, not as the start of longer words', async () => {
    assert.deepEqual(titles(await search({ q: 'VAE' })), ['Valider ses acquis']);
    assert.deepEqual(
      titles(await search({ q: 'AI' })),
      ['Missions de travail temporaire'],
      'AI is also a French stop word',
    );
    assert.equal((await search({ q: 'mob' })).total, 0, 'three letters are a whole word');
  });

  it('ignores stop words, accented or not, and never lets them crowd out the real words', async () => {
    assert.deepEqual(
      titles(await search({ q: 'de la de la de la de la de la mobilité' })),
      titles(await search({ q: 'mobilité' })),
    );
    assert.deepEqual(titles(await search({ q: 'garage étaient' })), ['Garage solidaire']);
    assert.deepEqual(titles(await search({ q: 'garage sommes' })), ['Garage solidaire']);
  });

  it('answers nothing when nothing searchable is typed, and reads full-width letters', async () => {
    for (const q of ['!!!', '’', 'عمل', '🚗']) assert.equal((await search({ q })).total, 0, q);
    assert.deepEqual(titles(await search({ q: 'ｇａｒａｇｅ' })), ['Garage solidaire']);
  });

  it('never shows another tenant’s offers, and an unknown tenant is a 404', async () => {
    const page = await search({ q: 'voisine' });
    assert.equal(page.total, 0);
    const res = await t.http.get('/api/v1/tenants/atlantide/offers');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { statusCode: 404, code: 'not_found', message: 'Département introuvable' });
  });

  it('shows an offer with its organization, places, diffusion zone and sessions with places left', async () => {
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers/${ids.mobility}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.title, 'Plateforme de mobilité');
    assert.equal(res.body.organization.name, 'Association Route Solidaire');
    assert.equal(res.body.places[0].communeInsee, big.insee);
    assert.deepEqual(res.body.diffusionZone, {
      type: 'departement',
      areas: [{ code: tenant.code, name: tenant.name }],
    });
    assert.equal(res.body.sessions.length, 1);
    assert.equal(res.body.sessions[0].capacity, 12);
    assert.equal(res.body.sessions[0].placesLeft, 9);
    assert.equal(res.body.hasPlaces, true);
    const bus = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers/${ids.bus}`);
    assert.equal(bus.body.diffusionZone.type, 'epci');
    assert.equal(bus.body.diffusionZone.areas[0].code, far.epci);
    assert.notEqual(bus.body.diffusionZone.areas[0].name, far.epci, 'the EPCI is named');
  });

  it('an offer of another tenant, a draft and an unknown id all answer the same 404', async () => {
    const [otherOffer] = (await search({}, other.slug)).items;
    const bodies = [];
    for (const id of [otherOffer!.id, ids.draft, ids.archived, '00000000-0000-4000-8000-000000000000']) {
      const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers/${id}`);
      assert.equal(res.status, 404);
      bodies.push(res.body);
    }
    for (const body of bodies)
      assert.deepEqual(body, { statusCode: 404, code: 'not_found', message: 'Offre introuvable' });
  });

  it('shows a structure with its published offers only; another tenant’s structure is a 404', async () => {
    const detail = await t.http.get(`/api/v1/tenants/${tenant.slug}/offers/${ids.mobility}`);
    const orgId = detail.body.organization.id;
    const res = await t.http.get(`/api/v1/tenants/${tenant.slug}/organizations/${orgId}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'Association Route Solidaire');
    assert.equal(res.body.offers.length, TOTAL);
    assert.match(res.body.siret, /^\d{14}$/);
    const elsewhere = await t.http.get(`/api/v1/tenants/${other.slug}/organizations/${orgId}`);
    const unknown = await t.http.get(
      `/api/v1/tenants/${other.slug}/organizations/00000000-0000-4000-8000-000000000000`,
    );
    assert.equal(elsewhere.status, 404);
    assert.deepEqual(elsewhere.body, unknown.body);
  });
});
