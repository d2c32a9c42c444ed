import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUESTION_TYPES, callWriteErrors, type CallQuestion } from '@catalogue/contracts';
import {
  conditionTargets,
  errorsByAnchor,
  keyFromLabel,
  moveQuestion,
  newCriterion,
  newDocument,
  newQuestion,
  relabel,
  removeQuestion,
  retype,
} from './call-builder.js';

const yesNo: CallQuestion = { key: 'partenaires_oui', label: 'Avec des partenaires ?', type: 'yes_no', required: true };
const partners: CallQuestion = {
  key: 'partenaires',
  label: 'Partenaires',
  type: 'repeat',
  required: false,
  fields: [{ key: 'nom', label: 'Nom', type: 'short_text', required: true }],
  showIf: { key: 'partenaires_oui', equals: true },
};

describe('the call form builder', () => {
  it('makes keys from labels, ASCII and unique', () => {
    assert.equal(keyFromLabel('Budget prévisionnel (€)', []), 'budget_previsionnel');
    assert.equal(keyFromLabel('Budget', ['budget']), 'budget_2');
    assert.equal(keyFromLabel('Budget', ['budget', 'budget_2']), 'budget_3');
    assert.equal(keyFromLabel('«  »', []), 'question');
    assert.match(keyFromLabel('x'.repeat(200), []), /^[a-z0-9_]{1,64}$/);
  });

  it('adds a question of each of the 12 types that passes the shared rules', () => {
    let questions: CallQuestion[] = [];
    for (const type of QUESTION_TYPES) questions = [...questions, newQuestion(type, questions)];
    assert.equal(questions.length, 12);
    assert.equal(new Set(questions.map((q) => q.key)).size, 12);
    const errors = callWriteErrors(
      {
        title: 'Appel',
        context: '',
        fiches: [],
        eligibleKinds: [],
        eligiblePublics: [],
        territory: { kind: 'department', codes: [] },
        envelope: 0,
        opensAt: null,
        closesAt: null,
        questions,
        documents: [],
        grid: [],
      },
      { forPublication: false },
    );
    assert.deepEqual(errors, []);
  });

  it('keeps a condition on a yes/no question before, dropping it when that no longer holds', () => {
    const qs = [yesNo, partners];
    assert.deepEqual(
      conditionTargets(qs, 1).map((q) => q.key),
      ['partenaires_oui'],
    );
    assert.equal(moveQuestion(qs, 1, -1)[0]!.showIf, undefined, 'moved above its condition: dropped');
    assert.equal(removeQuestion(qs, 0)[0]!.showIf, undefined, 'its yes/no question removed: dropped');
    assert.equal(retype(qs, 0, 'short_text')[1]!.showIf, undefined, 'no longer yes/no: dropped');
    assert.deepEqual(moveQuestion(qs, 0, -1), qs, 'the first one cannot go up');
  });

  it('renames the key with the label and follows it in conditions', () => {
    const out = relabel([yesNo, partners], 0, 'Travaillez-vous avec des partenaires ?');
    assert.equal(out[0]!.key, 'travaillez_vous_avec_des_partenaires');
    assert.equal(out[1]!.showIf?.key, 'travaillez_vous_avec_des_partenaires');
  });

  it('gives options to choices and columns to repeat blocks, and takes them away', () => {
    const choice = retype([{ key: 'q', label: 'Q', type: 'short_text', required: false }], 0, 'choice')[0]!;
    assert.equal(choice.options?.length, 2);
    assert.equal(retype([choice], 0, 'number')[0]!.options, undefined);
    assert.equal(newQuestion('repeat', []).fields?.length, 1);
    assert.equal(newQuestion('budget_table', []).fields, undefined, 'a budget table needs no configuration');
  });

  it('makes criteria and documents with unique keys, and anchors the API’s errors', () => {
    const c1 = newCriterion([]);
    assert.equal(newCriterion([c1]).key, `${c1.key}_2`);
    assert.equal(
      newDocument({ documents: [], questions: [{ ...yesNo, key: 'nouvelle_piece' }] }).key,
      'nouvelle_piece_2',
    );
    assert.deepEqual(
      errorsByAnchor([
        { field: 'questions.2.options', message: 'A' },
        { field: 'questions.2.label', message: 'B' },
        { field: 'territory.codes.0', message: 'C' },
      ]),
      { 'call-questions-2': 'A', 'call-territory': 'C' },
    );
  });
});

describe('the call editor’s form', () => {
  it('turns Paris dates and a French amount into the call the API takes, and back', async () => {
    const { EMPTY_EDITOR_FORM, formFromCall, writeFromForm } = await import('./call-builder.js');
    const form = {
      ...EMPTY_EDITOR_FORM,
      title: 'Mobilité',
      envelopeText: '150 000,50',
      opensDate: '2027-03-01',
      opensTime: '09:00',
      closesDate: '2027-04-30',
      closesTime: '23:59',
    };
    const { write, errors } = writeFromForm(form);
    assert.deepEqual(errors, []);
    assert.equal(write.envelope, 150000.5);
    assert.equal(write.opensAt, '2027-03-01T08:00:00.000Z', 'winter: UTC + 1');
    assert.equal(write.closesAt, '2027-04-30T21:59:00.000Z', 'summer: UTC + 2');
    const back = formFromCall(write);
    assert.deepEqual([back.closesDate, back.closesTime, back.envelopeText], ['2027-04-30', '23:59', '150000,5']);
    assert.deepEqual(
      writeFromForm({ ...form, envelopeText: 'beaucoup', closesDate: '2027-02-30' }).errors.map((e) => e.field),
      ['envelope', 'closesAt'],
    );
    assert.equal(writeFromForm({ ...form, opensDate: '' }).write.opensAt, null);
  });
});
