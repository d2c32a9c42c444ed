// Every input of the calls refuses bad values with a 400 naming the field, never a 500 (the
// hostile-input spec covers encodings and odd JSON on every route; here, the values).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallQuestion } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { callsWorld, completeCall, type CallsWorld } from './calls.test-helpers.js';

describe('bad input on calls', () => {
  let api: ApiTest;
  let w: CallsWorld;
  let draft: { id: string; version: number };
  let published: string;
  before(async () => {
    api = await startApiTest();
    w = await callsWorld(api);
    draft = (await w.agent.post(`${w.base}/calls`, { title: 'Brouillon' })).body;
    published = await w.published();
  });
  after(() => api.close());

  const q = (o: Partial<CallQuestion> = {}): CallQuestion => ({
    key: 'q1',
    label: 'Question',
    type: 'short_text',
    required: true,
    ...o,
  });
  const many = (n: number) => Array.from({ length: n }, (_, i) => q({ key: `q${i}` }));
  const deep = (depth: number): unknown => (depth ? [deep(depth - 1)] : 'x');

  // [why, body, field named in the answer]
  const bodies: [string, () => object, string][] = [
    ['no title', () => ({ context: 'x' }), 'title'],
    ['a blank title', () => ({ title: '   ' }), 'title'],
    ['a title too long', () => ({ title: 'x'.repeat(301) }), 'title'],
    ['a title with NUL', () => ({ title: 'a\u0000b' }), 'title'],
    ['a title as a number', () => ({ title: 42 }), 'title'],
    ['a context as a list', () => ({ title: 't', context: ['x'] }), 'context'],
    ['a huge envelope', () => ({ title: 't', envelope: 1e300 }), 'envelope'],
    ['a negative envelope', () => ({ title: 't', envelope: -1 }), 'envelope'],
    ['an envelope with 3 decimals', () => ({ title: 't', envelope: 10.123 }), 'envelope'],
    ['an envelope as text', () => ({ title: 't', envelope: '1000' }), 'envelope'],
    ['a fiche that is no UUID', () => ({ title: 't', fiches: ['7'] }), 'fiches'],
    ['an unknown fiche', () => ({ title: 't', fiches: ['00000000-0000-4000-8000-000000000000'] }), 'fiches.0'],
    ['an unknown structure kind', () => ({ title: 't', eligibleKinds: ['club'] }), 'eligibleKinds.0'],
    ['an unknown public', () => ({ title: 't', eligiblePublics: ['martiens'] }), 'eligiblePublics.0'],
    ['an unknown territory kind', () => ({ title: 't', territory: { kind: 'region', codes: [] } }), 'territory.kind'],
    ['EPCIs without codes', () => ({ title: 't', territory: { kind: 'epci', codes: [] } }), 'territory.codes'],
    [
      'a commune code that is none',
      () => ({ title: 't', territory: { kind: 'communes', codes: ['1'] } }),
      'territory.codes.0',
    ],
    ['a date without time zone', () => ({ title: 't', opensAt: '2027-01-31T10:00:00' }), 'opensAt'],
    ['a date that is none', () => ({ title: 't', closesAt: 'demain' }), 'closesAt'],
    [
      'a deadline before the opening',
      () => ({ title: 't', opensAt: '2027-02-01T10:00:00Z', closesAt: '2027-01-01T10:00:00Z' }),
      'closesAt',
    ],
    ['81 questions', () => ({ title: 't', questions: many(81) }), 'questions'],
    [
      'an unknown question type',
      () => ({ title: 't', questions: [q({ type: 'signature' as never })] }),
      'questions.0.type',
    ],
    ['a question key with capitals', () => ({ title: 't', questions: [q({ key: 'Budget' })] }), 'questions.0.key'],
    ['two questions with one key', () => ({ title: 't', questions: [q(), q()] }), 'questions.1.key'],
    ['a question without label', () => ({ title: 't', questions: [q({ label: '' })] }), 'questions.0.label'],
    ['required as text', () => ({ title: 't', questions: [q({ required: 'oui' as never })] }), 'questions.0.required'],
    [
      'a choice with one option',
      () => ({ title: 't', questions: [q({ type: 'choice', options: ['A'] })] }),
      'questions.0.options',
    ],
    [
      'a repeat block without columns',
      () => ({ title: 't', questions: [q({ type: 'repeat' })] }),
      'questions.0.fields',
    ],
    [
      'a condition on a later question',
      () => ({
        title: 't',
        questions: [q({ showIf: { key: 'q2', equals: true } }), q({ key: 'q2', type: 'yes_no' })],
      }),
      'questions.0.showIf',
    ],
    [
      'an unknown field in a question',
      () => ({ title: 't', questions: [{ ...q(), script: 'x' }] }),
      'questions.0.script',
    ],
    ['a question nested deep', () => ({ title: 't', questions: [{ ...q(), options: deep(40) }] }), 'questions'],
    [
      'a criterion weighing 0',
      () => ({ title: 't', grid: [{ key: 'c', label: 'C', weight: 0, scale: 5 }] }),
      'grid.0.weight',
    ],
    [
      'a criterion scale of 1e9',
      () => ({ title: 't', grid: [{ key: 'c', label: 'C', weight: 5, scale: 1e9 }] }),
      'grid.0.scale',
    ],
    [
      'a criterion weight of 2.5',
      () => ({ title: 't', grid: [{ key: 'c', label: 'C', weight: 2.5, scale: 5 }] }),
      'grid.0.weight',
    ],
    [
      'a document without key',
      () => ({ title: 't', documents: [{ label: 'Statuts', required: true }] }),
      'documents.0.key',
    ],
    ['an unknown field', () => ({ title: 't', status: 'published' }), 'status'],
  ];
  for (const [why, body, field] of bodies)
    it(`a new call with ${why}: 400 naming ${field}`, async () => {
      const res = await w.agent.post(`${w.base}/calls`, body());
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field, JSON.stringify(res.body));
    });

  const patches: [string, () => object, string][] = [
    ['no version', () => ({ title: 'x' }), 'version'],
    ['a version as text', () => ({ version: '1', title: 'x' }), 'version'],
    ['a huge version', () => ({ version: 1e20, title: 'x' }), 'version'],
    ['a NUL in the context', () => ({ version: draft.version, context: 'a\u0000' }), 'context'],
  ];
  for (const [why, body, field] of patches)
    it(`a change with ${why}: 400 naming ${field}`, async () => {
      const res = await w.agent.patch(`${w.base}/calls/${draft.id}`, body());
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field);
    });

  it('refuses a publication naming every field a published call needs', async () => {
    const bare = (await w.agent.post(`${w.base}/calls`, { ...completeCall(w.fiches), grid: [], context: '' })).body;
    const res = await w.agent.post(`${w.base}/calls/${bare.id}/publish`);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.fields.map((f: { field: string }) => f.field).sort(), ['context', 'grid']);
  });

  const actions: [string, string, object, string][] = [
    ['withdraw without reason', '/withdraw', {}, 'reason'],
    ['withdraw with a reason too short', '/withdraw', { reason: 'no' }, 'reason'],
    ['withdraw with a reason too long', '/withdraw', { reason: 'x'.repeat(2001) }, 'reason'],
    ['results as a number', '/results', { results: 3 }, 'results'],
    ['results too long', '/results', { results: 'x'.repeat(20_001) }, 'results'],
  ];
  for (const [why, action, body, field] of actions)
    it(`${why}: 400 naming ${field}`, async () => {
      const res = await w.agent.post(`${w.base}/calls/${published}${action}`, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, field);
    });

  const instructors: [string, object, string][] = [
    ['no list', {}, 'userIds'],
    ['an id that is no UUID', { userIds: ['moi'] }, 'userIds'],
    ['an unknown person', { userIds: ['00000000-0000-4000-8000-000000000000'] }, 'userIds.0'],
  ];
  for (const [why, body, field] of instructors)
    it(`instructors with ${why}: 400 naming ${field}`, async () => {
      const res = await w.admin.put(`${w.base}/calls/${published}/instructors`, body);
      assert.equal(res.status, 400);
      assert.equal(res.body.parameter, field);
    });

  it('a list filtered by an unknown status: 400 naming status', async () => {
    const res = await w.agent.get(`${w.base}/calls?status=lost`);
    assert.deepEqual([res.status, res.body.parameter], [400, 'status']);
  });
});
