// Merging an edit onto an offer's content and naming what changed, without a database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changedFields, mergeContent } from './offer-content.js';
import type { OfferWriteDto } from './offer-write.dto.js';

const body = (o: Partial<OfferWriteDto>): OfferWriteDto => o as OfferWriteDto;
const base = mergeContent(
  null,
  body({
    title: 'Atelier',
    themes: ['mobilite--apprendre-a-utiliser-un-deux-roues'],
    access: 'prescription',
    diffusionZone: { type: 'departement', areas: [] },
    places: [{ label: null, address: '1 rue', communeInsee: '26362', lat: 44.9, lng: 4.9 }],
    sessions: [
      { id: 'a8c8f0e2-0000-4000-8000-000000000001', startsAt: '2026-03-02T09:00:00+01:00', endsAt: null, capacity: 5 },
    ],
  }),
);

describe('offer content', () => {
  it('fills defaults at creation and normalises dates, blanks and duplicates', () => {
    assert.equal(base.summary, '');
    assert.equal(base.cost, 'gratuit');
    assert.deepEqual(base.modes, ['en-presentiel']);
    assert.equal(base.sessions[0]!.startsAt, '2026-03-02T08:00:00.000Z');
    const m = mergeContent(
      base,
      body({ themes: ['a', 'a'], summary: '  ', contact: { name: ' ', email: 'X@Exemple.FR', phone: null } }),
    );
    assert.deepEqual(m.themes, ['a']);
    assert.equal(m.summary, '');
    assert.deepEqual(m.contact, { name: null, email: 'x@exemple.fr', phone: null });
  });

  it('keeps what the edit leaves out, and drops zone codes for the whole département', () => {
    const m = mergeContent(
      base,
      body({ title: ' Nouveau ', diffusionZone: { type: 'departement', areas: [{ code: '26' }] } }),
    );
    assert.equal(m.title, 'Nouveau');
    assert.deepEqual(m.places, base.places);
    assert.deepEqual(m.diffusionZone, { type: 'departement', codes: [] });
  });

  it('names the changed fields, whatever the key order of stored objects', () => {
    assert.deepEqual(changedFields(base, mergeContent(base, body({ title: 'Autre', eligibility: 'RSA' }))), [
      'title',
      'eligibility',
    ]);
    const reordered = {
      ...base,
      places: base.places.map((p) => ({
        lng: p.lng,
        lat: p.lat,
        communeInsee: p.communeInsee,
        address: p.address,
        label: p.label,
      })),
    };
    assert.deepEqual(changedFields(base, reordered), []);
    assert.deepEqual(changedFields(base, { ...base, sessions: [{ ...base.sessions[0]!, capacity: 6 }] }), ['sessions']);
  });
});
