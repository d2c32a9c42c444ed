import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationLabel, OWN_DATA_RIGHTS, STORED_DATA } from './personal-data-facts.js';

describe('the personal-data page’s table', () => {
  it('says durations as a reader would', () => {
    assert.equal(durationLabel(15), '15 minutes');
    assert.equal(durationLabel(1), '1 minute');
    assert.equal(durationLabel(60), '1 heure');
    assert.equal(durationLabel(8 * 60), '8 heures');
    assert.equal(durationLabel(48 * 60), '2 jours');
    assert.equal(durationLabel(7 * 24 * 60), '7 jours');
    assert.equal(durationLabel(36 * 60), '36 heures');
  });

  it('states how long sessions, links and counters last, from the limits the API applies', () => {
    const row = (what: string) => STORED_DATA.find((r) => r.what === what)!;
    assert.match(
      row('Vos sessions de connexion').kept,
      /après 8 heures sans activité pour un professionnel, 7 jours pour un bénéficiaire, et au plus tard 30 jours après la connexion/,
    );
    assert.match(row('Liens à usage unique envoyés par courriel').data, /2 jours.*1 heure.*15 minutes.*7 jours/);
    assert.match(row('Liens à usage unique envoyés par courriel').kept, /^Effacés 1 jour après/);
    assert.match(row('Compteurs contre les abus').data, /15 minutes.*1 heure/);
    assert.match(row('Demandes de lien par courriel').kept, /au plus 1 heure/);
  });

  it('describes registrations: the minimum kept, who sees them, the retention delay, and the rights in « Mon compte »', () => {
    const row = STORED_DATA.find((r) => r.what === 'Inscriptions aux actions')!;
    assert.match(row.data, /prénom, nom, un moyen de contact/);
    assert.match(row.data, /Jamais de date de naissance ni de numéro de sécurité sociale/);
    assert.match(row.data, /l’accord de la personne/);
    assert.match(row.seenBy, /le référent.*la structure/);
    assert.match(row.seenBy, /agents du Département ne voient que des nombres/);
    assert.match(row.kept, /^Anonymisées 24 mois après la dernière activité/);
    assert.match(row.kept, /que chaque Département règle/);
    assert.match(row.kept, /la situation, la tranche d’âge, le sexe et l’inscription elle-même restent/);
    assert.ok(OWN_DATA_RIGHTS.some((r) => /^télécharger une copie.*« Mon compte »/.test(r)));
    assert.ok(OWN_DATA_RIGHTS.some((r) => /^supprimer votre compte.*anonymisées/.test(r)));
    assert.match(STORED_DATA.find((r) => r.what === 'Votre compte')!.kept, /« Mon compte »/);
  });

  it('says what has no retention limit today instead of leaving it out', () => {
    const unlimited = STORED_DATA.filter((r) => /Sans limite de durée|sans limite de durée/.test(r.kept)).map(
      (r) => r.what,
    );
    assert.deepEqual(unlimited, ['Invitations à rejoindre une structure', 'Journal d’audit', 'Courriels envoyés']);
    for (const r of STORED_DATA) for (const v of Object.values(r)) assert.ok(v.trim().length > 0, r.what);
  });
});
