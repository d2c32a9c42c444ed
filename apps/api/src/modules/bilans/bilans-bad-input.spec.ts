// Every input of bilans refuses bad values with a 400 naming the field, never a 500 (the
// hostile-input spec covers encodings and odd JSON on every route; here, the values).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { bilansWorld, type BilansWorld } from './bilans.test-helpers.js';

describe('bad input on bilans', () => {
  let api: ApiTest;
  let w: BilansWorld;
  let id: string;
  let offerId: string;
  let version: number;
  before(async () => {
    api = await startApiTest();
    w = await bilansWorld(api);
    offerId = await w.offer();
    id = await w.bilan('open', { offerId });
    version = (await w.member.get(`${w.base}/bilans/${id}`)).body.version;
  });
  after(() => api.close());

  const line = (o: object = {}) => ({ label: 'Salaires', planned: 1000, spent: 900, ...o });
  const indicator = (o: object = {}) => ({ indicatorId: null, label: 'Sorties', value: 3, comment: '', ...o });
  // [why, body, field named in the answer]
  const patches: [string, () => object, string][] = [
    ['no version', () => ({ outlook: 'x' }), 'version'],
    ['a version as text', () => ({ version: 'un' }), 'version'],
    ['a version too large', () => ({ version: 1e12 }), 'version'],
    ['an unknown field', () => ({ version, computed: {} }), 'computed'],
    ['declared values as a list', () => ({ version, declared: [1] }), 'declared'],
    ['declared values as text', () => ({ version, declared: 'beaucoup' }), 'declared'],
    ['an unknown figure', () => ({ version, declared: { volunteers: { value: 3 } } }), 'declared.volunteers'],
    ['a figure as a bare number', () => ({ version, declared: { registered: 3 } }), 'declared.registered'],
    [
      'a figure without value',
      () => ({ version, declared: { registered: { justification: 'x' } } }),
      'declared.registered.value',
    ],
    [
      'an unknown key in a figure',
      () => ({ version, declared: { registered: { value: 0, source: 'x' } } }),
      'declared.registered.source',
    ],
    [
      'a declared value as text',
      () => ({ version, declared: { registered: { value: '3' } } }),
      'declared.registered.value',
    ],
    [
      'a negative count',
      () => ({ version, declared: { registered: { value: -1, justification: 'x' } } }),
      'declared.registered.value',
    ],
    [
      'a count with decimals',
      () => ({ version, declared: { registered: { value: 2.5, justification: 'x' } } }),
      'declared.registered.value',
    ],
    [
      'a huge count',
      () => ({ version, declared: { registered: { value: 1e300, justification: 'x' } } }),
      'declared.registered.value',
    ],
    [
      'a fill rate over 100',
      () => ({ version, declared: { fill_rate: { value: 100.5, justification: 'x' } } }),
      'declared.fill_rate.value',
    ],
    [
      'a differing value without justification',
      () => ({ version, declared: { registered: { value: 4 } } }),
      'declared.registered.justification',
    ],
    [
      'a justification as a number',
      () => ({ version, declared: { registered: { value: 4, justification: 12 } } }),
      'declared.registered.justification',
    ],
    [
      'a justification too long',
      () => ({ version, declared: { registered: { value: 4, justification: 'x'.repeat(1001) } } }),
      'declared.registered.justification',
    ],
    ['indicators as an object', () => ({ version, indicators: { a: 1 } }), 'indicators'],
    [
      'too many indicators',
      () => ({ version, indicators: Array.from({ length: 101 }, () => indicator()) }),
      'indicators',
    ],
    [
      'an indicator value as text',
      () => ({ version, indicators: [indicator({ value: 'trois' })] }),
      'indicators.0.value',
    ],
    ['a huge indicator value', () => ({ version, indicators: [indicator({ value: 1e20 })] }), 'indicators.0.value'],
    [
      'an indicator without label',
      () => ({ version, indicators: [indicator({ label: undefined })] }),
      'indicators.0.label',
    ],
    ['a blank indicator label', () => ({ version, indicators: [indicator({ label: '  ' })] }), 'indicators.0.label'],
    [
      'an indicator id that is no UUID',
      () => ({ version, indicators: [indicator({ indicatorId: '12' })] }),
      'indicators.0.indicatorId',
    ],
    [
      'an unknown key in an indicator',
      () => ({ version, indicators: [indicator({ target: 4 })] }),
      'indicators.0.target',
    ],
    [
      'a comment too long',
      () => ({ version, indicators: [indicator({ comment: 'x'.repeat(1001) })] }),
      'indicators.0.comment',
    ],
    ['budget lines as text', () => ({ version, budgetLines: 'tout' }), 'budgetLines'],
    [
      'too many budget lines',
      () => ({ version, budgetLines: Array.from({ length: 51 }, () => line()) }),
      'budgetLines',
    ],
    ['a line without label', () => ({ version, budgetLines: [line({ label: '' })] }), 'budgetLines.0.label'],
    [
      'a line label too long',
      () => ({ version, budgetLines: [line({ label: 'x'.repeat(201) })] }),
      'budgetLines.0.label',
    ],
    ['a spent amount as text', () => ({ version, budgetLines: [line({ spent: '900' })] }), 'budgetLines.0.spent'],
    ['a negative spent amount', () => ({ version, budgetLines: [line({ spent: -1 })] }), 'budgetLines.0.spent'],
    [
      'a spent amount with 3 decimals',
      () => ({ version, budgetLines: [line({ spent: 1.001 })] }),
      'budgetLines.0.spent',
    ],
    ['a huge spent amount', () => ({ version, budgetLines: [line({ spent: 1e15 })] }), 'budgetLines.0.spent'],
    [
      'a planned amount as text',
      () => ({ version, budgetLines: [line({ planned: 'mille' })] }),
      'budgetLines.0.planned',
    ],
    ['an unknown key in a line', () => ({ version, budgetLines: [line({ paid: 3 })] }), 'budgetLines.0.paid'],
    ['what worked as a number', () => ({ version, whatWorked: 3 }), 'whatWorked'],
    ['what worked too long', () => ({ version, whatWorked: 'x'.repeat(10001) }), 'whatWorked'],
    ['difficulties too long', () => ({ version, difficulties: 'x'.repeat(10001) }), 'difficulties'],
    ['outlook as a list', () => ({ version, outlook: ['a'] }), 'outlook'],
    ['a text with a NUL byte', () => ({ version, outlook: 'a\u0000b' }), 'outlook'],
  ];

  it('refuses every bad change with a 400 naming the field, and changes nothing', async () => {
    for (const [why, body, field] of patches) {
      const res = await w.member.patch(`${w.base}/bilans/${id}`, body());
      assert.equal(res.status, 400, `${why}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.parameter, field, `${why}: ${JSON.stringify(res.body)}`);
    }
    assert.equal((await w.member.get(`${w.base}/bilans/${id}`)).body.version, version);
  });

  it('refuses a deeply nested body', async () => {
    let deep: object = { value: 1 };
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const res = await w.member.patch(`${w.base}/bilans/${id}`, { version, declared: { registered: deep } });
    assert.equal(res.status, 400);
  });

  const create = (o: object = {}) => ({
    offerId,
    year: 2030,
    periodStart: '2030-01-01',
    periodEnd: '2030-12-31',
    dueOn: '2031-01-31',
    ...o,
  });
  const creations: [string, () => object, string][] = [
    ['no offer', () => create({ offerId: undefined }), 'offerId'],
    ['an offer that is no UUID', () => create({ offerId: 'abc' }), 'offerId'],
    ['a year as text', () => create({ year: '2030' }), 'year'],
    ['a year out of range', () => create({ year: 3000 }), 'year'],
    ['a start that is no date', () => create({ periodStart: '01/01/2030' }), 'periodStart'],
    ['a start that does not exist', () => create({ periodStart: '2030-02-30' }), 'periodStart'],
    ['an end before the start', () => create({ periodEnd: '2029-12-31' }), 'periodEnd'],
    ['a due date as a number', () => create({ dueOn: 20310131 }), 'dueOn'],
    ['an unknown field', () => create({ status: 'validated' }), 'status'],
  ];

  it('refuses every bad request for a bilan naming the field', async () => {
    for (const [why, body, field] of creations) {
      const res = await w.agent.post(`${w.base}/bilans`, body());
      assert.equal(res.status, 400, `${why}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.parameter, field, `${why}: ${JSON.stringify(res.body)}`);
    }
    // Another tenant's or a missing offer: not found.
    const missing = await w.agent.post(`${w.base}/bilans`, create({ offerId: crypto.randomUUID() }));
    assert.equal(missing.status, 404);
  });

  it('refuses a request for changes without a message, naming it', async () => {
    const submitted = await w.bilan('submitted');
    for (const body of [
      {},
      { message: 3 },
      { message: '' },
      { message: 'x'.repeat(4001) },
      { message: 'x', extra: 1 },
    ]) {
      const res = await w.agent.post(`${w.base}/bilans/${submitted}/request-changes`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(['message', 'extra'].includes(res.body.parameter), JSON.stringify(res.body));
    }
  });

  it('refuses bad list filters and ids naming them', async () => {
    for (const [query, field] of [
      ['view=everything', 'view'],
      ['status=archived', 'status'],
      ['year=deux-mille', 'year'],
      ['year=1e3', 'year'],
      ['organizationId=abc', 'organizationId'],
      ['page=2', 'page'],
    ]) {
      const res = await w.agent.get(`${w.base}/bilans?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.parameter, field, query);
    }
    const res = await w.agent.get(`${w.base}/bilans/not-a-uuid`);
    assert.deepEqual([res.status, res.body.parameter], [400, 'id']);
  });

  it('refuses an upload without a file, naming `file`', async () => {
    const json = await w.member.post(`${w.base}/bilans/${id}/documents`, { file: 'bilan.pdf' });
    assert.deepEqual([json.status, json.body.parameter], [400, 'file']);
  });
});
