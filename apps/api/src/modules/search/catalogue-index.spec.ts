import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogueIndex, type IndexedOffer, type IndexQuery } from './catalogue-index.js';

const NOW = Date.UTC(2026, 10, 23);
const VALENCE = { lat: 44.9256, lng: 4.90956 };
const ROMANS = { lat: 45.04375, lng: 5.05148 }; // ≈ 17 km from Valence
const DIE = { lat: 44.7536, lng: 5.37033 }; // ≈ 41 km from Valence

function offer(id: string, o: Partial<IndexedOffer> = {}): IndexedOffer {
  return {
    id,
    title: `Titre ${id}`,
    themeIndex: ['mobilite', 'mobilite--preparer-un-permis'],
    audiences: ['jeunes'],
    access: 'prescription',
    modes: ['en-presentiel'],
    openUntil: null,
    zoneKeys: ['d:26'],
    titleKey: id,
    places: [VALENCE],
    lexemes: '',
    lexemesA: '',
    lexemesB: '',
    lexemesC: '',
    ...o,
  };
}

const query = (q: Partial<IndexQuery> = {}): IndexQuery => ({
  text: null,
  point: null,
  zoneKeys: null,
  themes: null,
  audiences: null,
  access: null,
  modes: null,
  hasPlaces: null,
  bbox: null,
  offset: 0,
  limit: 20,
  now: NOW,
  ...q,
});
const ids = (r: { page: { id: string }[] }) => r.page.map((p) => p.id);
const p = (lexeme: string) => ({ lexeme, exact: false });
const x = (lexeme: string) => ({ lexeme, exact: true });

describe('in-memory catalogue index', () => {
  const index = new CatalogueIndex([
    offer('c-permis', { lexemes: 'permis conduir mobilit', lexemesA: 'permis', lexemesC: 'mobilit', places: [ROMANS] }),
    offer('a-garage', {
      lexemes: 'garag solidair mobilit repar',
      lexemesA: 'garag solidair',
      lexemesB: 'repar',
      themeIndex: ['mobilite', 'mobilite--entretenir-reparer-son-vehicule'],
    }),
    offer('b-atelier', {
      lexemes: 'ateli numer mobilit',
      lexemesA: 'ateli numer',
      themeIndex: ['numerique', 'numerique--acceder-a-des-services-en-ligne'],
      audiences: ['tous-publics'],
      access: 'open',
      openUntil: NOW + 86_400_000,
    }),
    offer('d-distance', {
      lexemes: 'conseil mobilit',
      lexemesA: 'conseil',
      places: [],
      modes: ['a-distance'],
      zoneKeys: ['c:26113'],
    }),
    offer('e-die', { lexemes: 'permis', places: [DIE], zoneKeys: ['e:242600252'] }),
  ]);

  it('with no criteria, returns every offer in title order', () => {
    const r = index.search(query());
    assert.equal(r.total, 5);
    assert.deepEqual(ids(r), ['a-garage', 'b-atelier', 'c-permis', 'd-distance', 'e-die']);
  });

  it('knows how many offers contain a lexeme, whether any starts with a prefix, and which have it in their title first', () => {
    assert.equal(index.frequency('mobilit'), 4);
    assert.equal(index.frequency('mobil'), 0, 'exact lexemes only');
    assert.equal(index.hasPrefix('mobil'), true);
    assert.equal(index.hasPrefix('mobilt'), false);
    assert.deepEqual(
      index.offersWith('permis', 5),
      ['c-permis', 'e-die'],
      'title (c-permis) before description (e-die)',
    );
    assert.deepEqual(
      index.offersWith('mobilit', 1),
      ['c-permis'],
      'in its structure and labels, before the descriptions',
    );
    assert.deepEqual(index.offersWith('absent', 3), []);
  });

  it('matches lexeme prefixes, every group required, ranking title matches first', () => {
    assert.deepEqual(ids(index.search(query({ text: [[p('permis')]] }))), ['c-permis', 'e-die']);
    assert.deepEqual(ids(index.search(query({ text: [[p('mobil')]] }))).sort(), [
      'a-garage',
      'b-atelier',
      'c-permis',
      'd-distance',
    ]);
    assert.deepEqual(ids(index.search(query({ text: [[p('garag')], [p('repar')]] }))), ['a-garage']);
    assert.deepEqual(ids(index.search(query({ text: [[p('garag')], [p('numer')]] }))), []);
    assert.deepEqual(
      ids(index.search(query({ text: [[p('zzz'), p('garag')]] }))),
      ['a-garage'],
      'any prefix of a group will do',
    );
  });

  it('matches an exact term only as a whole lexeme', () => {
    assert.deepEqual(ids(index.search(query({ text: [[x('permis')]] }))), ['c-permis', 'e-die']);
    assert.deepEqual(ids(index.search(query({ text: [[x('perm')]] }))), []);
    assert.deepEqual(ids(index.search(query({ text: [[p('perm')]] }))), ['c-permis', 'e-die']);
  });

  it('ranks a title match above a label match', () => {
    const r = index.search(query({ text: [[p('permis'), p('mobilit')]] }));
    assert.equal(r.page[0]!.id, 'c-permis');
    const garage = index.search(query({ text: [[p('garag'), p('conseil')]] }));
    assert.deepEqual(ids(garage), ['a-garage', 'd-distance'], 'equal rank: title order');
  });

  it('keeps offers within the radius, nearest first, with their distance', () => {
    const r = index.search(query({ point: { ...VALENCE, radiusKm: 20 } }));
    assert.deepEqual(ids(r), ['a-garage', 'b-atelier', 'c-permis']);
    assert.equal(r.page[0]!.distanceKm, 0);
    assert.ok(r.page[2]!.distanceKm! > 15 && r.page[2]!.distanceKm! < 20, String(r.page[2]!.distanceKm));
  });

  it('adds offers whose zone covers the commune, after the near ones; remote offers have no distance', () => {
    const r = index.search(query({ point: { ...VALENCE, radiusKm: 5 }, zoneKeys: ['c:26113', 'e:242600252', 'd:38'] }));
    assert.deepEqual(ids(r), ['a-garage', 'b-atelier', 'd-distance', 'e-die']);
    assert.equal(r.page.find((p) => p.id === 'd-distance')!.distanceKm, null);
    assert.ok(r.page.find((p) => p.id === 'e-die')!.distanceKm! > 30);
  });

  it('counts each facet without its own filter, so a count is the total of choosing it', () => {
    const r = index.search(query({ themes: ['numerique'] }));
    assert.equal(r.total, 1);
    assert.equal(r.facets.themes.get('mobilite'), 4, 'theme counts ignore the theme filter');
    assert.equal(r.facets.themes.get('numerique'), 1);
    assert.equal(r.facets.access.get('open'), 1, 'other facets follow the theme filter');
    assert.equal(r.facets.access.get('prescription'), undefined);
    for (const [code, count] of r.facets.themes)
      assert.equal(index.search(query({ themes: [code] })).total, count, code);
    for (const [code, count] of r.facets.access)
      assert.equal(index.search(query({ themes: ['numerique'], access: [code] })).total, count, code);
  });

  it('counts an offer for everyone under every audience, as the filter finds it', () => {
    const r = index.search(query());
    assert.equal(r.facets.audiences.get('jeunes'), 5);
    assert.equal(r.facets.audiences.get('seniors'), 1);
    assert.deepEqual(ids(index.search(query({ audiences: ['seniors'] }))), ['b-atelier']);
  });

  it('knows which offers still have places at the given time', () => {
    assert.deepEqual(ids(index.search(query({ hasPlaces: true }))), ['b-atelier']);
    assert.equal(index.search(query({ hasPlaces: true, now: NOW + 2 * 86_400_000 })).total, 0, 'the session has ended');
    assert.equal(index.search(query({ hasPlaces: false })).total, 4);
  });

  it('pages without overlap', () => {
    const pages = [0, 2, 4].map((offset) => ids(index.search(query({ offset, limit: 2 }))));
    assert.deepEqual(pages.flat(), ids(index.search(query())));
  });

  // [minLng, minLat, maxLng, maxLat] boxes around the test places.
  const AROUND_VALENCE: [number, number, number, number] = [4.85, 44.9, 4.95, 44.95];
  const VALENCE_TO_ROMANS: [number, number, number, number] = [4.85, 44.9, 5.1, 45.1];

  it('keeps, with a box, the offers having a place inside it, never those without a place', () => {
    assert.deepEqual(ids(index.search(query({ bbox: AROUND_VALENCE }))), ['a-garage', 'b-atelier']);
    assert.deepEqual(ids(index.search(query({ bbox: VALENCE_TO_ROMANS }))), ['a-garage', 'b-atelier', 'c-permis']);
    assert.deepEqual(
      ids(index.search(query({ bbox: [VALENCE.lng, VALENCE.lat, VALENCE.lng, VALENCE.lat] }))),
      ['a-garage', 'b-atelier'],
      'edges included',
    );
    assert.equal(index.search(query({ bbox: [0, 0, 1, 1] })).total, 0);
    const zone = query({ point: { ...VALENCE, radiusKm: 5 }, zoneKeys: ['c:26113'], bbox: VALENCE_TO_ROMANS });
    assert.deepEqual(
      ids(index.search(zone)),
      ['a-garage', 'b-atelier'],
      'an offer found by its zone but without a place is left out',
    );
  });

  it('combines the box with text, point and filters, keeping the distance order, and counts facets inside it', () => {
    assert.deepEqual(ids(index.search(query({ bbox: VALENCE_TO_ROMANS, text: [[p('permis')]] }))), ['c-permis']);
    const r = index.search(query({ bbox: VALENCE_TO_ROMANS, point: { ...ROMANS, radiusKm: 50 } }));
    assert.deepEqual(ids(r), ['c-permis', 'a-garage', 'b-atelier']);
    assert.equal(r.page[0]!.distanceKm, 0);
    const f = index.search(query({ bbox: VALENCE_TO_ROMANS, themes: ['numerique'] }));
    assert.equal(f.total, 1);
    assert.equal(f.facets.themes.get('mobilite'), 2, 'the theme facet ignores the theme filter but not the box');
    for (const [code, count] of f.facets.themes)
      assert.equal(index.search(query({ bbox: VALENCE_TO_ROMANS, themes: [code] })).total, count, code);
  });

  it('places every located result on the map, in the search order, at its first place', () => {
    const m = index.map(query(), 100);
    assert.equal(m.total, 5);
    assert.equal(m.located, 4, 'the remote offer has no place');
    assert.deepEqual(
      m.points.map((x) => x.id),
      ids(index.search(query())).filter((id) => id !== 'd-distance'),
    );
    assert.deepEqual(m.points[0], { id: 'a-garage', title: 'Titre a-garage', ...VALENCE });
    const first = index.map(query(), 2);
    assert.deepEqual(first, { total: 5, located: 4, points: m.points.slice(0, 2) }, 'capped, the first ones');
    const near = index.map(query({ point: { ...ROMANS, radiusKm: 20 } }), 100);
    assert.deepEqual(
      near.points.map((x) => x.id),
      ids(index.search(query({ point: { ...ROMANS, radiusKm: 20 } }))),
    );
  });

  it('places an offer with several places at the one nearest the point, or the first inside the box', () => {
    const several = new CatalogueIndex([offer('m', { places: [DIE, VALENCE, ROMANS] })]);
    const at = (q: Partial<IndexQuery>) => {
      const [point] = several.map(query(q), 10).points;
      return point && { lat: point.lat, lng: point.lng };
    };
    assert.deepEqual(at({}), DIE, 'no point, no box: the first place');
    assert.deepEqual(at({ point: { lat: 45.2, lng: 5.05, radiusKm: 100 } }), ROMANS);
    assert.deepEqual(at({ point: { ...VALENCE, radiusKm: 1 } }), VALENCE);
    assert.deepEqual(at({ bbox: VALENCE_TO_ROMANS }), VALENCE, 'the first place inside the box');
    assert.deepEqual(
      at({ bbox: VALENCE_TO_ROMANS, point: { ...DIE, radiusKm: 1 } }),
      ROMANS,
      'the nearest place inside the box, not Die itself',
    );
    assert.equal(at({ bbox: [0, 0, 1, 1] }), undefined);
  });
});
