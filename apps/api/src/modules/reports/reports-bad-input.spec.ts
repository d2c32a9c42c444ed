// Every input of the report routes refuses bad values with a 400 naming the field, never a 500.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT_LIMITS } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { reportsWorld, type ReportsWorld } from './reports.test-helpers.js';

describe('bad input on the execution report', () => {
  let api: ApiTest;
  let w: ReportsWorld;
  before(async () => {
    api = await startApiTest();
    w = await reportsWorld(api, 2026);
  });
  after(() => api.close());

  for (const [why, query] of [
    ['a year as text', 'year=deux-mille'],
    ['a year too early', 'year=1989'],
    ['a year too late', 'year=2101'],
    ['a decimal year', 'year=2026.5'],
  ] as const)
    for (const suffix of ['', '.pdf', '.xlsx'])
      it(`GET execution${suffix}: ${why} → 400 naming year`, async () => {
        const res = await w.agent.get(`${w.base}/reports/execution${suffix}?${query}`);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.equal(res.body.parameter, 'year');
      });

  const put = (year: string, body: object, fiche = w.fiche('1').id) =>
    w.agent.put(`${w.base}/reports/execution/${year}/fiches/${fiche}`, body);

  it('a year in the path that is not one → 400 naming year', async () => {
    for (const year of ['abc', '1989', '2101']) {
      const res = await put(year, { progress: 'x' });
      assert.equal(res.status, 400, `${year}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.parameter, 'year');
    }
  });

  it('a fiche id that is not a UUID → 400 naming ficheId', async () => {
    const res = await put('2026', { progress: 'x' }, 'fiche-1');
    assert.equal(res.status, 400);
    assert.equal(res.body.parameter, 'ficheId');
  });

  const manual = () => w.fiche('1').indicators[0]!.id;
  const bodies: [string, () => object, string][] = [
    ['progress as a number', () => ({ progress: 12 }), 'progress'],
    ['progress too long', () => ({ progress: 'x'.repeat(REPORT_LIMITS.progress + 1) }), 'progress'],
    ['voted as text', () => ({ voted: '12 000' }), 'voted'],
    ['voted negative', () => ({ voted: -1 }), 'voted'],
    ['voted with three decimals', () => ({ voted: 1.234 }), 'voted'],
    ['voted too large', () => ({ voted: REPORT_LIMITS.votedMax + 1 }), 'voted'],
    ['values not a list', () => ({ values: { a: 1 } }), 'values'],
    [
      'too many values',
      () => ({ values: Array.from({ length: 31 }, () => ({ indicatorId: manual(), value: 1 })) }),
      'values',
    ],
    ['a value without indicator', () => ({ values: [{ value: 1 }] }), 'values.0.indicatorId'],
    ['an indicator id not a UUID', () => ({ values: [{ indicatorId: 'x', value: 1 }] }), 'values.0.indicatorId'],
    ['a value as text', () => ({ values: [{ indicatorId: manual(), value: 'huit' }] }), 'values.0.value'],
    ['a value too large', () => ({ values: [{ indicatorId: manual(), value: 1e13 }] }), 'values.0.value'],
    [
      'a note too long',
      () => ({ values: [{ indicatorId: manual(), value: 1, note: 'x'.repeat(1001) }] }),
      'values.0.note',
    ],
    [
      'the same indicator twice',
      () => ({
        values: [
          { indicatorId: manual(), value: 1 },
          { indicatorId: manual(), value: 2 },
        ],
      }),
      'values.1.indicatorId',
    ],
  ];
  for (const [why, body, field] of bodies)
    it(`PUT a fiche’s year: ${why} → 400 naming ${field}`, async () => {
      const res = await put('2026', body());
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field);
    });
});
