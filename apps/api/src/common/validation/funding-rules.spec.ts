import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  budgetTotal,
  envelopeLeft,
  toCents,
  weightedTotal,
  type CallQuestion,
  type CallWrite,
} from '@catalogue/contracts';
import { answerErrors, callWriteErrors, visibleAnswers } from '@catalogue/contracts';

const questions: CallQuestion[] = [
  { key: 'project', label: 'Projet', type: 'long_text', required: true },
  { key: 'partners_yes', label: 'Des partenaires ?', type: 'yes_no', required: true },
  {
    key: 'partners',
    label: 'Partenaires',
    type: 'repeat',
    required: true,
    fields: [{ key: 'name', label: 'Nom', type: 'short_text', required: true }],
    showIf: { key: 'partners_yes', equals: true },
  },
  { key: 'budget', label: 'Budget', type: 'budget_table', required: true },
  { key: 'kind', label: 'Type', type: 'choice', required: false, options: ['Atelier', 'Accompagnement'] },
  { key: 'statuts', label: 'Statuts', type: 'file', required: true },
];

const call = (over: Partial<CallWrite> = {}): CallWrite => ({
  title: 'Mobilité',
  context: 'Contexte',
  fiches: [],
  eligibleKinds: [],
  eligiblePublics: [],
  territory: { kind: 'department', codes: [] },
  envelope: 100000,
  opensAt: '2026-12-01T08:00:00Z',
  closesAt: '2027-01-31T22:59:59Z',
  questions,
  documents: [{ key: 'rib', label: 'RIB', required: true }],
  grid: [{ key: 'quality', label: 'Qualité', weight: 2, scale: 5 }],
  ...over,
});

describe('call rules', () => {
  it('accepts a complete call for publication and names each fault of a broken one', () => {
    assert.deepEqual(callWriteErrors(call(), { forPublication: true, now: new Date('2026-12-05T00:00:00Z') }), []);
    const errors = callWriteErrors(
      call({
        envelope: 10.001,
        closesAt: '2026-11-01T00:00:00Z',
        questions: [
          { key: 'a', label: 'A', type: 'choice', required: true, options: ['x'] },
          { key: 'a', label: 'B', type: 'short_text', required: true, showIf: { key: 'zz', equals: true } },
        ],
        grid: [{ key: 'g', label: 'G', weight: 0, scale: 30 }],
      }),
      { forPublication: true, now: new Date('2026-12-05T00:00:00Z') },
    );
    const fields = errors.map((e) => e.field);
    for (const f of [
      'envelope',
      'closesAt',
      'questions.0.options',
      'questions.1.key',
      'questions.1.showIf',
      'grid.0.weight',
      'grid.0.scale',
    ])
      assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
  });
});

describe('answer rules', () => {
  it('lets a draft be incomplete but refuses values of the wrong type and unknown questions', () => {
    assert.deepEqual(answerErrors(questions, { project: 'x' }, { complete: false }), []);
    const errors = answerErrors(
      questions,
      { budget: [{ label: 'Salaires', amount: -1 }], kind: 'Autre', nope: 1 },
      { complete: false },
    );
    assert.deepEqual(errors.map((e) => e.field).sort(), ['answers.budget.0.amount', 'answers.kind', 'answers.nope']);
  });

  it('asks on submission for every visible required answer, file and document, and the amount', () => {
    const answers = {
      project: 'Un garage solidaire',
      partners_yes: false,
      budget: [{ label: 'Loyer', amount: 1200.5 }],
    };
    const fields = answerErrors(questions, answers, {
      complete: true,
      documentKeys: new Set(),
      requiredDocuments: [{ key: 'rib', label: 'RIB', required: true }],
    }).map((e) => e.field);
    assert.deepEqual(fields.sort(), ['amountRequested', 'answers.statuts', 'documents.rib']);
    const withPartners = { ...answers, partners_yes: true };
    assert.ok(
      answerErrors(questions, withPartners, {
        complete: true,
        documentKeys: new Set(['statuts', 'rib']),
        requiredDocuments: [],
        amountRequested: 5000,
      })
        .map((e) => e.field)
        .includes('answers.partners'),
    );
    assert.deepEqual(visibleAnswers(questions, { partners_yes: false, partners: [{ name: 'X' }] }), {
      partners_yes: false,
    });
  });
});

describe('amounts and scores', () => {
  it('keeps money exact in cents and weighs scores on 100', () => {
    assert.equal(toCents(0.1 + 0.2), 30);
    assert.equal(toCents(1.005), null);
    assert.equal(
      budgetTotal([
        { label: 'a', amount: 0.1 },
        { label: 'b', amount: 0.2 },
      ]),
      0.3,
    );
    assert.equal(envelopeLeft(100000, [33333.33, 33333.33, 33333.33]), 0.01);
    const grid = [
      { key: 'q', label: 'Q', weight: 3, scale: 5 },
      { key: 'e', label: 'E', weight: 1, scale: 1, eliminatory: true },
    ];
    assert.deepEqual(weightedTotal(grid, { q: 5, e: 1 }), { total: 100, eliminated: false });
    assert.deepEqual(weightedTotal(grid, { q: 5, e: 0 }), { total: 75, eliminated: true });
  });
});
