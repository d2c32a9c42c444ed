import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommuneSummary } from '@catalogue/contracts';
import { communeQuery, resolveTypedCommune, sameCommuneName } from './typed-commune.js';

const commune = (insee: string, name: string, postcodes: string[]): CommuneSummary => ({
  insee,
  name,
  postcodes,
  lat: 44.7,
  lng: 5,
  approx: false,
});
const CREST = commune('26108', 'Crest', ['26400']);
const EURRE = commune('26125', 'Eurre', ['26400']);
const PIEGROS = commune('26234', 'Piégros-la-Clastre', ['26400']);
const VALENCE = commune('26362', 'Valence', ['26000']);
const SAINT_JEAN = commune('26307', 'Saint-Jean-en-Royans', ['26190']);
const SAINT_VALLIER = commune('26333', 'Saint-Vallier', ['26240']);

describe('a commune typed without picking a suggestion', () => {
  it('is the commune of that name, accents, case, hyphens and apostrophes aside', () => {
    assert.deepEqual(resolveTypedCommune('Crest', [CREST]), { kind: 'found', commune: CREST });
    assert.deepEqual(resolveTypedCommune('  crest ', [CREST, EURRE]), { kind: 'found', commune: CREST });
    assert.deepEqual(resolveTypedCommune('PIEGROS LA CLASTRE', [PIEGROS]), { kind: 'found', commune: PIEGROS });
    assert.ok(sameCommuneName('saint  jean en royans', 'Saint-Jean-en-Royans'));
    assert.ok(sameCommuneName("l'isle", 'L’Isle'));
    assert.ok(!sameCommuneName('Crest', 'Crestet'));
  });

  it('is the commune of a label pasted or kept as shown, "Valence (26000)"', () => {
    assert.equal(communeQuery(' Valence (26000) '), 'Valence');
    assert.equal(communeQuery('26400'), '26400');
    assert.deepEqual(resolveTypedCommune('Valence (26000)', [VALENCE]), { kind: 'found', commune: VALENCE });
  });

  it('is the only commune of a postcode, or a choice among those sharing it', () => {
    assert.deepEqual(resolveTypedCommune('26000', [VALENCE]), { kind: 'found', commune: VALENCE });
    const shared = resolveTypedCommune('26400', [CREST, EURRE, PIEGROS]);
    assert.equal(shared.kind, 'choose');
    assert.deepEqual(shared.kind === 'choose' && shared.communes, [CREST, EURRE, PIEGROS]);
    assert.match(shared.kind === 'choose' ? shared.message : '', /Plusieurs communes ont le code postal 26400/);
  });

  it('is the single suggestion of a beginning, or a choice among several', () => {
    assert.deepEqual(resolveTypedCommune('Piégros', [PIEGROS]), { kind: 'found', commune: PIEGROS });
    const several = resolveTypedCommune('saint', [SAINT_JEAN, SAINT_VALLIER]);
    assert.equal(several.kind, 'choose');
    assert.match(several.kind === 'choose' ? several.message : '', /correspondent à «\ssaint\s»/);
  });

  it('is unknown, with a message saying so, when nothing matches', () => {
    const none = resolveTypedCommune('Zzzz', []);
    assert.equal(none.kind, 'unknown');
    assert.match(
      none.kind === 'unknown' ? none.message : '',
      /Aucune commune du département ne correspond à «\sZzzz\s»/,
    );
    assert.equal(resolveTypedCommune('75001', []).kind, 'unknown');
  });
});
