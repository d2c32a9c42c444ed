// The demo's registrations are replayed through the state machine before anything is written:
// seats, wait list and promotions come out as the service would leave them (no database here).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DemoRegistrationError,
  replayDemoRegistrations,
  type DemoPerson,
  type DemoRegistration,
  type DemoStep,
} from './registrations-demo-replay.js';

const DAY = 86_400_000;
const now = Date.parse('2027-03-01T10:00:00Z');
const ago = (days: number) => new Date(now - days * DAY);
const person = (firstName: string): DemoPerson => ({
  firstName,
  lastName: 'Exemple',
  email: null,
  phone: null,
  communeInsee: null,
  situation: null,
  ageBand: null,
  sex: null,
  userId: null,
});
const offers = new Map([
  ['auto', { seatAllocation: 'automatic' as const, cancellationCutoffHours: 24 }],
  ['review', { seatAllocation: 'review' as const, cancellationCutoffHours: 24 }],
]);
const sessions = new Map([
  ['soon', { startsAt: new Date(now + 5 * DAY), capacity: 2, booked: 0, waitlisted: 0 }],
  ['past', { startsAt: ago(3), capacity: 5, booked: 0, waitlisted: 0 }],
]);
const reg = (name: string, offerId: string, sessionId: string, steps: DemoStep[]): DemoRegistration => ({
  person: person(name),
  offerId,
  sessionId,
  referent: null,
  structureActorId: null,
  steps,
});

describe('demo registrations (replay)', () => {
  it('gives a freed seat to the first waiting and ends with the counters of the rows', () => {
    const { rows, events, seats } = replayDemoRegistrations(
      [
        reg('Alix', 'auto', 'soon', [{ kind: 'request', at: ago(10) }]),
        reg('Basile', 'auto', 'soon', [
          { kind: 'request', at: ago(9) },
          { kind: 'cancel', at: ago(4), by: 'person' },
        ]),
        reg('Chloé', 'auto', 'soon', [{ kind: 'request', at: ago(8) }]),
        reg('Dina', 'auto', 'soon', [{ kind: 'request', at: ago(7) }]),
      ],
      offers,
      sessions,
    );
    assert.deepEqual(
      rows.map((r) => r.status),
      ['accepted', 'cancelled', 'accepted', 'waitlisted'],
    );
    assert.equal(rows[2]!.promoted, true);
    assert.equal(rows[2]!.waitlistedAt, null);
    assert.deepEqual(rows[3]!.waitlistedAt, ago(7));
    assert.deepEqual(seats.get('soon'), { booked: 2, waitlisted: 1 });
    // Chloé's history: wait-listed, then promoted by the system just after Basile's cancellation.
    assert.deepEqual(
      events.filter((e) => e.registrationId === rows[2]!.id).map((e) => [e.event, e.actorKind]),
      [
        ['waitlisted', 'person'],
        ['promoted', 'system'],
      ],
    );
  });

  it('records a late cancellation as an excused absence, and the structure’s decisions with their time', () => {
    const { rows, events, seats } = replayDemoRegistrations(
      [
        reg('Élie', 'review', 'past', [
          { kind: 'request', at: ago(20) },
          { kind: 'accept', at: ago(19) },
          { kind: 'cancel', at: new Date(ago(3).getTime() - 3_600_000), by: 'person' },
        ]),
        reg('Fanny', 'review', 'past', [
          { kind: 'request', at: ago(20) },
          { kind: 'refuse', at: ago(18), reason: 'other', message: 'Hors du territoire.' },
        ]),
      ],
      offers,
      sessions,
    );
    assert.equal(rows[0]!.status, 'absent');
    assert.equal(rows[0]!.excused, true);
    assert.equal(rows[0]!.cancelledBy, 'person');
    assert.equal(rows[0]!.attendance, 'excused');
    assert.deepEqual(rows[0]!.decidedAt, ago(19));
    assert.deepEqual(rows[1]!.decidedAt, ago(18));
    assert.equal(events.find((e) => e.event === 'refused')!.detail, 'Motif : autre — Hors du territoire.');
    assert.equal(events.find((e) => e.event === 'cancelled_late')!.to, 'absent');
    assert.deepEqual(seats.get('past'), { booked: 0, waitlisted: 0 });
  });

  it('refuses a step the state machine refuses, naming the person', () => {
    assert.throws(
      () =>
        replayDemoRegistrations(
          [
            reg('Gaspard', 'auto', 'soon', [
              { kind: 'request', at: ago(5) },
              { kind: 'attendance', at: ago(4), value: 'present' },
            ]),
          ],
          offers,
          sessions,
        ),
      (e: unknown) => e instanceof DemoRegistrationError && /\(Gaspard Exemple\), attendance/.test(e.message),
    );
  });
});
