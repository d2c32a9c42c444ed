import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  outlineBbox,
  bboxContains,
  bboxFromBounds,
  bboxToLatLngBounds,
  clusterLabel,
  clusterSize,
  formatBbox,
  outlineToLatLngs,
  parseBbox,
  pointsBbox,
  radiusBbox,
} from './geometry.js';

const bounds = (w: number, s: number, e: number, n: number) => ({
  getWest: () => w,
  getSouth: () => s,
  getEast: () => e,
  getNorth: () => n,
});

describe('map conversions', () => {
  it('turns the visible map into a bbox rounded outwards, so nothing visible is cut off', () => {
    const b = bboxFromBounds(bounds(4.891234, 44.900009, 4.955551, 44.950001));
    assert.deepEqual(b, [4.8912, 44.9, 4.9556, 44.9501]);
    assert.ok(b[0] <= 4.891234 && b[1] <= 44.900009 && b[2] >= 4.955551 && b[3] >= 44.950001);
  });

  it('clamps a world-wrapped view to valid longitudes and latitudes', () => {
    assert.deepEqual(bboxFromBounds(bounds(-200, -95, 210, 100)), [-180, -90, 180, 90]);
  });

  it('round-trips a bbox through its text form', () => {
    assert.equal(formatBbox([4.8, 44.8, 5.1, 45.05]), '4.8,44.8,5.1,45.05');
    assert.deepEqual(parseBbox('4.8,44.8,5.1,45.05'), [4.8, 44.8, 5.1, 45.05]);
  });

  it('rejects malformed, inverted or out-of-range boxes', () => {
    for (const bad of [
      '',
      '1,2,3',
      '1,2,3,4,5',
      'a,b,c,d',
      '5,44,4,45',
      '4,45,5,44',
      '4,44,5,95',
      '-181,0,0,1',
      '4,,5,45',
    ]) {
      assert.equal(parseBbox(bad), null, bad);
    }
  });

  it('swaps GeoJSON [lng, lat] into Leaflet [lat, lng]', () => {
    assert.deepEqual(bboxToLatLngBounds([4, 44, 5, 45]), [
      [44, 4],
      [45, 5],
    ]);
    const poly = outlineToLatLngs({
      type: 'Polygon',
      coordinates: [
        [
          [4, 44],
          [5, 44],
          [5, 45],
          [4, 44],
        ],
      ],
    });
    assert.deepEqual(poly, [
      [
        [
          [44, 4],
          [44, 5],
          [45, 5],
          [44, 4],
        ],
      ],
    ]);
    const multi = outlineToLatLngs({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [1, 2],
            [3, 4],
            [1, 2],
          ],
        ],
        [
          [
            [5, 6],
            [7, 8],
            [5, 6],
          ],
        ],
      ],
    });
    assert.equal(multi.length, 2);
    assert.deepEqual(multi[1]![0]![1], [8, 7]);
  });

  it('frames an outline by its outer rings', () => {
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [
        [
          [
            [4, 44],
            [5, 44],
            [5, 45],
            [4, 44],
          ],
          [
            [4.2, 44.2],
            [4.3, 44.2],
            [4.2, 44.3],
            [4.2, 44.2],
          ],
        ],
        [
          [
            [5.5, 44.5],
            [6, 44.5],
            [6, 46],
            [5.5, 44.5],
          ],
        ],
      ],
    };
    assert.deepEqual(outlineBbox(multi), [4, 44, 6, 46]);
  });

  it('frames points and radius searches', () => {
    assert.equal(pointsBbox([]), null);
    assert.deepEqual(
      pointsBbox([
        { lat: 45, lng: 5 },
        { lat: 44, lng: 6 },
        { lat: 44.5, lng: 4 },
      ]),
      [4, 44, 6, 45],
    );
    const box = radiusBbox({ lat: 45, lng: 5 }, 11.132);
    assert.ok(Math.abs(box[3] - 45.1) < 1e-9 && Math.abs(box[1] - 44.9) < 1e-9);
    // A degree of longitude is shorter at 45° N, so the box is wider in degrees than tall.
    assert.ok(box[2] - box[0] > box[3] - box[1]);
    assert.ok(bboxContains(box, { lat: 45.05, lng: 5.1 }));
    assert.ok(!bboxContains(box, { lat: 45.2, lng: 5 }));
  });

  it('sizes and labels clusters', () => {
    assert.deepEqual([1, 9, 10, 99, 100, 5000].map(clusterSize), [
      'small',
      'small',
      'medium',
      'medium',
      'large',
      'large',
    ]);
    assert.deepEqual([7, 999, 1000, 1234, 9999, 12345].map(clusterLabel), [
      '7',
      '999',
      '1 k',
      '1,2 k',
      '9,9 k',
      '12 k',
    ]);
  });
});
