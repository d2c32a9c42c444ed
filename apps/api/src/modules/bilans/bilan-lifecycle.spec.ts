import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BILAN_STATUSES, type BilanStatus } from '@catalogue/contracts';
import {
  addDays,
  bilanPeriods,
  InvalidBilanTransition,
  isOverdue,
  plan,
  possible,
  type BilanAction,
} from './bilan-lifecycle.js';

const ACTIONS: BilanAction[] = ['open', 'edit', 'submit', 'request_changes', 'validate'];

describe('bilan lifecycle', () => {
  it('allows exactly the documented transitions', () => {
    const allowed: Record<BilanAction, BilanStatus[]> = {
      open: ['to_come'],
      edit: ['open', 'changes_requested'],
      submit: ['open', 'changes_requested'],
      request_changes: ['submitted'],
      validate: ['submitted'],
    };
    for (const action of ACTIONS)
      for (const status of BILAN_STATUSES) {
        const ok = allowed[action].includes(status);
        assert.equal(possible(action, status), ok, `${action} from ${status}`);
        if (!ok) assert.throws(() => plan(action, status), InvalidBilanTransition);
      }
  });

  it('walks a bilan from to come to validated through a request for changes', () => {
    const steps: [BilanAction, BilanStatus][] = [
      ['open', 'open'],
      ['submit', 'submitted'],
      ['request_changes', 'changes_requested'],
      ['submit', 'submitted'],
      ['validate', 'validated'],
    ];
    let status: BilanStatus = 'to_come';
    for (const [action, to] of steps) {
      const p = plan(action, status);
      assert.equal(p.from, status);
      assert.equal(p.to, to);
      status = p.to;
    }
    // Validated is final: nothing moves it again.
    for (const action of ACTIONS) assert.equal(possible(action, 'validated'), false, action);
  });

  it('freezes the figures at submission, asks for a message with a request for changes, tells the right people', () => {
    assert.equal(plan('submit', 'open').freezes, true);
    assert.deepEqual(plan('submit', 'changes_requested').notify, ['agents']);
    assert.equal(plan('request_changes', 'submitted').needsMessage, true);
    assert.deepEqual(plan('request_changes', 'submitted').notify, ['structure']);
    assert.deepEqual(plan('validate', 'submitted').notify, ['structure']);
    assert.deepEqual(plan('open', 'to_come').notify, ['structure']);
    assert.deepEqual(plan('edit', 'open').notify, []);
  });

  it('says overdue only while the structure holds the bilan past its due date', () => {
    assert.equal(isOverdue('open', '2027-01-31', '2027-02-01'), true);
    assert.equal(isOverdue('changes_requested', '2027-01-31', '2027-02-01'), true);
    assert.equal(isOverdue('open', '2027-01-31', '2027-01-31'), false);
    assert.equal(isOverdue('submitted', '2027-01-31', '2027-03-01'), false);
    assert.equal(isOverdue('validated', '2027-01-31', '2027-03-01'), false);
  });

  it('cuts an agreement into periods, one per due date and year', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2027-03-01', -30), '2027-01-30');
    // Demo shape: 1 Nov → 31 Oct, bilan due 31 Dec after the end.
    assert.deepEqual(bilanPeriods('2025-11-01', '2026-10-31', ['2026-12-31']), [
      { year: 2026, periodStart: '2025-11-01', periodEnd: '2026-10-31', dueOn: '2026-12-31' },
    ]);
    // Two due dates: the second period starts the day after the first ends.
    assert.deepEqual(bilanPeriods('2027-01-01', '2028-12-31', ['2028-12-31', '2027-12-31']), [
      { year: 2027, periodStart: '2027-01-01', periodEnd: '2027-12-31', dueOn: '2027-12-31' },
      { year: 2028, periodStart: '2028-01-01', periodEnd: '2028-12-31', dueOn: '2028-12-31' },
    ]);
    // Two due dates the same year: one bilan (the first).
    assert.equal(bilanPeriods('2027-01-01', '2027-12-31', ['2027-06-30', '2027-12-31']).length, 1);
    assert.deepEqual(bilanPeriods('2027-01-01', '2027-12-31', []), []);
  });
});
