import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Figure } from '@catalogue/contracts';
import {
  chartRows,
  csvHref,
  figureText,
  filtersFromSearch,
  medianText,
  progressOf,
  rateText,
  searchOf,
} from './indicators-view.js';

const f = (value: number | null, hidden = false): Figure => ({ value, hidden, source: 'registrations' });

describe('indicators page helpers', () => {
  it('reads the filters from the address and writes them back, empty ones left out', () => {
    const state = filtersFromSearch('?year=2024&theme=mobilite&territory=200040715&other=1');
    assert.deepEqual(state, { year: 2024, axis: '', fiche: '', theme: 'mobilite', territory: '200040715' });
    assert.equal(searchOf(state), 'year=2024&theme=mobilite&territory=200040715');
    assert.equal(filtersFromSearch('?year=1800').year, null);
    assert.equal(filtersFromSearch('?year=deux').year, null);
    assert.equal(searchOf(filtersFromSearch('')), '');
  });

  it('links each table’s CSV with the page’s filters', () => {
    assert.equal(
      csvHref('drome', 'sessions', filtersFromSearch('?year=2024&axis=a')),
      '/api/v1/tenants/drome/indicators.csv?table=sessions&year=2024&axis=a',
    );
    assert.equal(csvHref('drome', 'plan', filtersFromSearch('')), '/api/v1/tenants/drome/indicators.csv?table=plan');
  });

  it('writes hidden figures « < 5 », unknown ones « — », numbers the French way', () => {
    assert.equal(figureText(f(null, true)), '< 5');
    assert.equal(figureText(f(null)), '—');
    assert.equal(figureText(f(1234.5)), '1\u202f234,5');
    assert.equal(rateText(f(0.4783)), '47,8\u202f%');
    assert.equal(rateText(f(null, true)), '< 5');
    assert.equal(medianText(f(7.5), 'h'), '7,5\u202fh');
    assert.equal(medianText(f(1), 'jours'), '1\u00a0jour');
    assert.equal(medianText(f(19), 'jours'), '19\u00a0jours');
    assert.equal(medianText(f(null, true), 'h'), '< 5');
  });

  it('draws progress capped at 100 % but labels it as it is', () => {
    assert.deepEqual(progressOf(0.45), { width: 45, label: '45\u202f%' });
    assert.deepEqual(progressOf(1.3), { width: 100, label: '130\u202f%' });
    assert.equal(progressOf(null), null);
  });

  it('charts only the shown values and counts those left out', () => {
    const rows = [
      { l: 'A', v: f(12) },
      { l: 'B', v: f(null, true) },
      { l: 'C', v: f(0) },
    ];
    assert.deepEqual(
      chartRows(
        rows,
        (r) => r.v,
        (r) => r.l,
      ),
      { labels: ['A', 'C'], values: [12, 0], left: 1 },
    );
  });
});
