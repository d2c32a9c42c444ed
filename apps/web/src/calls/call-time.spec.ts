import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateTimeFr, deadlineLabel, euros, isoToParis, parisToIso, parseEuros } from './call-time.js';

describe('Paris dates of calls', () => {
  it('turns a winter Paris time into UTC + 1 and a summer one into UTC + 2', () => {
    assert.equal(parisToIso('2027-01-31', '23:59'), '2027-01-31T22:59:00.000Z');
    assert.equal(parisToIso('2027-07-14', '12:00'), '2027-07-14T10:00:00.000Z');
  });

  it('is right on both sides of the daylight-saving changes', () => {
    // 28 March 2027: 02:00 → 03:00. 31 October 2027: 03:00 → 02:00.
    assert.equal(parisToIso('2027-03-28', '01:59'), '2027-03-28T00:59:00.000Z');
    assert.equal(parisToIso('2027-03-28', '03:00'), '2027-03-28T01:00:00.000Z');
    assert.equal(parisToIso('2027-03-27', '23:59'), '2027-03-27T22:59:00.000Z');
    assert.equal(parisToIso('2027-10-31', '00:30'), '2027-10-30T22:30:00.000Z');
    assert.equal(parisToIso('2027-10-31', '04:00'), '2027-10-31T03:00:00.000Z');
    // A skipped time still gives an instant (never a crash).
    assert.ok(parisToIso('2027-03-28', '02:30'));
  });

  it('reads an instant back as the Paris date and time it was typed as', () => {
    for (const [d, t] of [
      ['2027-01-31', '23:59'],
      ['2027-03-28', '03:00'],
      ['2027-10-31', '04:00'],
      ['2028-02-29', '00:00'],
    ] as const)
      assert.deepEqual(isoToParis(parisToIso(d, t)), { date: d, time: t });
    assert.deepEqual(isoToParis(null), { date: '', time: '' });
  });

  it('refuses what is not a date or a time', () => {
    assert.equal(parisToIso('2027-02-30', '10:00'), null);
    assert.equal(parisToIso('2027-01-31', '24:00'), null);
    assert.equal(parisToIso('31/01/2027', '10:00'), null);
    assert.equal(parisToIso('2027-01-31', ''), null);
  });

  it('says a deadline the French way', () => {
    assert.equal(dateTimeFr('2027-01-31T22:59:00Z'), '31 janvier 2027 à 23 h 59');
    assert.equal(deadlineLabel('2027-07-01T07:05:00Z'), 'Date limite : 1 juillet 2027 à 09 h 05');
  });

  it('writes and reads euros', () => {
    assert.equal(euros(150000).replace(/\s/g, ' '), '150 000 €');
    assert.equal(euros(1234.5).replace(/\s/g, ' '), '1 234,50 €');
    assert.equal(parseEuros('150 000,50 €'), 150000.5);
    assert.equal(parseEuros('12,345'), null);
    assert.equal(parseEuros('-3'), null);
  });
});
