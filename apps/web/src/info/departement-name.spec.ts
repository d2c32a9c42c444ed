import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { ofDepartement, theDepartement } from './departement-name.js';

// INSEE's official list, with the type of article each name takes.
const departements = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/departements.json') as {
  code: string;
  nom: string;
  typeLiaison: number;
}[];
const expected = (type: number, name: string): string => {
  const forms: Record<number, string> = {
    0: `de ${name}`,
    1: `d’${name}`,
    2: `du ${name}`,
    3: `de la ${name}`,
    4: `des ${name}`,
    5: `de l’${name}`,
  };
  return forms[type]!;
};

describe('a département’s name in a sentence', () => {
  it('takes the article INSEE gives it, for every département', () => {
    assert.ok(departements.length >= 101);
    for (const d of departements)
      assert.equal(ofDepartement(d.code, d.nom), expected(d.typeLiaison, d.nom), `${d.code} ${d.nom}`);
  });

  it('names the demo départements as a French reader expects', () => {
    assert.equal(theDepartement('26', 'Drôme'), 'le Département de la Drôme');
    assert.equal(ofDepartement('38', 'Isère'), 'de l’Isère');
    assert.equal(ofDepartement('71', 'Saône-et-Loire'), 'de Saône-et-Loire');
    assert.equal(ofDepartement('37', 'Indre-et-Loire'), 'd’Indre-et-Loire');
    assert.equal(ofDepartement('59', 'Nord'), 'du Nord');
  });
});
