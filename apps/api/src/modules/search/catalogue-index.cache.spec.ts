import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Tenant } from '../../common/tenancy/tenant.js';
import type { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { OffersCatalogue } from '../offers/offers-catalogue.service.js';
import { CatalogueIndexCache } from './catalogue-index.cache.js';
import type { IndexedOffer } from './catalogue-index.js';

const tenant: Tenant = { id: 't1', code: '26', slug: 'drome', name: 'Drôme', bbox: [0, 0, 1, 1] };
const offer = (id: string): IndexedOffer => ({
  id,
  title: id,
  themeIndex: [],
  audiences: [],
  access: 'open',
  modes: [],
  openUntil: null,
  zoneKeys: [],
  titleKey: id,
  places: [],
  lexemes: '',
  lexemesA: '',
  lexemesB: '',
  lexemesC: '',
});

/** A repository whose catalogue and loading speed the test controls. */
function fakeRepository() {
  const state = { version: 1, offers: [offer('a'), offer('b')], loads: 0, gate: null as Promise<void> | null };
  const repository = {
    catalogueVersion: async () => state.version,
    loadIndexedOffers: async () => {
      state.loads++;
      const snapshot = [...state.offers];
      if (state.gate) await state.gate;
      return snapshot;
    },
  } as unknown as OffersCatalogue;
  const transaction = { run: (_: Tenant, work: () => Promise<unknown>) => work() } as unknown as TenantTransaction;
  return { state, cache: new CatalogueIndexCache(repository, transaction) };
}

const release = () => {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  return { gate, open };
};

describe('catalogue index cache', () => {
  it('builds once per version and rebuilds a small tenant before answering after a change', async () => {
    const { state, cache } = fakeRepository();
    assert.equal((await cache.get(tenant)).size, 2);
    assert.equal((await cache.get(tenant)).size, 2);
    assert.equal(state.loads, 1, 'same version: no reload');
    state.offers.push(offer('c'));
    state.version = 2;
    assert.equal((await cache.get(tenant)).size, 3, 'the change is visible at once');
    assert.equal(state.loads, 2);
  });

  it('lets a large tenant’s outdated index answer, without waiting, while its successor is built', async () => {
    const { state, cache } = fakeRepository();
    cache.syncRebuildMaxOffers = 1;
    assert.equal((await cache.get(tenant)).size, 2);
    const { gate, open } = release();
    state.gate = gate;
    state.offers.push(offer('c'));
    state.version = 2;
    // The rebuild is held back by the gate: searches must not wait for it.
    assert.equal((await cache.get(tenant)).size, 2, 'the previous index answers');
    assert.equal((await cache.get(tenant)).size, 2, 'still the previous one, no second rebuild started');
    assert.equal(state.loads, 2, 'one background rebuild for version 2');
    open();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal((await cache.get(tenant)).size, 3, 'the successor replaces it once complete');
  });

  it('forgets an index whose loading failed, so the next search tries again', async () => {
    let fail = true;
    const repository = {
      catalogueVersion: async () => 1,
      loadIndexedOffers: async () => {
        if (fail) throw new Error('database gone');
        return [offer('a')];
      },
    } as unknown as OffersCatalogue;
    const retrying = new CatalogueIndexCache(repository, {
      run: (_: Tenant, w: () => Promise<unknown>) => w(),
    } as unknown as TenantTransaction);
    await assert.rejects(retrying.get(tenant), /database gone/);
    fail = false;
    assert.equal((await retrying.get(tenant)).size, 1);
  });
});
