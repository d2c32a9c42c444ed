import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Bilan, BilanSummary } from '@catalogue/contracts';
import {
  budgetTotals,
  differs,
  fieldIdOf,
  figureLabel,
  formErrors,
  formOf,
  parseNumber,
  submitErrors,
  summaryMessage,
  writeOf,
} from './bilan-form.js';
import { dueLabel, periodLabel, sortBilans, yearsOf } from './bilan-text.js';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function bilan(): Bilan {
  return {
    id: 'b1',
    agreementId: 'a1',
    agreementTitle: 'Atelier mobilité',
    offerId: 'o1',
    offerTitle: 'Atelier mobilité',
    organizationId: 's1',
    organizationName: 'Roule Ma Poule',
    year: 2026,
    periodStart: '2025-11-01',
    periodEnd: '2026-10-31',
    dueOn: '2026-12-31',
    status: 'open',
    overdue: false,
    submittedAt: null,
    validatedAt: null,
    figures: [
      {
        key: 'registered',
        label: 'Personnes inscrites',
        unit: 'personnes',
        computed: 12,
        declared: null,
        justification: null,
      },
      {
        key: 'sex.female',
        label: 'Femmes',
        unit: 'personnes',
        computed: 7,
        declared: 9,
        justification: 'Deux hors plateforme',
      },
      {
        key: 'fill_rate',
        label: 'Taux de remplissage moyen',
        unit: '%',
        computed: 62.5,
        declared: null,
        justification: null,
      },
    ],
    indicators: [
      { indicatorId: 'i1', label: 'Personnes accompagnées', unit: 'personnes', target: 20, value: null, comment: '' },
    ],
    money: { granted: 12500, paid: 7500, spent: 3000.5, lines: [{ label: 'Salaires', planned: 8000, spent: 3000.5 }] },
    whatWorked: '',
    difficulties: '',
    outlook: '',
    documents: [],
    changesMessage: null,
    events: [],
    version: 3,
    can: { edit: true, submit: true, requestChanges: false, validate: false },
  };
}

describe('bilan form', () => {
  it('prefills each input with the declared value, else the computed one, as a French number', () => {
    const f = formOf(bilan());
    assert.equal(f.figures.registered?.value, '12');
    assert.equal(f.figures['sex.female']?.value, '9');
    assert.equal(f.figures['sex.female']?.justification, 'Deux hors plateforme');
    assert.equal(f.figures.fill_rate?.value, '62,5');
    assert.deepEqual(f.budgetLines, [{ label: 'Salaires', planned: '8000', spent: '3000,50' }]);
  });

  it('reads numbers as people type them and refuses what is not one', () => {
    assert.equal(parseNumber(' 1 234 '), 1234);
    assert.equal(parseNumber('45,5 %'), 45.5);
    assert.equal(parseNumber(''), null);
    assert.ok(Number.isNaN(parseNumber('-3')));
    assert.ok(Number.isNaN(parseNumber('douze')));
  });

  it('sends a declared value only where it differs from the computed one, with its justification', () => {
    const b = bilan();
    const f = formOf(b);
    f.figures.registered = { value: '14', justification: ' Deux personnes orientées par téléphone ' };
    const w = writeOf(f, b);
    assert.equal(w.version, 3);
    assert.deepEqual(w.declared?.registered, { value: 14, justification: 'Deux personnes orientées par téléphone' });
    // Kept as typed back to the computed value: nothing declared, the justification dropped.
    assert.deepEqual(w.declared?.fill_rate, { value: null, justification: null });
    assert.deepEqual(w.declared?.['sex.female'], { value: 9, justification: 'Deux hors plateforme' });
    f.figures['sex.female'] = { value: '7', justification: 'Deux hors plateforme' };
    assert.deepEqual(writeOf(f, b).declared?.['sex.female'], { value: null, justification: null });
  });

  it('asks for a justification as soon as the declared value differs, and names the figure', () => {
    const b = bilan();
    const f = formOf(b);
    assert.deepEqual(formErrors(f, b), {});
    f.figures.registered = { value: '15', justification: '  ' };
    f.figures.fill_rate = { value: 'beaucoup', justification: '' };
    const errors = formErrors(f, b);
    assert.deepEqual(Object.keys(errors).sort(), ['declared.fill_rate.value', 'declared.registered.justification']);
    // The API's own messages (bilanWriteErrors), the figure named in the summary.
    assert.equal(
      errors['declared.registered.justification'],
      'Justification : à renseigner, la valeur déclarée diffère de celle calculée (12)',
    );
    assert.equal(
      summaryMessage('declared.registered.justification', errors['declared.registered.justification']!),
      'Personnes inscrites — Justification : à renseigner, la valeur déclarée diffère de celle calculée (12)',
    );
    f.figures.fill_rate = { value: '12,5', justification: '' };
    f.figures.registered = { value: '12,5', justification: 'x' };
    assert.deepEqual(formErrors(f, b), {
      'declared.fill_rate.justification':
        'Justification : à renseigner, la valeur déclarée diffère de celle calculée (62,5)',
      'declared.registered.value': 'Valeur déclarée : nombre entier positif ou nul attendu',
    });
    assert.equal(fieldIdOf('declared.sex.female.justification'), 'bilan-declared-sex-female-justification');
  });

  it('checks the budget lines and sums them to the cent', () => {
    const b = bilan();
    const f = formOf(b);
    f.budgetLines.push(
      { label: 'Carburant', planned: '', spent: '0,10' },
      { label: '', planned: '1 000', spent: '0,20' },
    );
    assert.deepEqual(budgetTotals(f.budgetLines), { planned: 9000, spent: 3000.8 });
    const errors = formErrors(f, b);
    assert.deepEqual(errors, { 'budgetLines.2.label': 'Ligne 3, libellé : à renseigner' });
    f.budgetLines[1]!.spent = '12,345';
    assert.ok(formErrors(f, b)['budgetLines.1.spent']);
    const w = writeOf({ ...f, budgetLines: f.budgetLines.slice(0, 2).map((l) => ({ ...l, spent: '1' })) }, b);
    assert.deepEqual(w.budgetLines, [
      { label: 'Salaires', planned: 8000, spent: 1 },
      { label: 'Carburant', planned: null, spent: 1 },
    ]);
  });

  it('tells a declared value that differs from the computed one', () => {
    assert.equal(differs({ computed: 7, declared: 9 }), true);
    assert.equal(differs({ computed: 7, declared: 7 }), false);
    assert.equal(differs({ computed: null, declared: null }), false);
    assert.equal(differs({ computed: null, declared: 3 }), true);
    assert.equal(nb(figureLabel(1234)), '1 234');
    assert.equal(nb(figureLabel(62.5, '%')), '62,5 %');
    assert.equal(figureLabel(null), '—');
  });
});

describe('bilan submission', () => {
  it('says what is missing before the submission, as the API does', () => {
    const b = bilan();
    assert.deepEqual(Object.keys(submitErrors(b)), ['whatWorked']);
    const ok = { ...b, whatWorked: 'Les ateliers du mardi' };
    assert.deepEqual(submitErrors(ok), {});
    const noLines = { ...ok, money: { ...ok.money, lines: [] } };
    assert.deepEqual(Object.keys(submitErrors(noLines)), ['budgetLines']);
  });
});

describe('bilans list', () => {
  const s = (over: Partial<BilanSummary>): BilanSummary => ({ ...bilan(), ...over });
  it('writes the period and the due date in French', () => {
    assert.equal(dueLabel(bilan()), '31 décembre 2026');
    assert.equal(periodLabel(bilan()), 'du 1er novembre 2025 au 31 octobre 2026');
  });
  it('puts late bilans first, then by due date', () => {
    const items = [
      s({ id: 'c', dueOn: '2027-01-31' }),
      s({ id: 'b', dueOn: '2026-12-31' }),
      s({ id: 'a', dueOn: '2027-06-30', overdue: true }),
    ];
    assert.deepEqual(
      sortBilans(items).map((i) => i.id),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(yearsOf(items, 2027), [2027, 2026]);
  });
});
