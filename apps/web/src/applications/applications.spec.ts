import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetTotal } from '@catalogue/contracts';
import {
  amountInput,
  deadlineLabel,
  eventLabel,
  euros,
  parseDecimal,
  savedLabel,
  statusLabel,
  timeLeftLabel,
} from './application-text.js';
import {
  answersFromForm,
  apiFieldErrors,
  budgetLines,
  canWithdraw,
  errorMap,
  errorsUnder,
  fieldDomId,
  formErrors,
  formFromAnswers,
  isEditable,
  parisEndOfDay,
  saveBody,
  visibleQuestions,
} from './application-form.js';
import {
  completionErrors,
  decisionBody,
  decisionErrors,
  scoreBody,
  scoreErrors,
  scoreFormFrom,
  scorePreview,
} from './agent-forms.js';
import {
  initialSimulation,
  plannedDecisions,
  setAmount,
  setLineReasons,
  simulationErrors,
  simulationTotals,
  toggleLine,
  totalsLabel,
} from './ranking-simulation.js';
import { draftApplication, fixtureCall, fixtureRanking, submittedApplication } from './fixtures.js';

const nn = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('application texts', () => {
  it('says the statuses in French', () => {
    assert.deepEqual(
      (['draft', 'submitted', 'completion_requested', 'withdrawn', 'selected', 'rejected'] as const).map(statusLabel),
      ['Brouillon', 'Déposé', 'Complément demandé', 'Retiré', 'Retenu', 'Non retenu'],
    );
  });
  it('writes amounts the French way with no-break spaces', () => {
    assert.equal(euros(12500), '12\u202f500,00\u00a0€');
    assert.equal(euros(null), '—');
    assert.equal(nn(amountInput(1234.5)), '1 234,50');
  });
  it('reads amounts typed the French way', () => {
    assert.equal(parseDecimal('12 500,50'), 12500.5);
    assert.equal(parseDecimal('12\u202f500,00'), 12500);
    assert.equal(parseDecimal('12500.5'), 12500.5);
    assert.equal(parseDecimal(''), null);
    assert.equal(parseDecimal('12,5,0'), 'invalid');
    assert.equal(parseDecimal('douze'), 'invalid');
  });
  it('shows a deadline in Paris time and the time left', () => {
    assert.equal(nn(deadlineLabel('2027-01-31T22:59:00Z')), '31 janvier 2027 à 23 h 59');
    const closes = '2027-01-31T22:59:00Z';
    assert.equal(timeLeftLabel(closes, new Date('2027-01-20T22:59:00Z')), 'Plus que 11 jours');
    assert.equal(timeLeftLabel(closes, new Date('2027-01-31T17:59:00Z')), 'Plus que 5 heures');
    assert.equal(timeLeftLabel(closes, new Date('2027-01-31T22:30:00Z')), 'Moins d’une heure');
    assert.equal(timeLeftLabel(closes, new Date('2027-01-31T22:59:00Z')), 'Dépôt clos');
    assert.equal(nn(savedLabel(new Date('2027-01-10T13:32:00Z'))), 'Enregistré à 14 h 32');
  });
  it('names the entries of the log, a resubmission apart', () => {
    const e = { actorName: null, message: null, at: '2027-01-01T00:00:00Z' };
    assert.equal(eventLabel({ ...e, kind: 'submitted', fromStatus: 'draft', toStatus: 'submitted' }), 'Dossier déposé');
    assert.equal(
      eventLabel({ ...e, kind: 'submitted', fromStatus: 'completion_requested', toStatus: 'submitted' }),
      'Dossier renvoyé avec le complément',
    );
    assert.equal(
      eventLabel({ ...e, kind: 'whatever', fromStatus: 'submitted', toStatus: 'rejected' }),
      'Dossier non retenu',
    );
  });
});

describe('application form', () => {
  it('round-trips the saved answers of every question type', () => {
    const form = formFromAnswers(fixtureCall.questions, draftApplication.answers);
    assert.equal(nn(form.own_funds as string), '4 500,00');
    assert.deepEqual(answersFromForm(fixtureCall.questions, form), draftApplication.answers);
  });
  it('leaves out empty answers and blank lines, keeps an unreadable number for the rules to name', () => {
    const form = formFromAnswers(fixtureCall.questions, {});
    form.participants = 'quarante';
    form.budget = [
      { label: '', amount: '' },
      { label: 'Loyer', amount: '1 200,50' },
    ];
    const answers = answersFromForm(fixtureCall.questions, form);
    assert.deepEqual(answers, { participants: 'quarante', budget: [{ label: 'Loyer', amount: 1200.5 }] });
    const errors = errorMap(formErrors(fixtureCall, form, '', new Set(), false));
    assert.equal(errors['answers.participants'], 'Nombre de participants prévus : un nombre');
  });
  it('hides the partners until the yes/no question says yes', () => {
    const form = formFromAnswers(fixtureCall.questions, {});
    assert.ok(!visibleQuestions(fixtureCall.questions, form).some((q) => q.key === 'partners'));
    form.has_partners = true;
    assert.ok(visibleQuestions(fixtureCall.questions, form).some((q) => q.key === 'partners'));
  });
  it('asks, before submitting, for every required answer, document and the amount', () => {
    const form = formFromAnswers(fixtureCall.questions, {});
    const errors = errorMap(formErrors(fixtureCall, form, '', new Set(), true));
    assert.equal(errors['answers.project_title'], 'Intitulé du projet : à renseigner');
    assert.equal(errors['answers.statutes'], 'Statuts de la structure : fichier à joindre');
    assert.equal(errors['documents.rib'], 'Relevé d’identité bancaire : pièce à joindre');
    assert.equal(errors.amountRequested, 'Montant demandé : à renseigner');
    assert.equal(errors['answers.partners'], undefined, 'a hidden question is not asked');
    assert.equal(errors['documents.last_report'], undefined, 'an optional document is not asked');
  });
  it('accepts the complete draft once the bank details are joined', () => {
    const form = formFromAnswers(fixtureCall.questions, draftApplication.answers);
    assert.deepEqual(formErrors(fixtureCall, form, '12 500', new Set(['statutes', 'rib']), true), []);
    assert.equal(
      errorMap(formErrors(fixtureCall, form, '12,555', new Set(['statutes', 'rib']), true)).amountRequested,
      'Montant demandé : un montant en euros, 2 décimales au plus',
    );
  });
  it('names a budget line’s error where its field is, and sums the budget', () => {
    const form = formFromAnswers(fixtureCall.questions, draftApplication.answers);
    form.budget = [
      { label: 'Loyer', amount: '-3' },
      { label: 'Salaires', amount: '9 000' },
    ];
    const errors = errorMap(formErrors(fixtureCall, form, '', new Set(), false));
    assert.ok(errors['answers.budget.0.amount']);
    assert.equal(fieldDomId('answers.budget.0.amount'), 'f-answers-budget-0-amount');
    assert.equal(errorsUnder(errors, 'answers.budget').length, 1);
    assert.equal(
      budgetTotal(
        budgetLines([
          { label: 'a', amount: '9 000' },
          { label: 'b', amount: '3 500,00' },
        ]),
      ),
      12500,
    );
  });
  it('sends the answers, the amount and the version it read', () => {
    const form = formFromAnswers(fixtureCall.questions, draftApplication.answers);
    assert.deepEqual(saveBody(fixtureCall, form, '12 500,00', 4), {
      answers: draftApplication.answers,
      amountRequested: 12500,
      version: 4,
    });
  });
  it('reads the fields of an API error', () => {
    assert.deepEqual(apiFieldErrors({ fields: [{ field: 'answers.x', message: 'm' }, { nope: 1 }] }), [
      { field: 'answers.x', message: 'm' },
    ]);
    assert.deepEqual(apiFieldErrors(undefined), []);
  });
  it('knows when the structure may edit or withdraw', () => {
    assert.deepEqual(
      (['draft', 'submitted', 'completion_requested', 'withdrawn', 'selected', 'rejected'] as const).map((s) => [
        isEditable(s),
        canWithdraw(s),
      ]),
      [
        [true, true],
        [false, true],
        [true, true],
        [false, false],
        [false, false],
        [false, false],
      ],
    );
  });
  it('ends a due day at 23:59:59 in Paris, summer or winter', () => {
    assert.equal(parisEndOfDay('2027-02-10'), '2027-02-10T22:59:59.000Z');
    assert.equal(parisEndOfDay('2027-07-10'), '2027-07-10T21:59:59.000Z');
    assert.equal(parisEndOfDay('2027-02-30'), null);
  });
});

describe('instruction forms', () => {
  const grid = fixtureCall.grid;
  it('requires every criterion within its scale, a comment and the no-conflict declaration', () => {
    const f = scoreFormFrom(grid, undefined);
    f.values.relevance = '6';
    f.values.quality = '2,5';
    const e = scoreErrors(grid, f);
    assert.equal(e['scores.relevance'], 'Pertinence au regard des besoins : une note entière de 0 à 5');
    assert.ok(e['scores.quality']);
    assert.ok(e['scores.cost']);
    assert.equal(e.comment, 'Commentaire : à renseigner');
    assert.ok(e.noConflictOfInterest);
  });
  it('scores on 100 and marks an eliminatory zero', () => {
    const mine = submittedApplication.scores![0]!;
    const f = { ...scoreFormFrom(grid, mine), noConflictOfInterest: true };
    assert.deepEqual(scoreErrors(grid, f), {});
    assert.deepEqual(scoreBody(grid, f), { scores: mine.scores, comment: mine.comment, noConflictOfInterest: true });
    assert.equal(scorePreview(grid, f).total, 73);
    assert.equal(scorePreview(grid, { ...f, values: { ...f.values, relevance: '0' } }).eliminated, true);
  });
  it('asks a completion with a message and a due date to come', () => {
    assert.deepEqual(Object.keys(completionErrors({ message: ' ', dueOn: '' }, '2027-02-01')), ['message', 'dueAt']);
    assert.equal(
      completionErrors({ message: 'RIB', dueOn: '2027-01-31' }, '2027-02-01').dueAt,
      'La date limite ne peut pas être passée',
    );
    assert.deepEqual(completionErrors({ message: 'RIB', dueOn: '2027-02-01' }, '2027-02-01'), {});
  });
  it('grants at most the amount requested, and rejects with reasons', () => {
    assert.equal(
      nn(decisionErrors({ decision: 'selected', amount: '13 000', reasons: 'ok' }, 12500).amountGranted!),
      'Montant accordé : au plus le montant demandé (12 500,00 €)',
    );
    assert.deepEqual(decisionErrors({ decision: 'selected', amount: '12 500', reasons: 'ok' }, 12500), {});
    assert.equal(
      decisionErrors({ decision: 'rejected', amount: '', reasons: '' }, 12500).reasons,
      'Motifs : à renseigner',
    );
    assert.deepEqual(decisionBody({ decision: 'rejected', amount: '5', reasons: ' Hors cadre ' }), {
      decision: 'rejected',
      reasons: 'Hors cadre',
    });
    assert.deepEqual(decisionBody({ decision: 'selected', amount: '11 000,50', reasons: 'Bien' }), {
      decision: 'selected',
      amountGranted: 11000.5,
      reasons: 'Bien',
    });
  });
});

describe('committee simulation', () => {
  const ids = fixtureRanking.lines.map((l) => l.applicationId);
  it('starts with nothing selected and the whole envelope left', () => {
    const s = initialSimulation(fixtureRanking);
    assert.equal(
      nn(totalsLabel(simulationTotals(fixtureRanking, s))),
      'Enveloppe : 100 000,00 € — Sélectionné : 0,00 € — Reste : 100 000,00 €',
    );
  });
  it('counts the selected amounts, capped at the amount requested, and warns over the envelope', () => {
    let s = initialSimulation(fixtureRanking);
    for (const id of ids.slice(0, 3)) s = toggleLine(s, id, true);
    s = setAmount(s, ids[2]!, '20 000');
    assert.equal(
      nn(totalsLabel(simulationTotals(fixtureRanking, s))),
      'Enveloppe : 100 000,00 € — Sélectionné : 85 000,00 € — Reste : 15 000,00 €',
    );
    s = setAmount(s, ids[2]!, '50 000');
    assert.equal(simulationTotals(fixtureRanking, s).selected, 85000, 'capped at the 20 000 € requested');
    s = setAmount(s, ids[2]!, '20 000');
    s = toggleLine(s, ids[3]!, true);
    const t = simulationTotals(fixtureRanking, s);
    assert.equal(t.over, true);
    assert.equal(t.left, -13000);
    s = { ...s, rejectReasons: 'Classement insuffisant au regard de l’enveloppe.' };
    assert.equal(nn(simulationErrors(fixtureRanking, s).envelope!), 'La sélection dépasse l’enveloppe de 13 000,00 €');
  });
  it('counts the amounts already granted', () => {
    const r = { ...fixtureRanking, granted: 90_000 };
    const s = toggleLine(initialSimulation(r), ids[4]!, true);
    assert.equal(simulationTotals(r, s).left, -5000);
  });
  it('names the lines whose amount or reasons are missing', () => {
    let s = toggleLine(initialSimulation(fixtureRanking), ids[0]!, true);
    s = setAmount(s, ids[0]!, '40 000');
    const e = simulationErrors(fixtureRanking, s);
    assert.match(nn(e[`amount.${ids[0]}`]!), /au plus le montant demandé \(35 000,00 €\)/);
    assert.ok(e[`reasons.${ids[1]}`], 'a rejected line without reasons');
  });
  it('plans the selected decisions first, the others rejected with the common or their own reasons', () => {
    let s = toggleLine(initialSimulation(fixtureRanking), ids[1]!, true);
    s = setAmount(s, ids[1]!, '25 000,50');
    s = { ...s, rejectReasons: 'Classement insuffisant.' };
    s = setLineReasons(s, ids[4]!, 'Critère éliminatoire : pertinence notée 0.');
    const plan = plannedDecisions(fixtureRanking, s);
    assert.deepEqual(
      plan.map((p) => p.applicationId),
      [ids[1], ids[0], ids[2], ids[3], ids[4]],
    );
    assert.deepEqual(plan[0]!.body, {
      decision: 'selected',
      amountGranted: 25000.5,
      reasons: 'Projet retenu par le comité de sélection.',
    });
    assert.deepEqual(plan[1]!.body, { decision: 'rejected', reasons: 'Classement insuffisant.' });
    assert.equal(plan[4]!.body.reasons, 'Critère éliminatoire : pertinence notée 0.');
  });
  it('leaves out the lines already decided', () => {
    const r = {
      ...fixtureRanking,
      lines: fixtureRanking.lines.map((l, i) =>
        i === 0 ? { ...l, status: 'selected' as const, amountGranted: 30000 } : l,
      ),
    };
    assert.equal(plannedDecisions(r, { ...initialSimulation(r), rejectReasons: 'x' }).length, 4);
  });
});
