import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchRoute, paths } from './routes.js';

describe('web addresses', () => {
  const id = '97f4cf4b-afbc-4893-ba7d-67015c8cdaee';
  it('recognises each page', () => {
    assert.deepEqual(matchRoute('/'), { name: 'home' });
    assert.deepEqual(matchRoute('/drome'), { name: 'search', slug: 'drome' });
    assert.deepEqual(matchRoute('/saone-et-loire/'), { name: 'search', slug: 'saone-et-loire' });
    assert.deepEqual(matchRoute(`/drome/offres/${id.toUpperCase()}`), { name: 'offer', slug: 'drome', id });
    assert.deepEqual(matchRoute(`/isere/structures/${id}`), { name: 'organization', slug: 'isere', id });
  });

  it('sends anything else to "page introuvable"', () => {
    for (const p of ['/Drome', '/drome/offres/42', '/drome/offres', '/a/b/c', '/drome--x', '//']) {
      assert.deepEqual(matchRoute(p), { name: 'not-found' }, p);
    }
  });

  it('builds the addresses it recognises', () => {
    assert.deepEqual(matchRoute(paths.offer('drome', id)), { name: 'offer', slug: 'drome', id });
    assert.deepEqual(matchRoute(paths.organization('drome', id)), { name: 'organization', slug: 'drome', id });
    assert.deepEqual(matchRoute(paths.search('drome', '?q=fle').split('?')[0]!), { name: 'search', slug: 'drome' });
  });
});
