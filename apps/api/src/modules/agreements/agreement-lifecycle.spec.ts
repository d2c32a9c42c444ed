// The agreement's state machine, every action from every state, without a database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGREEMENT_STATUSES, type AgreementStatus } from '@catalogue/contracts';
import {
  factsOf,
  InvalidAgreementTransition,
  parisToday,
  plan,
  type AgreementAction,
  type AgreementFacts,
} from './agreement-lifecycle.js';

const facts = (status: AgreementStatus, o: Partial<AgreementFacts> = {}): AgreementFacts => ({
  status,
  started: false,
  over: false,
  ...o,
});
const ACTIONS: AgreementAction[] = ['edit', 'send', 'sign', 'start', 'close', 'expire'];

describe('agreement lifecycle', () => {
  it('allows exactly these transitions, and refuses every other action from every state', () => {
    const allowed = new Map<string, string>([
      ['edit draft', 'draft'],
      ['send draft', 'sent'],
      ['sign sent', 'signed'],
      ['start signed', 'running'],
      ['close running', 'closed'],
      ['expire running', 'closed'],
    ]);
    for (const action of ACTIONS)
      for (const status of AGREEMENT_STATUSES) {
        const f = facts(status, { started: true, over: true });
        const key = `${action} ${status}`;
        if (allowed.has(key)) {
          const to = plan(action, f).to;
          // A signature on or after the first day goes straight to running.
          assert.equal(to, key === 'sign sent' ? 'running' : allowed.get(key), key);
        } else assert.throws(() => plan(action, f), InvalidAgreementTransition, key);
      }
  });

  it('signs into « signed » before the first day, and creates the offer and tells the agents', () => {
    const p = plan('sign', facts('sent'));
    assert.deepEqual([p.to, p.createsOffer, p.notify.includes('agents')], ['signed', true, true]);
  });

  it('sends with the PDF attached to the structure', () => {
    const p = plan('send', facts('draft'));
    assert.deepEqual([p.to, p.attachPdf, p.notify], ['sent', true, ['structure']]);
  });

  it('starts only from the first day, and expires only once the end and the last bilan are past', () => {
    assert.throws(() => plan('start', facts('signed', { started: false })), InvalidAgreementTransition);
    assert.throws(() => plan('expire', facts('running', { over: false })), InvalidAgreementTransition);
    assert.equal(plan('close', facts('running', { over: false })).to, 'closed');
  });

  it('reads the facts on a Paris day: the last of the end and the bilan due dates', () => {
    const a = {
      status: 'running' as const,
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      bilanDueDates: ['2028-02-28'],
    };
    assert.deepEqual(factsOf(a, '2027-01-01'), { status: 'running', started: true, over: false });
    assert.equal(factsOf(a, '2028-02-28').over, false);
    assert.equal(factsOf(a, '2028-02-29').over, true);
    assert.equal(factsOf({ ...a, bilanDueDates: [] }, '2028-01-01').over, true);
    // 23:30 UTC on 31 December is already 1 January in Paris.
    assert.equal(parisToday(new Date('2026-12-31T23:30:00Z')), '2027-01-01');
  });
});
