// The rules of @catalogue/contracts that the API's DTOs and services and the web's forms share
// (the contracts library has no test runner of its own: it stays free of Node-only types).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isEmailAddress,
  isPhoneNumber,
  LIMITS,
  offerFieldErrors,
  TENANT_DELAYS,
  tenantSettingsErrors,
} from '@catalogue/contracts';

describe('shared email and phone rules', () => {
  it('accepts the addresses people give, refuses what is not one address', () => {
    for (const ok of ['contact@exemple.fr', 'Prénom.Nom+tag@sous.domaine.gouv.fr', 'agent.drome@demo.local'])
      assert.ok(isEmailAddress(ok), ok);
    for (const bad of [
      'pas-une-adresse',
      'a@b',
      'a@b.c',
      'a b@c.fr',
      'a@@c.fr',
      'a,b@c.fr',
      '<a@c.fr>',
      'a@c.fr\nBcc: x@y.fr',
      `${'x'.repeat(LIMITS.email)}@b.fr`,
    ])
      assert.ok(!isEmailAddress(bad), bad);
  });

  it('accepts phone numbers as written in France and abroad, refuses words', () => {
    for (const ok of ['04 75 00 00 00', '0475000000', '+33 (0)4 75 00 00 00', '04.75.00.00.00', '(04) 75-00-00-00'])
      assert.ok(isPhoneNumber(ok), ok);
    for (const bad of ['appelez-moi', '12345', '04 75\t00 00 00', `0${'1'.repeat(30)}`])
      assert.ok(!isPhoneNumber(bad), bad);
  });
});

describe('offer cross-field rules', () => {
  const fields = (o: Parameters<typeof offerFieldErrors>[0]) => offerFieldErrors(o).map((e) => e.field);

  it('a paid offer says what it costs', () => {
    assert.deepEqual(fields({ cost: 'payant' }), ['costDetails']);
    assert.deepEqual(fields({ cost: 'payant', costDetails: '  ' }), ['costDetails']);
    assert.deepEqual(fields({ cost: 'payant', costDetails: '5 € par mois' }), []);
    assert.deepEqual(fields({ cost: 'gratuit' }), []);
    assert.equal(offerFieldErrors({ cost: 'payant' })[0]?.rule, 'paidNeedsCostDetails');
  });

  it('« tous publics » stands alone', () => {
    assert.deepEqual(fields({ audiences: ['tous-publics', 'jeunes'] }), ['audiences']);
    assert.deepEqual(fields({ audiences: ['tous-publics'] }), []);
  });

  it('a zone other than the whole département lists its areas', () => {
    assert.deepEqual(fields({ diffusionZone: { type: 'communes', areaCount: 0 } }), ['diffusionZone.areas']);
    assert.deepEqual(fields({ diffusionZone: { type: 'communes', areaCount: 2 } }), []);
    assert.deepEqual(fields({ diffusionZone: { type: 'departement', areaCount: 0 } }), []);
  });

  it('a session does not end before it starts (each named by its index); open-ended or unreadable dates pass', () => {
    const sessions = [
      { startsAt: '2026-05-04T09:00:00.000Z', endsAt: '2026-05-04T12:00:00.000Z' },
      { startsAt: '2026-05-04T09:00:00.000Z', endsAt: '2026-05-03T09:00:00.000Z' },
      { startsAt: '2026-05-04T09:00:00.000Z', endsAt: null },
      { startsAt: null, endsAt: '2026-05-03T09:00:00.000Z' },
    ];
    assert.deepEqual(fields({ sessions }), ['sessions.1.endsAt']);
  });

  it('lists every broken rule at once', () => {
    assert.deepEqual(fields({ cost: 'payant', diffusionZone: { type: 'epci', areaCount: 0 } }), [
      'costDetails',
      'diffusionZone.areas',
    ]);
  });
});

describe('département settings cross-field rules', () => {
  const fields = (registrationReminderDays: number, registrationExpiryDays: number) =>
    tenantSettingsErrors({ registrationReminderDays, registrationExpiryDays }).map((e) => e.field);

  it('a pending registration reminds its structure before it expires', () => {
    assert.deepEqual(fields(7, 30), []);
    assert.deepEqual(fields(29, 30), []);
    assert.deepEqual(fields(30, 30), ['registrationExpiryDays']);
    assert.deepEqual(fields(40, 30), ['registrationExpiryDays']);
  });

  it('the defaults follow the rule and the bounds', () => {
    const d = TENANT_DELAYS;
    assert.deepEqual(fields(d.registrationReminderDays.default, d.registrationExpiryDays.default), []);
    for (const b of Object.values(d)) assert.ok(b.min <= b.default && b.default <= b.max);
  });
});
