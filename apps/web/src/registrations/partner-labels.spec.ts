import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegistrationItem } from '@catalogue/contracts';
import {
  attendanceOf,
  capacityError,
  capacityResultLabel,
  channelLabel,
  durationLabel,
  inboxSections,
  percentLabel,
  phoneLabel,
  seatsLabel,
  sessionLabel,
  shortSessionLabel,
  timeLabel,
} from './partner-labels.js';

let next = 0;
const item = (o: Partial<RegistrationItem> & { sessionStart?: string | null }): RegistrationItem => {
  const { sessionStart = '2027-03-01T08:00:00.000Z', ...rest } = o;
  next += 1;
  return {
    id: `r${next}`,
    status: 'accepted',
    channel: 'self',
    offer: { id: 'o1', title: 'Atelier vélo', access: 'open', seatAllocation: 'review', cancellationCutoffHours: 24 },
    organization: { id: 'org', name: 'Structure' },
    session:
      sessionStart === null
        ? null
        : { id: `s-${sessionStart}`, startsAt: sessionStart, endsAt: null, capacity: 10, accepted: 2, waitlist: 0 },
    person: {
      firstName: 'Léa',
      lastName: 'Martin',
      email: null,
      phone: null,
      communeInsee: null,
      commune: null,
      situation: null,
      ageBand: null,
      sex: null,
      hasAccount: false,
    },
    referent: null,
    waitlistPosition: null,
    refusalReason: null,
    refusalMessage: null,
    cancelledBy: null,
    excused: false,
    attendance: null,
    outcome: null,
    message: null,
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
    can: { cancel: false, accept: false, refuse: false, waitlist: false, attendance: false, outcome: false },
    lateCancellation: false,
    ...rest,
  };
};

describe('a structure’s registrations, in French', () => {
  it('says a session’s day and times in Paris time', () => {
    assert.equal(timeLabel('2027-03-01T08:00:00.000Z'), '9 h');
    assert.equal(timeLabel('2027-07-01T12:30:00.000Z'), '14 h 30');
    assert.equal(
      sessionLabel('2027-03-01T08:00:00.000Z', '2027-03-01T11:30:00.000Z'),
      'lundi 1 mars 2027, de 9 h à 12 h 30',
    );
    assert.equal(sessionLabel('2027-03-01T08:00:00.000Z', null), 'lundi 1 mars 2027 à 9 h');
    assert.equal(shortSessionLabel('2026-12-09T09:00:00.000Z'), '9 déc. 2026, 10 h');
    assert.equal(
      sessionLabel('2027-03-01T08:00:00.000Z', '2027-03-05T16:00:00.000Z'),
      'du 1 mars 2027 à 9 h au 5 mars 2027 à 17 h',
    );
  });

  it('counts seats and the wait list as the structure reads them', () => {
    assert.equal(seatsLabel({ accepted: 12, capacity: 15, waitlist: 3 }), '12 / 15 places, 3 en liste d’attente');
    assert.equal(seatsLabel({ accepted: 0, capacity: 1, waitlist: 0 }), '0 / 1 place');
  });

  it('writes a French mobile number in pairs, and any other number as given', () => {
    assert.equal(phoneLabel('0612345678'), '06 12 34 56 78');
    assert.equal(phoneLabel('06.12.34.56.78'), '06 12 34 56 78');
    assert.equal(phoneLabel('+33 6 12 34 56 78'), '+33 6 12 34 56 78');
  });

  it('names the channel: a direct registration or the referent who prescribed', () => {
    assert.equal(channelLabel({ channel: 'self', referent: null }), 'inscription directe');
    assert.equal(
      channelLabel({
        channel: 'prescription',
        referent: { id: 'u', name: 'Paul Roux', email: 'p@x.fr', organizationName: 'CCAS de Valence' },
      }),
      'prescrit par Paul Roux (CCAS de Valence)',
    );
    assert.equal(
      channelLabel({
        channel: 'prescription',
        referent: { id: 'u', name: 'Paul Roux', email: 'p@x.fr', organizationName: null },
      }),
      'prescrit par Paul Roux',
    );
  });

  it('lists the requests to decide first, then every session of the page by its start', () => {
    const late = item({ status: 'accepted', sessionStart: '2027-04-01T08:00:00.000Z' });
    const early = item({ status: 'waitlisted', sessionStart: '2027-03-01T08:00:00.000Z' });
    const pendingOnly = item({ status: 'pending', sessionStart: '2027-03-15T08:00:00.000Z' });
    const pendingEarly = item({ status: 'pending', sessionStart: '2027-03-01T08:00:00.000Z' });
    const continuous = item({ status: 'accepted', sessionStart: null });
    const { pending, groups } = inboxSections([pendingOnly, pendingEarly, continuous, late, early]);
    assert.deepEqual(
      pending.map((i) => i.id),
      [pendingOnly.id, pendingEarly.id],
    );
    assert.deepEqual(
      groups.map((g) => [g.key, g.items.map((i) => i.id), g.pending]),
      [
        ['s-2027-03-01T08:00:00.000Z', [early.id], 1],
        ['s-2027-03-15T08:00:00.000Z', [], 1],
        ['s-2027-04-01T08:00:00.000Z', [late.id], 0],
        ['offer:o1', [continuous.id], 0],
      ],
    );
  });

  it('reads the attendance back from the state', () => {
    assert.equal(attendanceOf({ status: 'accepted', excused: false }), null);
    assert.equal(attendanceOf({ status: 'attended', excused: false }), 'present');
    assert.equal(attendanceOf({ status: 'absent', excused: false }), 'absent');
    assert.equal(attendanceOf({ status: 'absent', excused: true }), 'excused');
  });

  it('refuses a capacity under the people accepted, and says how many were promoted', () => {
    assert.equal(capacityError('16', 12), undefined);
    assert.equal(capacityError('12', 12), undefined);
    assert.match(capacityError('11', 12)!, /12 personnes sont déjà acceptées/);
    assert.match(capacityError('0', 0)!, /au moins une place/);
    assert.match(capacityError('douze', 0)!, /nombre de places/);
    assert.match(capacityError('20000', 0)!, /au plus/);
    assert.equal(
      capacityResultLabel({ capacity: 16, promoted: 2 }),
      'Capacité portée à 16 places : 2 personnes de la liste d’attente ont reçu une place (elles en sont informées).',
    );
    assert.match(capacityResultLabel({ capacity: 16, promoted: 0 }), /personne n’attendait/);
  });

  it('says durations and rates for the dashboard', () => {
    assert.equal(durationLabel(null), '—');
    assert.equal(durationLabel(0.5), 'moins d’une heure');
    assert.equal(durationLabel(18.4), '18 h');
    assert.equal(durationLabel(60), '2,5 jours');
    assert.equal(percentLabel(0.8), '80 %');
  });
});
