import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bilanSubmitErrors, bilanWriteErrors, type BilanFigure, type BilanWrite } from '@catalogue/contracts';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field).sort();

describe('bilan write rules', () => {
  it('accepts declared values equal to the computed ones, or different with a justification', () => {
    const write: Partial<BilanWrite> = {
      declared: {
        registered: { value: 12 },
        accepted: { value: 15, justification: '3 personnes orientées hors plateforme' },
        fill_rate: { value: 87.5, justification: 'Séances hors plateforme' },
        present: { value: null },
      },
      budgetLines: [{ label: 'Salaires', planned: 1000, spent: 950.25 }],
      indicators: [{ indicatorId: null, label: 'Sorties positives', value: -2.5 }],
      whatWorked: 'Le covoiturage',
    };
    assert.deepEqual(bilanWriteErrors(write, { registered: 12, accepted: 12, fill_rate: 80 }), []);
  });

  it('names each faulty field', () => {
    const errors = bilanWriteErrors(
      {
        declared: {
          registered: { value: 1.5 },
          accepted: { value: 13 },
          present: { value: -1, justification: 'x' },
          sessions_held: { value: 10_000_001, justification: 'x' },
          fill_rate: { value: 100.1, justification: 'x' },
          'sex.female': { value: 3, justification: 'x'.repeat(1001) },
          nope: { value: 1 },
        } as BilanWrite['declared'],
        budgetLines: [
          { label: '', planned: null, spent: 1 },
          { label: 'x'.repeat(201), planned: 1.001, spent: -1 },
        ],
        indicators: [{ indicatorId: null, label: 'A', value: Number.NaN }],
        whatWorked: 'x'.repeat(10001),
      },
      { accepted: 12 },
    );
    assert.deepEqual(fields(errors), [
      'budgetLines.0.label',
      'budgetLines.1.label',
      'budgetLines.1.planned',
      'budgetLines.1.spent',
      'declared.accepted.justification',
      'declared.fill_rate.value',
      'declared.nope',
      'declared.present.value',
      'declared.registered.value',
      'declared.sessions_held.value',
      'declared.sex.female.justification',
      'indicators.0.value',
      'whatWorked',
    ]);
    assert.match(errors.find((e) => e.field === 'declared.accepted.justification')!.message, /diffère.*\(12\)/);
  });

  it('needs no justification when the platform cannot know the figure', () => {
    assert.deepEqual(bilanWriteErrors({ declared: { 'outcome.employment': { value: 4 } } }, {}), []);
  });

  it('refuses more than 50 budget lines', () => {
    const lines = Array.from({ length: 51 }, () => ({ label: 'a', planned: null, spent: 1 }));
    assert.deepEqual(fields(bilanWriteErrors({ budgetLines: lines }, {})), ['budgetLines']);
  });
});

describe('bilan submit rules', () => {
  const figure = (over: Partial<BilanFigure>): BilanFigure => ({
    key: 'accepted',
    label: 'Personnes entrées',
    unit: 'personnes',
    computed: 10,
    declared: null,
    justification: null,
    ...over,
  });
  it('asks for what worked, the spent lines of a granted amount and justifications still owed', () => {
    const errors = bilanSubmitErrors({
      whatWorked: '  ',
      figures: [figure({ declared: 12 }), figure({ key: 'registered', declared: 10 })],
      money: { granted: 5000, lines: [] },
    });
    assert.deepEqual(fields(errors), ['budgetLines', 'declared.accepted.justification', 'whatWorked']);
  });
  it('lets a bilan without money go without budget lines', () => {
    assert.deepEqual(
      bilanSubmitErrors({ whatWorked: 'Bien', figures: [figure({})], money: { granted: 0, lines: [] } }),
      [],
    );
  });
});
