// The application's state machine, every action from every state, without a database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APPLICATION_STATUSES, CALL_STATUSES, type ApplicationStatus } from '@catalogue/contracts';
import {
  InvalidApplicationTransition,
  plan,
  type ApplicationAction,
  type ApplicationFacts,
} from './application-lifecycle.js';

const facts = (status: ApplicationStatus | null, o: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
  status,
  callStatus: 'published',
  callOpened: true,
  beforeDeadline: true,
  beforeCompletionDue: true,
  ...o,
});
const refusedWith = (action: ApplicationAction, f: ApplicationFacts, code: string) =>
  assert.throws(
    () => plan(action, f),
    (e: unknown) => e instanceof InvalidApplicationTransition && e.code === code,
    `${action.kind} from ${f.status} should be refused with ${code}`,
  );

const ACTIONS: ApplicationAction[] = [
  { kind: 'start' },
  { kind: 'edit' },
  { kind: 'submit' },
  { kind: 'withdraw' },
  { kind: 'request_completion' },
  { kind: 'score' },
  { kind: 'decide', decision: 'selected' },
  { kind: 'decide', decision: 'rejected' },
];

describe('application lifecycle', () => {
  it('answers every action from every state and every call state: a plan or a refusal, never anything else', () => {
    for (const status of [null, ...APPLICATION_STATUSES])
      for (const callStatus of CALL_STATUSES)
        for (const beforeDeadline of [true, false])
          for (const beforeCompletionDue of [true, false])
            for (const action of ACTIONS) {
              const f = facts(status, { callStatus, beforeDeadline, beforeCompletionDue });
              try {
                const p = plan(action, f);
                assert.equal(p.from, status);
              } catch (e) {
                assert.ok(e instanceof InvalidApplicationTransition, `${action.kind} from ${status}: ${String(e)}`);
              }
            }
  });

  it('starts a draft only while the call is published, opened and before its deadline', () => {
    assert.equal(plan({ kind: 'start' }, facts(null)).to, 'draft');
    refusedWith({ kind: 'start' }, facts(null, { beforeDeadline: false }), 'call_closed');
    refusedWith({ kind: 'start' }, facts(null, { callOpened: false }), 'call_not_open');
    refusedWith({ kind: 'start' }, facts(null, { callStatus: 'closed' }), 'call_closed');
    refusedWith({ kind: 'start' }, facts('draft'), 'invalid_transition');
  });

  it('submits a draft once, before the deadline; after it, call_closed even if the call still says published', () => {
    const p = plan({ kind: 'submit' }, facts('draft'));
    assert.deepEqual([p.event, p.to, p.notify], ['submitted', 'submitted', ['structure']]);
    refusedWith({ kind: 'submit' }, facts('draft', { beforeDeadline: false }), 'call_closed');
    refusedWith({ kind: 'submit' }, facts('draft', { callStatus: 'closed' }), 'call_closed');
    for (const s of ['submitted', 'withdrawn', 'selected', 'rejected'] as const)
      refusedWith({ kind: 'submit' }, facts(s), 'invalid_transition');
  });

  it('takes a resubmission after a completion request until its due date, even after the call’s deadline', () => {
    const p = plan({ kind: 'submit' }, facts('completion_requested', { beforeDeadline: false, callStatus: 'closed' }));
    assert.deepEqual([p.event, p.to], ['resubmitted', 'submitted']);
    assert.deepEqual(p.notify, ['structure', 'instructors']);
    refusedWith({ kind: 'submit' }, facts('completion_requested', { beforeCompletionDue: false }), 'call_closed');
    refusedWith({ kind: 'submit' }, facts('completion_requested', { callStatus: 'withdrawn' }), 'call_closed');
  });

  it('edits only a draft or an application sent back for completion', () => {
    assert.equal(plan({ kind: 'edit' }, facts('draft')).to, 'draft');
    assert.equal(plan({ kind: 'edit' }, facts('completion_requested')).to, 'completion_requested');
    for (const s of ['submitted', 'withdrawn', 'selected', 'rejected'] as const)
      refusedWith({ kind: 'edit' }, facts(s), 'invalid_transition');
  });

  it('withdraws until the decision, telling the instructors once it was submitted', () => {
    assert.deepEqual(plan({ kind: 'withdraw' }, facts('draft')).notify, []);
    assert.deepEqual(plan({ kind: 'withdraw' }, facts('submitted')).notify, ['instructors']);
    assert.equal(plan({ kind: 'withdraw' }, facts('completion_requested')).to, 'withdrawn');
    for (const s of ['withdrawn', 'selected', 'rejected'] as const)
      refusedWith({ kind: 'withdraw' }, facts(s), 'invalid_transition');
  });

  it('asks for completion only of a submitted application; scores it while submitted or sent back', () => {
    assert.equal(plan({ kind: 'request_completion' }, facts('submitted')).to, 'completion_requested');
    refusedWith({ kind: 'request_completion' }, facts('draft'), 'invalid_transition');
    refusedWith({ kind: 'request_completion' }, facts('completion_requested'), 'invalid_transition');
    assert.equal(plan({ kind: 'score' }, facts('submitted')).event, null);
    assert.equal(plan({ kind: 'score' }, facts('completion_requested')).event, null);
    for (const s of ['draft', 'withdrawn', 'selected', 'rejected'] as const)
      refusedWith({ kind: 'score' }, facts(s), 'invalid_transition');
  });

  it('decides a submitted application once, after the call’s deadline', () => {
    const closed = { beforeDeadline: false } as const;
    assert.equal(plan({ kind: 'decide', decision: 'selected' }, facts('submitted', closed)).to, 'selected');
    assert.equal(
      plan({ kind: 'decide', decision: 'rejected' }, facts('submitted', { callStatus: 'closed' })).to,
      'rejected',
    );
    refusedWith({ kind: 'decide', decision: 'selected' }, facts('submitted'), 'call_not_closed');
    refusedWith({ kind: 'decide', decision: 'selected' }, facts('completion_requested', closed), 'invalid_transition');
    refusedWith({ kind: 'decide', decision: 'rejected' }, facts('selected', closed), 'invalid_transition');
    refusedWith({ kind: 'decide', decision: 'selected' }, facts('rejected', closed), 'invalid_transition');
  });
});
