import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aheadLabel,
  createdTitle,
  joinLabel,
  momentLabel,
  registrationOptions,
  sessionLabel,
  statusBadge,
  upcomingSessions,
} from './registration-text.js';

const can = (registerSelf: boolean, prescribe: boolean) => ({ registerSelf, prescribe });
/** The labels keep their units with no-break spaces; compared here with plain ones. */
const plain = (s: string): string => s.replace(/\u00a0/g, ' ');

describe('registration wording', () => {
  it('writes sessions as the offer page does, with their times, and the moments of a history', () => {
    assert.equal(
      plain(sessionLabel('2027-03-02T08:00:00Z', '2027-03-02T11:30:00Z')),
      'mardi 2 mars 2027, 9 h 00 – 12 h 30',
    );
    assert.equal(plain(momentLabel('2027-03-02T09:12:00Z')), 'le 2 mars 2027 à 10 h 12');
  });

  it('says how many wait before you', () => {
    assert.equal(aheadLabel(0), 'personne avant vous');
    assert.equal(aheadLabel(1), '1 personne avant vous');
    assert.equal(aheadLabel(3), '3 personnes avant vous');
    assert.equal(joinLabel({ placesLeft: 2, waitlist: 0 }), 'S’inscrire');
    assert.equal(
      joinLabel({ placesLeft: 0, waitlist: 3 }),
      'Complet — rejoindre la liste d’attente (3 personnes avant vous)',
    );
  });

  it('keeps the sessions not started yet, soonest first', () => {
    const now = Date.parse('2027-03-01T00:00:00Z');
    const sessions = [
      { id: 'c', startsAt: '2027-04-01T08:00:00Z' },
      { id: 'a', startsAt: '2027-02-01T08:00:00Z' },
      { id: 'b', startsAt: '2027-03-02T08:00:00Z' },
    ];
    assert.deepEqual(
      upcomingSessions(sessions, now).map((s) => s.id),
      ['b', 'c'],
    );
  });

  it('badges an excused absence and a wait-list position', () => {
    assert.equal(statusBadge({ status: 'absent', excused: true, waitlistPosition: null }).label, 'Absence excusée');
    assert.equal(statusBadge({ status: 'absent', excused: false, waitlistPosition: null }).label, 'Absent');
    assert.equal(
      statusBadge({ status: 'waitlisted', excused: false, waitlistPosition: 4 }).label,
      'Liste d’attente — position 4',
    );
  });

  it('titles the outcome of a registration for the person and for a referent', () => {
    assert.equal(createdTitle('accepted'), 'Inscription confirmée');
    assert.equal(createdTitle('waitlisted', 4), 'Vous êtes sur liste d’attente, position 4');
    assert.equal(createdTitle('waitlisted', 2, 'Camille Martin'), 'Camille Martin est sur liste d’attente, position 2');
    assert.equal(createdTitle('pending'), 'Demande envoyée à la structure');
  });
});

describe('what the offer page proposes (from capabilities, never roles)', () => {
  it('lets a beneficiary register to an offer open to it', () => {
    assert.deepEqual(registrationOptions('self_registration', can(true, false)), {
      self: 'register',
      prescribe: false,
      orientation: false,
    });
    assert.equal(registrationOptions('open', can(true, false)).self, 'register');
  });

  it('sends a visitor to sign in or create an account first', () => {
    assert.equal(registrationOptions('self_registration', null).self, 'sign-in');
  });

  it('offers a referent to register a person, prescription-only offers included', () => {
    assert.deepEqual(registrationOptions('prescription', can(false, true)), {
      self: null,
      prescribe: true,
      orientation: false,
    });
    assert.equal(registrationOptions('self_registration', can(false, true)).prescribe, true);
  });

  it('explains orientation to a beneficiary or a visitor on a prescription-only offer', () => {
    assert.deepEqual(registrationOptions('prescription', can(true, false)), {
      self: null,
      prescribe: false,
      orientation: true,
    });
    assert.equal(registrationOptions('prescription', null).orientation, true);
  });

  it('offers nothing to register oneself without the capability', () => {
    assert.equal(registrationOptions('self_registration', can(false, false)).self, null);
  });
});
