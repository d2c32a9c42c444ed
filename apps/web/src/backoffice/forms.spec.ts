import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackOfficeOrganization, OfferDetail } from '@catalogue/contracts';
import {
  emptyOfferForm,
  emptyPlace,
  emptySession,
  FIELD_LABELS,
  filterZoneChoices,
  formKeyOfApiField,
  isoToLocalInput,
  localInputToIso,
  offerFormFromDetail,
  offerWriteFromForm,
  setZoneCodes,
  validateOfferForm,
  withZoneType,
  zoneChoicesOf,
  type OfferForm,
} from './offer-form.js';
import {
  emptyOrganizationForm,
  organizationFormFrom,
  organizationInputFromForm,
  organizationPatchFromForm,
  passwordProblem,
  reviewedFieldsOf,
  siretProblem,
  validateOrganizationEdit,
  validateOrganizationForm,
} from './organization-form.js';
import { DELAY_KEYS, delaysFormOf, delaysFromForm, validateDelays } from './settings-form.js';

const detail: OfferDetail = {
  id: 'o1',
  title: 'Atelier mobilité',
  summary: 'Résumé',
  description: 'Longue description',
  organization: { id: 'org1', name: 'Structure' },
  themes: ['mobilite--apprendre-a-conduire'],
  audiences: ['jeunes'],
  serviceTypes: ['atelier'],
  eligibility: 'Être inscrit',
  cost: 'payant',
  costDetails: '10 €',
  modes: ['en-presentiel'],
  access: 'prescription',
  mobilisationModes: ['envoyer-un-mail'],
  places: [{ label: 'Salle', address: '1 rue A', commune: 'Valence', communeInsee: '26362', lat: 44.93, lng: 4.89 }],
  diffusionZone: { type: 'communes', areas: [{ code: '26362', name: 'Valence' }] },
  contact: { name: 'Léa', email: 'lea@x.fr', phone: null },
  funding: ['departement'],
  fiche: { id: 'f7', number: '7', title: 'Mobilité', axis: { number: 2, title: 'Lever les freins' } },
  hasPlaces: true,
  sessions: [
    { id: 's1', startsAt: '2026-12-01T08:30:00.000Z', endsAt: null, capacity: 12, placesLeft: 0, waitlist: 2 },
  ],
  seatAllocation: 'review',
  cancellationCutoffHours: 48,
  publishedAt: null,
  updatedAt: '2026-11-23T00:00:00.000Z',
};

const valid = (): OfferForm => ({ ...emptyOfferForm(), title: 'Titre', themes: ['mobilite'], access: 'open' });

describe('offer form ⇄ API', () => {
  it('round-trips an offer read from the API to the same write body', () => {
    const form = offerFormFromDetail(detail, 3);
    assert.deepEqual(validateOfferForm(form), {});
    const body = offerWriteFromForm(form, 'org1');
    assert.deepEqual(body, {
      title: 'Atelier mobilité',
      summary: 'Résumé',
      description: 'Longue description',
      organization: { id: 'org1' },
      themes: ['mobilite--apprendre-a-conduire'],
      audiences: ['jeunes'],
      serviceTypes: ['atelier'],
      eligibility: 'Être inscrit',
      cost: 'payant',
      costDetails: '10 €',
      modes: ['en-presentiel'],
      access: 'prescription',
      mobilisationModes: ['envoyer-un-mail'],
      places: [{ label: 'Salle', address: '1 rue A', communeInsee: '26362', lat: 44.93, lng: 4.89 }],
      diffusionZone: { type: 'communes', areas: [{ code: '26362' }] },
      contact: { name: 'Léa', email: 'lea@x.fr', phone: null },
      funding: ['departement'],
      ficheId: 'f7',
      sessions: [{ id: 's1', startsAt: '2026-12-01T08:30:00.000Z', endsAt: null, capacity: 12 }],
      seatAllocation: 'review',
      cancellationCutoffHours: 48,
      updateFrequencyMonths: 3,
    });
  });

  it('gives seats automatically with a 24-hour cut-off in a new offer; keeps what a session holds, unsent', () => {
    const body = offerWriteFromForm(valid());
    assert.equal(body.seatAllocation, 'automatic');
    assert.equal(body.cancellationCutoffHours, 24);
    const form = offerFormFromDetail(detail);
    assert.deepEqual(form.sessions[0]!.held, { booked: 12, waitlist: 2 });
    assert.equal(emptySession().held, undefined);
  });

  it('checks the cancellation cut-off like the API: whole hours from 0 to 720', () => {
    for (const ok of ['0', '24', ' 48 ', '720'])
      assert.deepEqual(validateOfferForm({ ...valid(), cancellationCutoffHours: ok }), {}, ok);
    for (const bad of ['', '-1', '721', '1.5', 'un jour'])
      assert.deepEqual(
        validateOfferForm({ ...valid(), cancellationCutoffHours: bad }),
        { cancellationCutoffHours: 'Délai d’annulation : un nombre entier d’heures, de 0 à 720.' },
        bad,
      );
    assert.equal(formKeyOfApiField('cancellationCutoffHours'), 'cancellationCutoffHours');
    assert.equal(FIELD_LABELS.seatAllocation, 'attribution des places');
  });

  it('sends no areas for the whole département, no cost detail for a free offer, empty texts as null', () => {
    const form = {
      ...valid(),
      zoneType: 'departement' as const,
      zoneAreas: [{ code: '26362', name: 'Valence' }],
      cost: 'gratuit' as const,
      costDetails: 'x',
      contactName: '  ',
    };
    const body = offerWriteFromForm(form);
    assert.deepEqual(body.diffusionZone, { type: 'departement', areas: [] });
    assert.equal(body.costDetails, null);
    assert.equal(body.contact?.name, null);
    assert.equal(body.organization, undefined, 'no structure on a PATCH');
  });

  it('converts datetime-local values to instants and back', () => {
    const iso = localInputToIso('2026-12-01T09:30')!;
    assert.equal(isoToLocalInput(iso), '2026-12-01T09:30');
    assert.equal(localInputToIso(''), null);
    assert.equal(localInputToIso('demain'), null);
    assert.equal(isoToLocalInput(null), '');
  });

  it('explains each missing or wrong field in French, keyed by field', () => {
    assert.deepEqual(validateOfferForm(valid()), {});
    const f: OfferForm = {
      ...emptyOfferForm(),
      cost: 'payant',
      zoneType: 'epci',
      contactEmail: 'pas-un-mail',
      places: [emptyPlace()],
      sessions: [{ ...emptySession(), startsAt: '2026-12-02T10:00', endsAt: '2026-12-01T10:00', capacity: '0' }],
    };
    const e = validateOfferForm(f);
    assert.deepEqual(Object.keys(e).sort(), [
      'access',
      'contactEmail',
      'costDetails',
      'places.0.address',
      'places.0.commune',
      'places.0.pin',
      'sessions.0.capacity',
      'sessions.0.endsAt',
      'themes',
      'title',
      'zone',
    ]);
    assert.equal(e.zone, 'Ajoutez au moins une intercommunalité.');
    assert.equal(e['sessions.0.endsAt'], 'La fin doit suivre le début.');
  });

  it('applies the API’s cross-field rules (offerFieldErrors) with French messages', () => {
    const e = validateOfferForm({
      ...valid(),
      cost: 'payant',
      costDetails: ' ',
      audiences: ['tous-publics', 'jeunes'],
    });
    assert.deepEqual(e, {
      costDetails: 'Précisez le coût pour la personne.',
      audiences: '« Tous publics » ne se combine pas avec d’autres publics.',
    });
  });

  it('maps the API’s field names to the form’s keys', () => {
    assert.equal(formKeyOfApiField('title'), 'title');
    assert.equal(formKeyOfApiField('places[0].communeInsee'), 'places.0.commune');
    assert.equal(formKeyOfApiField('places.1.lat'), 'places.1.pin');
    assert.equal(formKeyOfApiField('sessions.2.capacity'), 'sessions.2.capacity');
    assert.equal(formKeyOfApiField('diffusionZone.areas'), 'zone');
    assert.equal(formKeyOfApiField('contact.email'), 'contactEmail');
    assert.equal(formKeyOfApiField(undefined), null);
  });
});

describe('registration delays of the settings page', () => {
  const defaults = { registrationReminderDays: 7, registrationExpiryDays: 30, personalDataRetentionMonths: 24 };

  it('reads the settings and sends them back as numbers', () => {
    const form = delaysFormOf(defaults);
    assert.deepEqual(form, {
      registrationReminderDays: '7',
      registrationExpiryDays: '30',
      personalDataRetentionMonths: '24',
    });
    assert.deepEqual(validateDelays(form), {});
    assert.deepEqual(delaysFromForm(form), defaults);
    assert.deepEqual(DELAY_KEYS, Object.keys(defaults));
  });

  it('checks each delay against the API’s bounds, in French', () => {
    const form = delaysFormOf(defaults);
    assert.deepEqual(validateDelays({ ...form, registrationReminderDays: '0', personalDataRetentionMonths: '121' }), {
      registrationReminderDays: 'Un nombre entier de jours, de 1 à 90.',
      personalDataRetentionMonths: 'Un nombre entier de mois, de 1 à 120.',
    });
    assert.deepEqual(validateDelays({ ...form, registrationExpiryDays: '' }), {
      registrationExpiryDays: 'Un nombre entier de jours, de 2 à 365.',
    });
    assert.deepEqual(validateDelays({ ...form, registrationExpiryDays: '2.5' }), {
      registrationExpiryDays: 'Un nombre entier de jours, de 2 à 365.',
    });
  });

  it('applies the API’s rule: the reminder comes before the expiry', () => {
    const form = delaysFormOf(defaults);
    assert.deepEqual(validateDelays({ ...form, registrationReminderDays: '30' }), {
      registrationExpiryDays: 'L’expiration doit venir après le rappel : plus de 30 jours.',
    });
    assert.deepEqual(validateDelays({ ...form, registrationReminderDays: '29' }), {});
  });
});

describe('structure form', () => {
  it('checks the SIRET like the API (Luhn, La Poste)', () => {
    assert.equal(siretProblem('732 829 320 00074'), null);
    assert.equal(siretProblem('35600000000010'), null, 'La Poste: digit sum multiple of 5');
    assert.match(siretProblem('73282932000075')!, /clé de contrôle/);
    assert.match(siretProblem('1234')!, /14 chiffres \(4 saisis\)/);
    assert.match(siretProblem('abc')!, /que des chiffres/);
    assert.match(siretProblem('')!, /Indiquez/);
  });

  it('requires name, kind, address and commune, and builds the API body', () => {
    assert.deepEqual(Object.keys(validateOrganizationForm(emptyOrganizationForm())).sort(), [
      'address',
      'commune',
      'kind',
      'name',
      'siret',
    ]);
    const f = {
      ...emptyOrganizationForm(),
      siret: '732 829 320 00074',
      name: ' Asso ',
      kind: 'ASSO',
      address: '2 rue B',
      commune: { insee: '26362', label: 'Valence (26000)' },
      lat: 44.9,
      lng: 4.9,
      email: 'a@b.fr',
    };
    assert.deepEqual(validateOrganizationForm(f), {});
    assert.deepEqual(Object.keys(validateOrganizationForm({ ...f, phone: 'appelez-nous', email: 'a@b' })).sort(), [
      'email',
      'phone',
    ]);
    assert.deepEqual(organizationInputFromForm(f), {
      siret: '73282932000074',
      name: 'Asso',
      kind: 'ASSO',
      description: '',
      address: '2 rue B',
      communeInsee: '26362',
      lat: 44.9,
      lng: 4.9,
      website: null,
      email: 'a@b.fr',
      phone: null,
      prescriber: false,
    });
    assert.match(validateOrganizationForm({ ...f, website: 'www' }).website!, /invalide/);
  });

  it('says what is wrong with a password', () => {
    assert.match(passwordProblem('court', 12, 256)!, /au moins 12/);
    assert.equal(passwordProblem('assez-long-pour-passer', 12, 256), null);
  });
});

describe('diffusion-zone picker ⇄ OfferWrite', () => {
  const zones = {
    epcis: [
      { code: '200040624', name: 'CC du Royans-Vercors' },
      { code: '200068781', name: 'CA Valence Romans Agglo' },
      { code: '242600252', name: 'Communauté d’agglomération Montélimar-Agglomération' },
    ],
    territories: [{ code: 'nord', name: 'Drôme des collines' }],
  };

  it('offers the EPCI or the territories by type, nothing for communes and the département', () => {
    assert.equal(zoneChoicesOf('epci', zones), zones.epcis);
    assert.equal(zoneChoicesOf('territory', zones), zones.territories);
    assert.deepEqual(zoneChoicesOf('communes', zones), []);
    assert.deepEqual(zoneChoicesOf('departement', zones), []);
    assert.deepEqual(zoneChoicesOf('epci', undefined), []);
  });

  it('filters by any part of the name, ignoring accents, case and punctuation, or by the start of the code', () => {
    const names = (q: string): string[] => filterZoneChoices(zones.epcis, q).map((c) => c.name);
    assert.equal(names('').length, 3);
    assert.deepEqual(names('montelimar'), ['Communauté d’agglomération Montélimar-Agglomération']);
    assert.deepEqual(names('AGGLO valence'), ['CA Valence Romans Agglo']);
    assert.deepEqual(names('communaute d agglomeration'), ['Communauté d’agglomération Montélimar-Agglomération']);
    assert.deepEqual(names('20004'), ['CC du Royans-Vercors']);
    assert.deepEqual(names('lyon'), []);
  });

  it('checks areas by code with their names, sends only the codes, and clears them when the type changes', () => {
    let form = withZoneType(valid(), 'epci');
    form = setZoneCodes(form, ['200068781', '242600252'], zones.epcis);
    assert.deepEqual(form.zoneAreas, [zones.epcis[1], zones.epcis[2]]);
    assert.deepEqual(validateOfferForm(form), {});
    assert.deepEqual(offerWriteFromForm(form).diffusionZone, {
      type: 'epci',
      areas: [{ code: '200068781' }, { code: '242600252' }],
    });
    // An area already chosen keeps its name even when the list no longer has it (filtered, renamed).
    form = setZoneCodes(
      { ...form, zoneAreas: [{ code: '999999999', name: 'Ancienne CC' }] },
      ['999999999', '200040624', '200040624'],
      zones.epcis,
    );
    assert.deepEqual(form.zoneAreas, [{ code: '999999999', name: 'Ancienne CC' }, zones.epcis[0]]);
    assert.deepEqual(withZoneType(form, 'epci').zoneAreas, form.zoneAreas);
    const territory = withZoneType(form, 'territory');
    assert.deepEqual(territory.zoneAreas, []);
    assert.equal(validateOfferForm(territory).zone, 'Ajoutez au moins un territoire.');
    assert.deepEqual(offerWriteFromForm(setZoneCodes(territory, ['nord'], zones.territories)).diffusionZone, {
      type: 'territory',
      areas: [{ code: 'nord' }],
    });
  });

  it('fills the picker from an offer read from the API', () => {
    const form = offerFormFromDetail({
      ...detail,
      diffusionZone: { type: 'epci', areas: [{ code: '200068781', name: 'CA Valence Romans Agglo' }] },
    });
    assert.equal(form.zoneType, 'epci');
    assert.deepEqual(form.zoneAreas, [{ code: '200068781', name: 'CA Valence Romans Agglo' }]);
    assert.deepEqual(offerWriteFromForm(form).diffusionZone, { type: 'epci', areas: [{ code: '200068781' }] });
  });
});

describe('editing a structure', () => {
  const structure: BackOfficeOrganization = {
    id: 'o',
    siret: '73282932000074',
    name: 'Atelier',
    kind: 'association',
    description: 'Présentation',
    address: '1 rue A',
    communeInsee: '26362',
    commune: 'Valence',
    lat: 44.93,
    lng: 4.89,
    website: null,
    email: 'contact@atelier.fr',
    phone: null,
    prescriber: false,
    notifyCalls: false,
    status: 'validated',
    rejectionReason: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    offerCount: 0,
    identityChange: null,
  };

  it('sends only what changed, and says which changes the département reviews', () => {
    const initial = organizationFormFrom(structure);
    assert.deepEqual(organizationPatchFromForm(initial, initial), {});
    const edited = {
      ...initial,
      name: ' Atelier solidaire ',
      phone: '04 75 00 00 00',
      email: '',
      siret: '732 829 320 00074',
    };
    const patch = organizationPatchFromForm(initial, edited);
    assert.deepEqual(patch, { name: 'Atelier solidaire', phone: '04 75 00 00 00', email: null });
    assert.deepEqual(reviewedFieldsOf(patch), ['name']);
    assert.deepEqual(organizationPatchFromForm(initial, { ...initial, notifyCalls: true }), { notifyCalls: true });
    assert.deepEqual(
      reviewedFieldsOf(organizationPatchFromForm(initial, { ...initial, prescriber: true, description: 'Autre' })),
      ['prescriber'],
    );
    const moved = organizationPatchFromForm(initial, {
      ...initial,
      commune: { insee: '26198', label: 'Montélimar' },
      lat: 44.55,
      lng: 4.75,
    });
    assert.deepEqual(moved, { communeInsee: '26198', lat: 44.55, lng: 4.75 });
  });

  it('checks the edit like the creation, but not an unchanged missing SIRET', () => {
    const imported = organizationFormFrom({ ...structure, siret: null });
    assert.deepEqual(validateOrganizationEdit(imported, imported), {});
    assert.ok(validateOrganizationEdit(imported, { ...imported, siret: '123' }).siret);
    assert.ok(validateOrganizationEdit(imported, { ...imported, name: ' ' }).name);
  });
});
