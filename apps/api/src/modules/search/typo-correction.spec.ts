import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseCorrection,
  correctQuery,
  editDistance,
  needsCorrection,
  writtenForm,
  type Lexicon,
} from './typo-correction.js';

/** A lexicon of stems with their number of offers. */
const lexicon = (frequencies: Record<string, number>): Lexicon => ({
  hasPrefix: (l) => Object.keys(frequencies).some((k) => k.startsWith(l)),
  frequency: (l) => frequencies[l] ?? 0,
});

describe('typo correction', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    assert.equal(editDistance('mobilte', 'mobilite'), 1);
    assert.equal(editDistance('mobilte', 'mobile'), 1);
    assert.equal(editDistance('mobilte', 'mobiliser'), 3);
    assert.equal(editDistance('mobiltie', 'mobilite'), 1, 'two letters swapped');
    assert.equal(editDistance('numerik', 'numerique'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('garage', 'garage'), 0);
  });

  it('chooses the fewest edits, then the word most offers contain, then the most similar', () => {
    const words = lexicon({ mobilit: 40, mobil: 2, mobilis: 9 });
    const candidates = [
      { word: 'mobiliser', stem: 'mobilis', similarity: 0.6 },
      { word: 'mobile', stem: 'mobil', similarity: 0.5 },
      { word: 'mobilite', stem: 'mobilit', similarity: 0.45 },
    ];
    assert.equal(
      chooseCorrection('mobilte', candidates, words)?.word,
      'mobilite',
      'one edit, and far more frequent than "mobile"',
    );
    assert.equal(
      chooseCorrection('mobilte', candidates, lexicon({ mobil: 2, mobilis: 9 }))?.word,
      'mobile',
      'a word no offer contains is never chosen',
    );
    assert.equal(chooseCorrection('mobilte', candidates, lexicon({})), null);
    const tie = [
      { word: 'abcx', stem: 'abcx', similarity: 0.4 },
      { word: 'abcy', stem: 'abcy', similarity: 0.5 },
    ];
    assert.equal(chooseCorrection('abcz', tie, lexicon({ abcx: 1, abcy: 1 }))?.word, 'abcy');
  });

  it('corrects only unknown words of 4 letters or more whose stem finds nothing, never stop words or acronyms', () => {
    const words = lexicon({ garag: 3, mobilit: 4 });
    const t = (token: string, o: { stem?: string | null; known?: boolean; stop?: boolean } = {}) => ({
      token,
      stem: o.stem ?? token,
      known: o.known ?? false,
      stop: o.stop ?? false,
    });
    assert.equal(needsCorrection(t('mobilte', { stem: 'mobilt' }), words), true);
    assert.equal(needsCorrection(t('garages', { stem: 'garag' }), words), false, 'its stem finds the garage');
    assert.equal(needsCorrection(t('mobilit', { known: true }), words), false, 'being typed');
    assert.equal(needsCorrection(t('mob'), words), false);
    assert.equal(needsCorrection(t('etaient', { stop: true, stem: null }), words), false);
    assert.equal(needsCorrection(t('pmsmp'), words), false, 'a field acronym');
  });

  it('writes the correction as the offers most often do', () => {
    assert.equal(
      writtenForm('mobilite', ['Allô Mobilité : conseil', 'la mobilité, la MOBILITE et la mobilité']),
      'mobilité',
    );
    assert.equal(writtenForm('oeuvre', ['Mise en œuvre']), 'œuvre');
    assert.equal(writtenForm('mobilite', ['rien ici']), 'mobilite');
  });

  it('replaces each corrected word of the query, keeping the rest and the typed capitals', () => {
    const c = new Map([['mobilte', 'mobilité']]);
    assert.equal(correctQuery('mobilté', c), 'mobilité');
    assert.equal(correctQuery('Aide à la Mobilté !', c), 'Aide à la Mobilité !');
    assert.equal(correctQuery('MOBILTÉ', c), 'MOBILITÉ');
    assert.equal(correctQuery('garage mobilte', c), 'garage mobilité');
  });
});
