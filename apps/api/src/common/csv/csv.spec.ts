import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, toCsv } from './csv.js';

describe('CSV for spreadsheets', () => {
  it('quotes per RFC 4180 only when needed', () => {
    assert.equal(csvCell('simple'), 'simple');
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('dit "bonjour"'), '"dit ""bonjour"""');
    assert.equal(csvCell('deux\nlignes'), '"deux\nlignes"');
  });

  it('writes numbers, booleans and empties plainly; neutralises formulas', () => {
    assert.equal(csvCell(-4.5), '-4.5');
    assert.equal(csvCell(true), 'oui');
    assert.equal(csvCell(false), 'non');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('@cmd'), "'@cmd");
  });

  it('starts with a BOM and ends lines with CRLF', () => {
    assert.equal(toCsv(['a', 'b'], [[1, 'x;y']]), '\uFEFFa;b\r\n1;"x;y"\r\n');
  });
});
