// The list beside the coverage map: uncovered communes first, then those whose estimated position
// makes a short distance untrustworthy; the map's band and the distance text say the same.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coverageBand, type CoverageCommune } from '@catalogue/contracts';
import { kmText, leastServedList } from './coverage-view.js';

const commune = (name: string, population: number, o: Partial<CoverageCommune> = {}): CoverageCommune => ({
  insee: name.padEnd(5, '0').slice(0, 5),
  name,
  population,
  lat: 44.7,
  lng: 5.3,
  approximatePosition: false,
  epci: null,
  distanceKm: 2,
  coveredByZone: false,
  nearestOfferId: null,
  nearestOfferTitle: null,
  ...o,
});

describe('least served communes', () => {
  const far = commune('Loin', 300, { distanceKm: 22 });
  const none = commune('Rien', 100, { distanceKm: null });
  const estimated = commune('Estimée', 5000, { approximatePosition: true, distanceKm: 0 });
  const zoned = commune('Zonée', 9000, { approximatePosition: true, distanceKm: 40, coveredByZone: true });
  const near = commune('Proche', 8000, { distanceKm: 3 });
  const estimatedFar = commune('EstiméeLoin', 50, { approximatePosition: true, distanceKm: 31 });

  it('lists the uncovered by population, then the estimated ones out of any zone, never a zone’s or a near one', () => {
    const rows = leastServedList([near, estimated, none, zoned, far, estimatedFar]);
    assert.deepEqual(
      rows.map((r) => [r.name, r.reason]),
      [
        ['Loin', 'uncovered'],
        ['Rien', 'uncovered'],
        ['EstiméeLoin', 'uncovered'],
        ['Estimée', 'uncertain'],
      ],
    );
    assert.equal(leastServedList([near, estimated, far], 1).length, 1);
  });

  it('shows an estimated point’s distance as approximate and paints it apart on the map', () => {
    assert.equal(kmText(estimated), '≈\u202f0 km (position estimée)');
    assert.equal(kmText(far), '22 km');
    assert.equal(kmText(none), 'aucune offre');
    assert.equal(coverageBand(estimated), 'unsure');
    assert.equal(coverageBand(zoned), 'near');
    assert.equal(coverageBand(near), 'near');
    assert.equal(coverageBand(estimatedFar), 'none');
  });
});
