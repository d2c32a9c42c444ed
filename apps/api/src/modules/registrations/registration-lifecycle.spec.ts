// The registration's state machine, every action from every state, without a database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '@catalogue/contracts';
import {
  ACTIVE_STATUSES,
  InvalidRegistrationTransition,
  plan,
  type Plan,
  type RegistrationAction,
  type RegistrationFacts,
} from './registration-lifecycle.js';

const facts = (status: RegistrationStatus | null, o: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
  status,
  seatAllocation: 'automatic',
  seatFree: true,
  sessionStarted: false,
  beforeCutoff: true,
  ...o,
});
const refused = (action: RegistrationAction, f: RegistrationFacts) =>
  assert.throws(() => plan(action, f), InvalidRegistrationTransition, `${action.kind} from ${f.status}`);

const ACTIONS: RegistrationAction[] = [
  { kind: 'request' },
  { kind: 'accept' },
  { kind: 'waitlist' },
  { kind: 'refuse', reason: 'full' },
  { kind: 'cancel', by: 'person' },
  { kind: 'cancel', by: 'referent' },
  { kind: 'cancel', by: 'structure' },
  { kind: 'cancel', by: 'system' },
  { kind: 'promote' },
  { kind: 'expire' },
  { kind: 'attendance', value: 'present' },
  { kind: 'attendance', value: 'absent' },
  { kind: 'attendance', value: 'excused' },
  { kind: 'outcome', status: 'completed', outcome: 'employment' },
  { kind: 'outcome', status: 'dropped_out', outcome: 'gave_up' },
];

/** Every combination of facts the machine can be asked about. */
function* everyCase(): Generator<[RegistrationAction, RegistrationFacts]> {
  for (const status of [null, ...REGISTRATION_STATUSES])
    for (const seatAllocation of ['automatic', 'review'] as const)
      for (const seatFree of [true, false])
        for (const sessionStarted of [true, false])
          for (const beforeCutoff of [true, false])
            for (const action of ACTIONS)
              yield [action, { status, seatAllocation, seatFree, sessionStarted, beforeCutoff }];
}

describe('registration lifecycle', () => {
  it('registers at once while seats are free (automatic), on the wait list when full, pending under review', () => {
    const taken = plan({ kind: 'request' }, facts(null));
    assert.deepEqual([taken.to, taken.seat], ['accepted', 'take']);
    assert.deepEqual(plan({ kind: 'request' }, facts(null, { seatFree: false })).to, 'waitlisted');
    const review = plan({ kind: 'request' }, facts(null, { seatAllocation: 'review' }));
    assert.deepEqual([review.to, review.seat], ['pending', null]);
    assert.deepEqual(review.notify, ['person', 'referent', 'structure'], 'the structure hears of a new registration');
  });

  it('accepting takes a free seat, or puts the registration on the wait list and says so', () => {
    const accepted = plan({ kind: 'accept' }, facts('pending', { seatAllocation: 'review' }));
    assert.deepEqual([accepted.event, accepted.to, accepted.seat], ['accepted', 'accepted', 'take']);
    const full = plan({ kind: 'accept' }, facts('pending', { seatAllocation: 'review', seatFree: false }));
    assert.deepEqual([full.event, full.to, full.seat], ['waitlisted', 'waitlisted', null]);
  });

  it('never accepts a waiting registration out of turn: only the promotion of the first gives it a seat', () => {
    refused({ kind: 'accept' }, facts('waitlisted'));
    const promoted = plan({ kind: 'promote' }, facts('waitlisted'));
    assert.deepEqual([promoted.to, promoted.seat], ['accepted', 'take']);
    refused({ kind: 'promote' }, facts('waitlisted', { seatFree: false }));
    refused({ kind: 'promote' }, facts('pending'));
  });

  it('a cancelled seat goes to the wait list; after the cut-off the person’s cancellation is an excused absence', () => {
    const early = plan({ kind: 'cancel', by: 'person' }, facts('accepted'));
    assert.deepEqual([early.to, early.seat, early.promoteNext], ['cancelled', 'free', true]);
    const late = plan({ kind: 'cancel', by: 'referent' }, facts('accepted', { beforeCutoff: false }));
    assert.deepEqual(
      [late.event, late.to, late.excused, late.seat, late.promoteNext],
      ['cancelled_late', 'absent', true, 'free', true],
    );
    const byStructure = plan({ kind: 'cancel', by: 'structure' }, facts('accepted', { beforeCutoff: false }));
    assert.equal(byStructure.to, 'cancelled', 'the structure is not held by the cut-off');
    const waiting = plan({ kind: 'cancel', by: 'person' }, facts('waitlisted'));
    assert.deepEqual([waiting.to, waiting.seat, waiting.promoteNext], ['cancelled', null, false]);
  });

  it('refuses with a reason only what is waiting for a decision', () => {
    for (const status of ['pending', 'waitlisted'] as const)
      assert.equal(plan({ kind: 'refuse', reason: 'prerequisites_not_met' }, facts(status)).to, 'refused');
    for (const status of ['accepted', 'cancelled', 'attended'] as const)
      refused({ kind: 'refuse', reason: 'other' }, facts(status));
  });

  it('once the session has started: nothing new, what waits expires, the structure records attendance', () => {
    const started = { sessionStarted: true };
    refused({ kind: 'request' }, facts(null, started));
    refused({ kind: 'accept' }, facts('pending', started));
    refused({ kind: 'cancel', by: 'person' }, facts('accepted', started));
    refused({ kind: 'promote' }, facts('waitlisted', started));
    assert.equal(plan({ kind: 'expire' }, facts('waitlisted', started)).to, 'expired');
    assert.equal(plan({ kind: 'expire' }, facts('pending')).to, 'expired', 'no decision in time');
    refused({ kind: 'expire' }, facts('waitlisted'));
    refused({ kind: 'attendance', value: 'present' }, facts('accepted'));
    assert.equal(plan({ kind: 'attendance', value: 'present' }, facts('accepted', started)).to, 'attended');
    const excused = plan({ kind: 'attendance', value: 'excused' }, facts('attended', started));
    assert.deepEqual([excused.to, excused.excused], ['absent', true], 'a mistake is corrected');
  });

  it('closes with an outcome after attendance', () => {
    const closed = plan({ kind: 'outcome', status: 'completed', outcome: 'training' }, facts('attended'));
    assert.deepEqual([closed.event, closed.to], ['closed', 'completed']);
    assert.equal(
      plan({ kind: 'outcome', status: 'dropped_out', outcome: 'gave_up' }, facts('absent')).to,
      'dropped_out',
    );
    refused({ kind: 'outcome', status: 'completed', outcome: 'employment' }, facts('accepted'));
  });

  it('over every state, action and fact: a plan or InvalidRegistrationTransition, and the seat rules hold', () => {
    let plans = 0;
    for (const [action, f] of everyCase()) {
      let p: Plan;
      try {
        p = plan(action, f);
      } catch (e) {
        assert.ok(e instanceof InvalidRegistrationTransition, `${action.kind} from ${f.status}: ${String(e)}`);
        continue;
      }
      plans++;
      const where = `${action.kind} ${JSON.stringify(f)} → ${p.to}`;
      assert.equal(p.from, f.status, where);
      if (p.seat === 'take') assert.ok(f.seatFree && !f.sessionStarted, `a seat is only taken when free: ${where}`);
      if (p.to === 'accepted') assert.equal(p.seat, 'take', `accepted always holds a seat: ${where}`);
      assert.equal(p.promoteNext, p.seat === 'free', `a freed seat goes to the wait list: ${where}`);
      if (p.seat === 'free') assert.equal(f.status, 'accepted', where);
      assert.ok(REGISTRATION_STATUSES.includes(p.to), where);
    }
    assert.ok(plans > 100, `${plans} plans`);
  });

  it('keeps a session exact over any sequence: never more accepted than seats, the wait list served in order', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 200; run++) {
      const capacity = 1 + Math.floor(random() * 5);
      let accepted = 0;
      const status: RegistrationStatus[] = [];
      const waitlist: number[] = [];
      const apply = (i: number, action: RegistrationAction) => {
        const f = facts(status[i] ?? null, { seatFree: accepted < capacity, seatAllocation: 'automatic' });
        let p: Plan;
        try {
          p = plan(action, f);
        } catch {
          return;
        }
        status[i] = p.to;
        if (p.seat === 'take') accepted++;
        if (p.seat === 'free') accepted--;
        if (p.to === 'waitlisted') waitlist.push(i);
        else if (waitlist.includes(i)) waitlist.splice(waitlist.indexOf(i), 1);
        // The repository promotes the first in line, in the same transaction.
        if (p.promoteNext && waitlist.length) apply(waitlist[0]!, { kind: 'promote' });
      };
      for (let step = 0; step < 40; step++) {
        const i = Math.floor(random() * 12);
        const pick = random();
        apply(
          i,
          pick < 0.5
            ? { kind: 'request' }
            : pick < 0.8
              ? { kind: 'cancel', by: 'person' }
              : { kind: 'refuse', reason: 'other' },
        );
        assert.ok(accepted <= capacity, `run ${run}: ${accepted} accepted for ${capacity} seats`);
        assert.equal(accepted, status.filter((s) => s === 'accepted').length);
        // Nobody waits while a seat is free.
        assert.ok(!(waitlist.length && accepted < capacity), `run ${run}: a seat is free while people wait`);
      }
    }
  });

  it('active registrations are the ones that hold or wait for a seat', () => {
    assert.deepEqual([...ACTIVE_STATUSES], ['pending', 'accepted', 'waitlisted']);
  });
});
