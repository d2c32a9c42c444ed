import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clearFilters,
  correctedWords,
  EMPTY_SEARCH,
  formatSearch,
  parseSearch,
  toMapQuery,
  toSearchQuery,
  toggleCode,
  updateSearch,
  type SearchState,
} from './search-state.js';

const full: SearchState = {
  q: 'garage solidaire',
  commune: '26362',
  point: null,
  radiusKm: 30,
  themes: ['mobilite', 'numerique'],
  audiences: ['jeunes'],
  access: ['self_registration'],
  modes: ['en-presentiel'],
  hasPlaces: true,
  bbox: [4.8, 44.8, 5.1, 45.05],
  page: 3,
  view: 'carte',
};

describe('search state ⇄ address bar', () => {
  it('round-trips every field through the query string', () => {
    const qs = formatSearch(full);
    assert.equal(
      qs,
      '?q=garage+solidaire&commune=26362&rayon=30&themes=mobilite,numerique&publics=jeunes&acces=self_registration&modes=en-presentiel&places=1&zone=4.8,44.8,5.1,45.05&page=3&vue=carte',
    );
    assert.deepEqual(parseSearch(qs), full);
  });

  it('round-trips "around me" with coordinates rounded to 1e-4°', () => {
    const s = { ...EMPTY_SEARCH, point: { lat: 44.933412, lng: 4.891987 }, radiusKm: 10 };
    const qs = formatSearch(s);
    assert.equal(qs, '?lat=44.9334&lng=4.892&rayon=10');
    assert.deepEqual(parseSearch(qs).point, { lat: 44.9334, lng: 4.892 });
  });

  it('leaves defaults out: an empty search is an empty query string', () => {
    assert.equal(formatSearch(EMPTY_SEARCH), '');
    assert.deepEqual(parseSearch(''), EMPTY_SEARCH);
  });

  it('sorts and de-duplicates lists so one search has one address', () => {
    assert.deepEqual(parseSearch('themes=numerique,mobilite,numerique').themes, ['mobilite', 'numerique']);
    assert.equal(formatSearch({ ...EMPTY_SEARCH, themes: ['b', 'a'] }), '?themes=a,b');
  });

  it('drops values typed wrong by hand instead of failing', () => {
    const s = parseSearch(
      'commune=abc&lat=95&lng=5&rayon=-2&page=zero&zone=1,2,3&themes=Mobilité,ok-code&places=yes&vue=plan',
    );
    assert.equal(s.commune, null);
    assert.equal(s.point, null);
    assert.equal(s.radiusKm, null);
    assert.equal(s.page, 1);
    assert.equal(s.bbox, null);
    assert.deepEqual(s.themes, ['ok-code']);
    assert.equal(s.hasPlaces, false);
    assert.equal(s.view, 'liste');
  });

  it('ignores a radius without a place, and the point when a commune is chosen', () => {
    assert.equal(parseSearch('rayon=10').radiusKm, null);
    const s = parseSearch('commune=2A004&lat=44&lng=5&rayon=5');
    assert.equal(s.commune, '2A004');
    assert.equal(s.point, null);
    assert.equal(s.radiusKm, 5);
  });

  it('caps the text at the API limit and trims it', () => {
    assert.equal(parseSearch(`q=${'a'.repeat(500)}`).q.length, 200);
    assert.equal(parseSearch('q=%20%20fle%20').q, 'fle');
  });

  it('decodes accents and plus signs', () => {
    assert.equal(parseSearch('q=mobilit%C3%A9+solidaire').q, 'mobilité solidaire');
    assert.equal(parseSearch(formatSearch({ ...EMPTY_SEARCH, q: 'aide & accès' })).q, 'aide & accès');
  });

  it('goes back to page 1 when the search changes, not when the page does', () => {
    const s = { ...EMPTY_SEARCH, page: 4 };
    assert.equal(updateSearch(s, { q: 'fle' }).page, 1);
    assert.equal(updateSearch(s, { page: 5 }).page, 5);
  });

  it('clears every filter but keeps the words and the place', () => {
    const cleared = clearFilters(full);
    assert.deepEqual(cleared, {
      ...EMPTY_SEARCH,
      q: full.q,
      commune: full.commune,
      radiusKm: full.radiusKm,
      view: full.view,
    });
  });

  it('toggles a code in a sorted list', () => {
    assert.deepEqual(toggleCode(['b'], 'a'), ['a', 'b']);
    assert.deepEqual(toggleCode(['a', 'b'], 'a'), ['b']);
  });
});

describe('search state → API query', () => {
  it('speaks the API parameter names', () => {
    const p = toSearchQuery(full, 20);
    assert.equal(
      p.toString(),
      'q=garage+solidaire&commune=26362&radiusKm=30&themes=mobilite%2Cnumerique&audiences=jeunes&access=self_registration&modes=en-presentiel&hasPlaces=true&bbox=4.8%2C44.8%2C5.1%2C45.05&page=3&pageSize=20',
    );
  });

  it('gives the map the same filters without paging', () => {
    const map = toMapQuery(full);
    const search = toSearchQuery(full);
    search.delete('page');
    search.delete('pageSize');
    assert.equal(map.toString(), search.toString());
    assert.equal(map.has('page'), false);
  });

  it('sends the point of "around me" and no radius when none was chosen', () => {
    const p = toMapQuery({ ...EMPTY_SEARCH, point: { lat: 45.1, lng: 5.7 } });
    assert.equal(p.toString(), 'lat=45.1&lng=5.7');
  });
});

describe('corrected words', () => {
  it('are the typed words that the corrected query replaced', () => {
    assert.deepEqual(correctedWords('mobilté', 'mobilité'), ['mobilté']);
    assert.deepEqual(correctedWords('Garage  MOBILTÉ !', 'Garage MOBILITÉ !'), ['MOBILTÉ']);
    assert.deepEqual(correctedWords('aide numerik mobilte', 'aide numérique mobilité'), ['numerik', 'mobilte']);
    assert.deepEqual(correctedWords('mobilité', 'mobilité'), []);
  });
});
