import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countLabel,
  distanceLabel,
  periodLabel,
  phoneHref,
  placesLeftLabel,
  sessionTimeLabel,
  timeLabel,
} from './format.js';

describe('French wording', () => {
  it('counts offers', () => {
    assert.equal(countLabel(0, 'offre', 'offres'), 'aucune offre');
    assert.equal(countLabel(1, 'offre', 'offres'), '1 offre');
    assert.equal(countLabel(1234, 'offre', 'offres').replace(/\s/g, ' '), '1 234 offres');
    assert.equal(countLabel(0, 'résultat', 'résultats', false), 'aucun résultat');
  });

  it('writes distances', () => {
    assert.deepEqual([0.004, 0.349, 1.23, 9.96, 27.4].map(distanceLabel), [
      'à moins de 100 m',
      'à 350 m',
      'à 1,2 km',
      'à 10 km',
      'à 27 km',
    ]);
  });

  it('writes places left', () => {
    assert.equal(placesLeftLabel(0, 12), 'Complet');
    assert.equal(placesLeftLabel(1, 12), '1 place restante sur 12');
    assert.equal(placesLeftLabel(5, 12), '5 places restantes sur 12');
  });

  it('names the wait list of a full session', () => {
    assert.equal(placesLeftLabel(0, 12, 0), 'Complet');
    assert.equal(placesLeftLabel(0, 12, 1), 'Complet — 1 personne en liste d’attente');
    assert.equal(placesLeftLabel(0, 12, 3), 'Complet — 3 personnes en liste d’attente');
    assert.equal(placesLeftLabel(2, 12, 3), '2 places restantes sur 12', 'places left come first');
  });

  it('writes session days and hours in Paris time', () => {
    const plain = (s: string) => s.replace(/\s/g, ' ');
    // Winter (UTC+1) and summer (UTC+2) time.
    assert.equal(
      plain(sessionTimeLabel('2027-01-12T08:30:00Z', '2027-01-12T11:00:00Z')),
      'mardi 12 janvier 2027, 9 h 30 – 12 h 00',
    );
    assert.equal(plain(sessionTimeLabel('2027-06-15T07:05:00Z', null)), 'mardi 15 juin 2027, 9 h 05');
    assert.equal(
      plain(sessionTimeLabel('2027-02-01T08:00:00Z', '2027-02-05T16:00:00Z')),
      'du lundi 1 février 2027, 9 h 00 au vendredi 5 février 2027, 17 h 00',
    );
    // The day is Paris's: 23 h 30 UTC is already the next day.
    assert.equal(plain(sessionTimeLabel('2027-01-11T23:30:00Z', null)), 'mardi 12 janvier 2027, 0 h 30');
    assert.equal(plain(timeLabel('2027-01-12T13:00:00Z')), '14 h 00');
    assert.doesNotMatch(timeLabel('2027-01-12T13:00:00Z'), / /, 'no breakable space inside a time');
  });

  it('writes periods in Paris time', () => {
    assert.equal(periodLabel('2027-02-03T08:00:00Z', '2027-03-28T16:00:00Z'), 'du 3 février 2027 au 28 mars 2027');
    assert.equal(periodLabel('2027-02-01T23:30:00Z', null), 'le mardi 2 février 2027');
  });

  it('links phone numbers', () => {
    assert.equal(phoneHref('04 75 00 00 00'), 'tel:0475000000');
    assert.equal(phoneHref('+33 (0)4 75'), 'tel:+33475');
  });
});
