import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addLine, dayLabel, linesOf, parseEuros, scheduleState, tranchesOf } from './agreement-text.js';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('schedule editor', () => {
  it('reads amounts as people type them, and refuses what is not one', () => {
    assert.equal(parseEuros('7 500,50'), 7500.5);
    assert.equal(parseEuros('7500.5 €'), 7500.5);
    assert.equal(parseEuros('12\u202f500'), 12500);
    assert.ok(Number.isNaN(parseEuros('12,345')));
    assert.ok(Number.isNaN(parseEuros('-3')));
    assert.ok(Number.isNaN(parseEuros('')));
  });

  it('shows the live sum against the amount and the shared rule’s error until they match to the cent', () => {
    const lines = [
      { label: 'Avance', amount: '7 500', dueOn: '2027-02-01' },
      { label: 'Solde', amount: '4 999,99', dueOn: '2028-03-01' },
    ];
    const short = scheduleState(lines, 12500);
    assert.equal(short.balanced, false);
    assert.equal(nb(short.totalLabel), '12 499,99 €');
    assert.equal(nb(short.leftLabel), 'Reste à répartir : 0,01 €');
    assert.match(nb(short.errors.paymentSchedule!), /12 499,99 €.*12 500,00 €/);
    const over = scheduleState([...lines.slice(0, 1), { ...lines[1]!, amount: '5000,01' }], 12500);
    assert.equal(nb(over.leftLabel), 'Dépassement : 0,01 €');
    const ok = scheduleState([...lines.slice(0, 1), { ...lines[1]!, amount: '5000' }], 12500);
    assert.deepEqual([ok.balanced, ok.errors], [true, {}]);
  });

  it('names the line at fault: a missing label, an amount that is not one, a missing date', () => {
    const s = scheduleState([{ label: '', amount: 'beaucoup', dueOn: '' }], 100);
    assert.deepEqual(Object.keys(s.errors).sort(), [
      'paymentSchedule.0.amount',
      'paymentSchedule.0.dueOn',
      'paymentSchedule.0.label',
    ]);
    assert.ok(scheduleState([], 100).errors.paymentSchedule);
  });

  it('adds a line holding what is left, and round-trips stored tranches', () => {
    const lines = linesOf([{ label: 'Avance', amount: 8750, dueOn: '2027-01-01' }]);
    const more = addLine(lines, 12500, '2027-12-31');
    assert.equal(more[1]!.amount, '3750');
    assert.deepEqual(
      tranchesOf(more).map((t) => t.amount),
      [8750, 3750],
    );
    assert.equal(addLine(more, 12500, '2028-01-01')[2]!.amount, '');
  });

  it('writes calendar days in French', () => {
    assert.equal(dayLabel('2027-02-01'), '1er février 2027');
    assert.equal(dayLabel('2028-01-31'), '31 janvier 2028');
  });
});
