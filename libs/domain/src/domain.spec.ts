import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidSiret, luhnValid, withLuhnCheckDigit } from './siret.js';
import { foldCommuneName, foldText, searchTokens, MAX_QUERY_TOKENS } from './text.js';
import { glossaryAcronyms, impliedGlossaryTerms, isFieldAcronym } from './glossary.js';
import { isThemeFilterCode, themeIndexCodes, THEMES, THEME_CATEGORIES, AUDIENCES } from './taxonomy.js';
import { slugify } from './tenants.js';

describe('SIRET', () => {
  it('accepts 14 digits passing the Luhn check', () => {
    assert.ok(isValidSiret('73282932000074'));
    assert.ok(luhnValid('732829320'));
  });
  it('refuses a wrong check digit, letters, spaces and other lengths', () => {
    for (const bad of ['73282932000075', '7328293200007', '732829320000745', '7328293200007A', '732 829 320 00074', ''])
      assert.ok(!isValidSiret(bad), bad);
  });
  it('applies La Poste’s own rule', () => {
    assert.ok(isValidSiret('35600000000051'), 'digit sum 20');
    assert.ok(!isValidSiret('35600000000052'), 'digit sum 21');
  });
  it('completes 13 digits with their check digit', () => {
    assert.equal(withLuhnCheckDigit('7328293200007'), '73282932000074');
    assert.throws(() => withLuhnCheckDigit('123'));
  });
});

describe('text folding and tokens', () => {
  it('folds accents, ligatures and case', () => {
    assert.equal(foldText('Œuvre Économie Mobilité'), 'oeuvre economie mobilite');
    assert.equal(foldCommuneName("L'Isle-d'Abeau"), 'l isle d abeau');
  });
  it('splits a query into safe words, keeping the accents of each for stop-word checks', () => {
    assert.deepEqual(
      searchTokens("Garage  solidaire, l'emploi & 100%").map((t) => t.folded),
      ['garage', 'solidaire', 'l', 'emploi', '100'],
    );
    assert.deepEqual(searchTokens('Étaient'), [{ raw: 'étaient', folded: 'etaient' }]);
    assert.ok(searchTokens("'); DROP TABLE offer; --").every((t) => /^[a-z0-9]+$/.test(t.folded)));
    assert.equal(searchTokens(Array.from({ length: 40 }, (_, i) => `mot${i}`).join(' ')).length, MAX_QUERY_TOKENS);
  });
  it('folds full-width letters and leaves out what folds to nothing searchable', () => {
    assert.deepEqual(
      searchTokens('ｍｏｂｉｌｉｔｅ').map((t) => t.folded),
      ['mobilite'],
    );
    assert.deepEqual(searchTokens('!!! ’ عمل 🚗'), []);
  });
});

describe('field glossary', () => {
  it('adds the acronym a text spells out, and the phrase an acronym stands for', () => {
    assert.deepEqual(impliedGlossaryTerms('Cours de français langue étrangère'), ['FLE']);
    assert.ok(impliedGlossaryTerms('Pour les allocataires du RSA').includes('revenu de solidarite active'));
    assert.deepEqual(impliedGlossaryTerms('FLE (français langue étrangère)'), []);
  });
  it('lists the acronyms a text uses or spells out', () => {
    assert.deepEqual(glossaryAcronyms('Une association intermédiaire pour préparer la VAE').sort(), ['ai', 'vae']);
    assert.ok(isFieldAcronym('ai') && isFieldAcronym('rsa') && !isFieldAcronym('garage'));
  });
});

describe('taxonomy', () => {
  it('indexes each sub-theme with its category', () => {
    assert.deepEqual(themeIndexCodes(['mobilite--preparer-un-permis', 'mobilite--financer-ma-mobilite']).sort(), [
      'mobilite',
      'mobilite--financer-ma-mobilite',
      'mobilite--preparer-un-permis',
    ]);
  });
  it('accepts a category or a sub-theme as theme filter, nothing else', () => {
    assert.ok(isThemeFilterCode('numerique'));
    assert.ok(isThemeFilterCode('numerique--acquerir-un-equipement'));
    assert.ok(!isThemeFilterCode('numerique--'));
  });
  it('keeps the national counts: 69 thématiques in 16 categories, 14 publics', () => {
    assert.equal(THEMES.length, 69);
    assert.equal(THEME_CATEGORIES.length, 16);
    assert.equal(AUDIENCES.length, 14);
    assert.ok(THEMES.every((t) => THEME_CATEGORIES.some((c) => c.code === t.category)));
  });
  it('slugifies département names', () => {
    assert.equal(slugify('Saône-et-Loire'), 'saone-et-loire');
    assert.equal(slugify("Côtes-d'Armor"), 'cotes-d-armor');
  });
});
