import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { textGroups } from './offers.service.js';
import { zoneKeysOfCommune, zoneKeysOfOffer } from '../geo/zone-keys.js';
import { loadConfig, ConfigError } from '../../config/env.js';

describe('text groups from query words', () => {
  it('keeps one group per meaningful word, with the prefixes of its corrections', () => {
    assert.deepEqual(
      textGroups([
        { token: 'garage', known: true, prefixes: ['garag'] },
        { token: 'de', known: true, prefixes: [] },
        { token: 'mobilte', known: false, prefixes: ['mobilt', 'mobilit', 'mobil'] },
      ]),
      [['garag'], ['mobilt', 'mobilit', 'mobil']],
    );
  });
  it('gives nothing when only stop words or single letters were typed', () => {
    assert.deepEqual(textGroups([{ token: 'l', known: true, prefixes: ['l'] }]), []);
  });
});

describe('diffusion zone keys', () => {
  it('match a commune through its own code, its EPCI, its territories and its département', () => {
    const commune = zoneKeysOfCommune('26', { insee: '26362', epci: '200068781' }, ['valentinois']);
    for (const [type, codes] of [['communes', ['26362']], ['epci', ['200068781']], ['territory', ['valentinois']], ['departement', []]] as const) {
      assert.ok(zoneKeysOfOffer('26', type, codes).some((k) => commune.includes(k)), type);
    }
    assert.ok(!zoneKeysOfOffer('26', 'communes', ['26001']).some((k) => commune.includes(k)));
    assert.ok(!zoneKeysOfOffer('38', 'departement', []).some((k) => commune.includes(k)));
  });
});

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({}, '/repo');
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, null);
    assert.equal(c.dataDir, '/repo/.data/postgres');
    assert.equal(c.loadDemoData, true);
  });
  it('refuses wrong values with the variable named', () => {
    assert.throws(() => loadConfig({ PORT: 'abc' }), (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message));
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
    assert.throws(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://x/y' }), /DATABASE_OWNER_URL/);
    assert.throws(() => loadConfig({ DEMO_DATA: 'maybe' }), /DEMO_DATA/);
  });
  it('uses the owner URL for migrations, the app URL otherwise', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://app@h/db', DATABASE_OWNER_URL: 'postgres://owner@h/db' });
    assert.equal(c.databaseOwnerUrl, 'postgres://owner@h/db');
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://app@h/db' }).databaseOwnerUrl, 'postgres://app@h/db');
  });
});
