// Every input of agreements refuses bad values with a 400 naming the field, never a 500 (the
// hostile-input spec covers encodings and odd JSON on every route; here, the values).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { agreementsWorld, type AgreementsWorld } from './agreements.test-helpers.js';

describe('bad input on agreements', () => {
  let api: ApiTest;
  let w: AgreementsWorld;
  let id: string;
  let version: number;
  before(async () => {
    api = await startApiTest();
    w = await agreementsWorld(api);
    id = await w.draft();
    version = (await w.agent.get(`${w.base}/agreements/${id}`)).body.version;
  });
  after(() => api.close());

  const tranche = (o: object = {}) => ({ label: 'Versement unique', amount: 12500, dueOn: '2027-03-01', ...o });
  // [why, body, field named in the answer]
  const patches: [string, () => object, string][] = [
    ['no version', () => ({ title: 'x' }), 'version'],
    ['a version as text', () => ({ version: 'un' }), 'version'],
    ['a version of 0', () => ({ version: 0 }), 'version'],
    ['an unknown field', () => ({ version, amount: 99 }), 'amount'],
    ['a title as a number', () => ({ version, title: 12 }), 'title'],
    ['a blank title', () => ({ version, title: '   ' }), 'title'],
    ['a title too long', () => ({ version, title: 'x'.repeat(301) }), 'title'],
    ['a start that is no date', () => ({ version, startsOn: '01/02/2027' }), 'startsOn'],
    ['a start that does not exist', () => ({ version, startsOn: '2027-02-30' }), 'startsOn'],
    ['an end before the start', () => ({ version, startsOn: '2027-02-01', endsOn: '2027-01-31' }), 'endsOn'],
    ['a schedule that is no list', () => ({ version, paymentSchedule: 'tout' }), 'paymentSchedule'],
    ['an empty schedule', () => ({ version, paymentSchedule: [] }), 'paymentSchedule'],
    [
      'a schedule too long',
      () => ({ version, paymentSchedule: Array.from({ length: 25 }, () => tranche()) }),
      'paymentSchedule',
    ],
    [
      'a tranche without label',
      () => ({ version, paymentSchedule: [tranche({ label: '' })] }),
      'paymentSchedule.0.label',
    ],
    [
      'a tranche label as a number',
      () => ({ version, paymentSchedule: [tranche({ label: 3 })] }),
      'paymentSchedule.0.label',
    ],
    [
      'a tranche amount as text',
      () => ({ version, paymentSchedule: [tranche({ amount: '12500' })] }),
      'paymentSchedule.0.amount',
    ],
    [
      'a tranche amount with 3 decimals',
      () => ({ version, paymentSchedule: [tranche({ amount: 12499.999 })] }),
      'paymentSchedule.0.amount',
    ],
    ['a negative tranche', () => ({ version, paymentSchedule: [tranche({ amount: -1 })] }), 'paymentSchedule.0.amount'],
    [
      'a tranche without date',
      () => ({ version, paymentSchedule: [tranche({ dueOn: '' })] }),
      'paymentSchedule.0.dueOn',
    ],
    [
      'a tranche date that does not exist',
      () => ({ version, paymentSchedule: [tranche({ dueOn: '2027-13-01' })] }),
      'paymentSchedule.0.dueOn',
    ],
    [
      'tranches one cent short of the amount',
      () => ({ version, paymentSchedule: [tranche({ amount: 10000 }), tranche({ amount: 2499.99 })] }),
      'paymentSchedule',
    ],
    ['targets that are no list', () => ({ version, indicatorTargets: 3 }), 'indicatorTargets'],
    ['a target too many', () => ({ version, indicatorTargets: [1, 2] }), 'indicatorTargets'],
    ['a negative target', () => ({ version, indicatorTargets: [-4] }), 'indicatorTargets.0'],
    ['a target as text', () => ({ version, indicatorTargets: ['40'] }), 'indicatorTargets.0'],
    ['bilan dates that are no list', () => ({ version, bilanDueDates: '2028-01-01' }), 'bilanDueDates'],
    ['a bilan date that is no date', () => ({ version, bilanDueDates: ['demain'] }), 'bilanDueDates'],
    [
      'a bilan before the start',
      () => ({ version, startsOn: '2027-02-01', bilanDueDates: ['2027-01-01'] }),
      'bilanDueDates.0',
    ],
  ];

  it('refuses every bad change of the terms with a 400 naming the field, and changes nothing', async () => {
    for (const [why, body, field] of patches) {
      const res = await w.agent.patch(`${w.base}/agreements/${id}`, body());
      assert.equal(res.status, 400, `${why}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.parameter, field, `${why}: ${JSON.stringify(res.body)}`);
    }
    assert.equal((await w.agent.get(`${w.base}/agreements/${id}`)).body.version, version);
  });

  it('refuses bad list filters naming them', async () => {
    for (const [query, field] of [
      ['callId=12', 'callId'],
      ['status=archived', 'status'],
      ['organizationId=abc', 'organizationId'],
      ['page=2', 'page'],
    ]) {
      const res = await w.agent.get(`${w.base}/agreements?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.parameter, field, query);
    }
  });

  it('refuses a signed upload without a file, or sent as JSON, naming `file`', async () => {
    await w.agent.post(`${w.base}/agreements/${id}/send`);
    const json = await w.member.post(`${w.base}/agreements/${id}/signed`, { file: 'signée.pdf' });
    assert.deepEqual([json.status, json.body.parameter], [400, 'file']);
    const empty = await api.t.http
      .post(`${w.base}/agreements/${id}/signed`)
      .set('Cookie', w.member.cookie)
      .set('X-CSRF-Token', w.member.csrfToken)
      .field('note', 'rien');
    assert.deepEqual([empty.status, empty.body.parameter], [400, 'file']);
  });
});
