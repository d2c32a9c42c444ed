import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_QUERY_WORDS } from '@catalogue/domain';
import { textGroups } from './search.service.js';
import type { TokenInfo } from './search.repository.js';
import { zoneKeysOfCommune, zoneKeysOfOffer } from '../geo/zone-keys.js';
import { loadConfig, ConfigError } from '../../config/env.js';

describe('text groups from query words', () => {
  const info = (token: string, o: Partial<TokenInfo> = {}): TokenInfo => ({
    token,
    stop: false,
    known: true,
    stem: token,
    related: [],
    candidates: [],
    ...o,
  });

  it('requires each meaningful word, as the start of its stem or of related words’ stems', () => {
    assert.deepEqual(
      textGroups([
        info('garage', { stem: 'garag' }),
        info('de', { stop: true }),
        info('mobilte', { known: false, stem: 'mobilt', related: ['mobilit', 'mobil'] }),
      ]),
      [
        [{ lexeme: 'garag', exact: false }],
        [
          { lexeme: 'mobilt', exact: false },
          { lexeme: 'mobilit', exact: false },
          { lexeme: 'mobil', exact: false },
        ],
      ],
    );
  });
  it('matches short words by their exact stem, and field acronyms as written (even a stop word like AI)', () => {
    assert.deepEqual(textGroups([info('vie', { stem: 'vi' })]), [[{ lexeme: 'vi', exact: true }]]);
    assert.deepEqual(textGroups([info('vae', { stem: 'va' })]), [[{ lexeme: 'vae', exact: true }]]);
    assert.deepEqual(textGroups([info('ai', { stop: true, stem: null })]), [[{ lexeme: 'ai', exact: true }]]);
  });
  it('drops stop words before keeping the first words, and gives nothing for stop words alone', () => {
    const many = [
      ...Array.from({ length: 10 }, () => info('de', { stop: true })),
      info('mobilite', { stem: 'mobilit' }),
    ];
    assert.deepEqual(textGroups(many), [[{ lexeme: 'mobilit', exact: false }]]);
    assert.deepEqual(textGroups([info('l'), info('la', { stop: true })]), []);
    assert.equal(textGroups(Array.from({ length: 12 }, (_, i) => info(`mot${i}`))).length, MAX_QUERY_WORDS);
  });
});

describe('diffusion zone keys', () => {
  it('match a commune through its own code, its EPCI, its territories and its département', () => {
    const commune = zoneKeysOfCommune('26', { insee: '26362', epci: '200068781' }, ['valentinois']);
    for (const [type, codes] of [
      ['communes', ['26362']],
      ['epci', ['200068781']],
      ['territory', ['valentinois']],
      ['departement', []],
    ] as const) {
      assert.ok(
        zoneKeysOfOffer('26', type, codes).some((k) => commune.includes(k)),
        type,
      );
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
    assert.throws(
      () => loadConfig({ PORT: 'abc' }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
    assert.throws(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://x/y' }), /DATABASE_OWNER_URL/);
    assert.throws(() => loadConfig({ DEMO_DATA: 'maybe' }), /DEMO_DATA/);
  });
  it('gives the map OpenStreetMap’s tiles by default, none when MAP_TILES_URL is empty', () => {
    assert.deepEqual(loadConfig({}).mapTiles, {
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© les contributeurs d’OpenStreetMap',
      maxZoom: 19,
    });
    assert.equal(loadConfig({ MAP_TILES_URL: '' }).mapTiles.url, null);
    assert.equal(loadConfig({ MAP_TILES_URL: '  ' }).mapTiles.url, null);
    const own = loadConfig({
      MAP_TILES_URL: '/tuiles/{z}/{x}/{y}.png',
      MAP_TILES_ATTRIBUTION: 'IGN',
      MAP_TILES_MAX_ZOOM: '17',
    }).mapTiles;
    assert.deepEqual(own, { url: '/tuiles/{z}/{x}/{y}.png', attribution: 'IGN', maxZoom: 17 });
    assert.equal(
      loadConfig({ MAP_TILES_URL: 'https://{s}.tile.example/{z}/{x}/{y}.png' }).mapTiles.url,
      'https://{s}.tile.example/{z}/{x}/{y}.png',
    );
    assert.equal(
      loadConfig({ MAP_TILES_ATTRIBUTION: '', MAP_TILES_MAX_ZOOM: '' }).mapTiles.maxZoom,
      19,
      'blank means default',
    );
  });
  it('refuses a tile URL that is no template, and a zoom that is no whole number from 1 to 24', () => {
    for (const url of [
      'tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://tiles.example/{z}/{x}.png',
      'javascript:alert(1)//{z}{x}{y}',
    ]) {
      assert.throws(() => loadConfig({ MAP_TILES_URL: url }), /MAP_TILES_URL/, url);
    }
    for (const zoom of ['0', '25', '12.5', 'abc', '0x10'])
      assert.throws(() => loadConfig({ MAP_TILES_MAX_ZOOM: zoom }), /MAP_TILES_MAX_ZOOM/, zoom);
  });
  it('uses the owner URL for migrations, the app URL otherwise', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://app@h/db', DATABASE_OWNER_URL: 'postgres://owner@h/db' });
    assert.equal(c.databaseOwnerUrl, 'postgres://owner@h/db');
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://app@h/db' }).databaseOwnerUrl, 'postgres://app@h/db');
  });
});
