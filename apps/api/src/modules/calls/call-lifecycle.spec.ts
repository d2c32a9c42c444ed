// The call's state machine and its edit rules, every action from every state, without a database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CALL_STATUSES, type CallStatus } from '@catalogue/contracts';
import { checkEdit, InvalidCallTransition, transition, type CallAction, type CallField } from './call-lifecycle.js';

const ACTIONS: CallAction[] = ['publish', 'close', 'withdraw', 'decide'];
const ALLOWED: Record<CallAction, [CallStatus, CallStatus]> = {
  publish: ['draft', 'published'],
  close: ['published', 'closed'],
  withdraw: ['published', 'withdrawn'],
  decide: ['closed', 'decided'],
};

describe('call lifecycle', () => {
  it('allows exactly draft → published → closed → decided and published → withdrawn', () => {
    for (const action of ACTIONS)
      for (const status of CALL_STATUSES) {
        const [from, to] = ALLOWED[action];
        if (status === from) assert.equal(transition(action, { status, undecidedApplications: 0 }).to, to);
        else
          assert.throws(
            () => transition(action, { status, undecidedApplications: 0 }),
            (e: unknown) => e instanceof InvalidCallTransition && e.code === 'invalid_transition',
            `${action} from ${status}`,
          );
      }
  });

  it('refuses the results while an application waits for its decision', () => {
    assert.throws(
      () => transition('decide', { status: 'closed', undecidedApplications: 2 }),
      (e: unknown) =>
        e instanceof InvalidCallTransition && e.code === 'undecided_applications' && /2 dossier/.test(e.message),
    );
    assert.equal(transition('decide', { status: 'closed', undecidedApplications: 0 }).event, 'decided');
  });

  it('lets a draft change everything', () => {
    const all: CallField[] = ['title', 'questions', 'grid', 'envelope', 'opensAt', 'closesAt', 'fiches', 'territory'];
    assert.deepEqual(checkEdit('draft', all, false), { ok: true });
  });

  it('freezes the form, grid, envelope, eligibility and opening of a published call, naming the field', () => {
    for (const field of [
      'questions',
      'documents',
      'grid',
      'envelope',
      'opensAt',
      'fiches',
      'eligibleKinds',
      'eligiblePublics',
      'territory',
    ] as CallField[]) {
      const v = checkEdit('published', ['title', field], true);
      assert.equal(v.ok, false);
      if (!v.ok) assert.deepEqual([v.code, v.field], ['form_frozen', field]);
    }
  });

  it('lets a published call change its title, context and postpone (never advance) its deadline', () => {
    assert.deepEqual(checkEdit('published', ['title', 'context', 'closesAt'], true), { ok: true });
    const earlier = checkEdit('published', ['closesAt'], false);
    assert.equal(earlier.ok, false);
    if (!earlier.ok) assert.deepEqual([earlier.code, earlier.field], ['form_frozen', 'closesAt']);
  });

  it('keeps closed, decided and withdrawn calls read-only, yet accepts an unchanged body', () => {
    for (const status of ['closed', 'decided', 'withdrawn'] as CallStatus[]) {
      const v = checkEdit(status, ['title'], true);
      assert.equal(v.ok, false);
      if (!v.ok) assert.equal(v.code, 'not_editable');
      assert.deepEqual(checkEdit(status, [], false), { ok: true });
    }
  });
});
