import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Plan } from '@catalogue/contracts';
import {
  addAxis,
  addFiche,
  emptyPlanForm,
  ficheOptionGroups,
  ficheRefLabel,
  moveAxis,
  newIndicator,
  parseNumber,
  planFormFromPlan,
  planWriteFromForm,
  updateFiche,
  validatePlanForm,
} from './plan-editor.js';

const plan: Plan = {
  id: 'p',
  name: 'PDI 2019-2022',
  periodStart: 2019,
  periodEnd: 2022,
  source: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  axes: [
    {
      id: 'a1',
      number: 1,
      title: 'Accompagner',
      description: null,
      fiches: [
        {
          id: 'f1',
          number: '1',
          title: 'Freins',
          objective: 'Lever les freins',
          description: null,
          publicText: 'Allocataires du RSA',
          means: null,
          offerCount: 3,
          indicators: [
            { id: 'i1', label: 'Personnes', unit: 'personnes', measure: 'registrations', targets: { '2019': 70 } },
          ],
        },
      ],
    },
    { id: 'a2', number: 2, title: 'Entreprises', description: 'Liens', fiches: [] },
  ],
};

describe('plan editor', () => {
  it('sends back what it read with every id, and the version read', () => {
    const body = planWriteFromForm(planFormFromPlan(plan));
    assert.deepEqual(body, {
      name: 'PDI 2019-2022',
      periodStart: 2019,
      periodEnd: 2022,
      source: null,
      expectedUpdatedAt: '2026-01-01T00:00:00.000Z',
      axes: [
        {
          id: 'a1',
          number: 1,
          title: 'Accompagner',
          description: null,
          fiches: [
            {
              id: 'f1',
              number: '1',
              title: 'Freins',
              objective: 'Lever les freins',
              description: null,
              publicText: 'Allocataires du RSA',
              means: null,
              indicators: [
                { id: 'i1', label: 'Personnes', unit: 'personnes', measure: 'registrations', targets: { '2019': 70 } },
              ],
            },
          ],
        },
        { id: 'a2', number: 2, title: 'Entreprises', description: 'Liens', fiches: [] },
      ],
    });
    assert.deepEqual(validatePlanForm(planFormFromPlan(plan)), {});
  });

  it('numbers new axes and fiches after the highest, and moving an axis swaps the numbers', () => {
    let f = addFiche(addAxis(planFormFromPlan(plan)), 1);
    assert.equal(f.axes[2]!.number, '3');
    assert.equal(f.axes[1]!.fiches[0]!.number, '2');
    f = moveAxis(f, 1, -1);
    assert.deepEqual(
      f.axes.map((a) => [a.id, a.number]),
      [
        ['a2', '1'],
        ['a1', '2'],
        [undefined, '3'],
      ],
    );
  });

  it('names each problem by its API field, with the shared rule’s messages', () => {
    let f = addFiche(planFormFromPlan(plan), 1);
    f = updateFiche(f, 1, 0, (x) => ({ ...x, number: '1', title: '' }));
    f = updateFiche(f, 0, 0, (x) => ({
      ...x,
      indicators: [
        { ...x.indicators[0]!, targets: { '2019': 'beaucoup', '2020': '-3' } },
        { ...newIndicator(), label: 'Taux', unit: '%' },
      ],
    }));
    const errors = validatePlanForm(f);
    assert.equal(errors['axes.1.fiches.0.number'], 'Fiche 1 : numéro déjà utilisé dans le plan');
    assert.equal(errors['axes.1.fiches.0.title'], 'Titre de la fiche : à renseigner');
    assert.equal(errors['axes.0.fiches.0.indicators.0.targets.2019'], 'Cible 2019 : nombre attendu');
    assert.equal(errors['axes.0.fiches.0.indicators.0.targets.2020'], 'Cible 2020 : pas de valeur négative');
    assert.equal(
      validatePlanForm({ ...emptyPlanForm(), periodEnd: '1800' }).periodEnd,
      'Fin de la période : une année entre 1990 et 2100',
    );
  });

  it('sends only the targets of the period’s years that have a value, read in French', () => {
    const f = updateFiche(planFormFromPlan(plan), 0, 0, (x) => ({
      ...x,
      indicators: [{ ...x.indicators[0]!, targets: { '2019': '1 200,5', '2020': '', '2031': '4' } }],
    }));
    assert.deepEqual(planWriteFromForm(f).axes[0]!.fiches[0]!.indicators[0]!.targets, { '2019': 1200.5 });
    assert.ok(Number.isNaN(parseNumber('12 h')));
  });

  it('groups the offer editor’s choices by axis and names a fiche as the offer page does', () => {
    assert.deepEqual(ficheOptionGroups(plan), [
      { label: 'Axe 1 – Accompagner', options: [{ value: 'f1', label: 'Fiche 1 – Freins' }] },
      { label: 'Axe 2 – Entreprises', options: [] },
    ]);
    assert.equal(
      ficheRefLabel({ id: 'f7', number: '7', title: 'Mobilité', axis: { number: 2, title: 'Freins' } }),
      'axe 2, fiche 7 – Mobilité',
    );
  });
});
