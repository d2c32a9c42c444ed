// The catalogue → data·inclusion mapping, without a database: the contract's examples, then random
// offers within the write rules, each of which must give a service the national schema accepts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACCESS_MODES,
  AUDIENCE_CODES,
  MOBILISATION_MODE_CODES,
  RECEPTION_MODE_CODES,
  SERVICE_TYPE_CODES,
  THEME_CODES,
  ZONE_TYPES,
} from '@catalogue/domain';
import { LIMITS } from '@catalogue/contracts';
import { diCsvCell, diCsvLine } from './data-inclusion-csv.js';
import {
  dataInclusionName,
  toService,
  toStructure,
  type ExportContext,
  type OfferExportRow,
  type OrganizationExportRow,
} from './data-inclusion-mapping.js';
import { SERVICE_FIELDS, SERVICE_SCHEMA } from '../../common/data-inclusion/data-inclusion-schemas.js';
import {
  assertValid,
  parseDataInclusionCsv,
  validateService,
  validateStructure,
} from './data-inclusion-export.test-helpers.js';
import { diCsvHeader } from './data-inclusion-csv.js';

const ctx: ExportContext = {
  slug: 'drome',
  departementCode: '26',
  publicUrl: 'https://catalogue.example.fr',
  territories: new Map([['drome-nord', ['26362', '26198']]]),
};

const offer = (o: Partial<OfferExportRow> = {}): OfferExportRow => ({
  id: '0b6f2b36-6a3f-4c39-9d4e-6f1a8a8c0c01',
  organization_id: '5d2d8f3e-7a1b-4e0c-8f4f-2b9c1d3e4f50',
  title: 'Atelier numérique',
  summary: 'Apprendre les bases',
  description: '',
  themes: ['numerique--maitriser-les-fondamentaux-du-numerique'],
  audiences: [],
  service_types: ['atelier'],
  eligibility: '',
  cost: 'gratuit',
  cost_details: null,
  modes: ['en-presentiel'],
  access: 'prescription',
  mobilisation: ['telephoner'],
  zone_type: 'departement',
  zone_codes: [],
  contact_name: null,
  contact_email: null,
  contact_phone: null,
  updated_at: new Date('2026-03-31T22:30:00Z'),
  place_label: null,
  place_address: null,
  place_insee: null,
  place_commune: null,
  place_postcode: null,
  place_lat: null,
  place_lng: null,
  ...o,
});

const organization = (o: Partial<OrganizationExportRow> = {}): OrganizationExportRow => ({
  id: '5d2d8f3e-7a1b-4e0c-8f4f-2b9c1d3e4f50',
  name: 'Association Tremplin',
  description: 'Accompagnement vers l’emploi',
  siret: '12345678901234',
  address: '1 place de la Mairie',
  commune_insee: '26362',
  commune_name: 'Valence',
  commune_postcode: '26000',
  lat: 44.93,
  lng: 4.89,
  website: 'www.tremplin.fr',
  email: 'contact@tremplin.fr',
  phone: '04 75 00 00 00',
  updated_at: new Date('2026-01-02T10:00:00Z'),
  ...o,
});

describe('toService', () => {
  it('maps a prescription offer without place: the page as lien_source, the département as zone, nulls for what is not held', () => {
    const s = toService(offer(), ctx);
    assertValid(validateService, s, 'service');
    assert.equal(s.source, 'catalogue-insertion-drome');
    assert.equal(s.id, offer().id);
    assert.equal(s.structure_id, offer().organization_id);
    assert.equal(s.description, 'Apprendre les bases', 'a description under 5 characters gives way to the summary');
    assert.equal(s.date_maj, '2026-04-01', 'the Paris date of updated_at');
    assert.equal(s.lien_source, `https://catalogue.example.fr/drome/offres/${offer().id}`);
    assert.deepEqual(s.mobilisable_par, ['professionnels']);
    assert.equal(s.lien_mobilisation, null);
    assert.deepEqual(s.modes_mobilisation, ['telephoner']);
    assert.deepEqual(s.zone_eligibilite, ['26']);
    assert.equal(s.publics, null);
    assert.equal(s.type, 'atelier');
    assert.deepEqual(
      [s.adresse, s.code_insee, s.commune, s.latitude, s.horaires_accueil],
      [null, null, null, null, null],
    );
  });

  it('maps self-registration to usagers with the page as lien_mobilisation and the link mode', () => {
    const s = toService(offer({ access: 'self_registration', mobilisation: [] }), ctx);
    assert.deepEqual(s.mobilisable_par, ['professionnels', 'usagers']);
    assert.equal(s.lien_mobilisation, s.lien_source);
    assert.deepEqual(s.modes_mobilisation, ['utiliser-lien-mobilisation']);
    const open = toService(offer({ access: 'open', mobilisation: [] }), ctx);
    assert.deepEqual(open.mobilisable_par, ['professionnels', 'usagers']);
    assert.equal(open.lien_mobilisation, null);
    assert.equal(open.modes_mobilisation, null);
  });

  it('takes the first place, the zone as codes, and cuts a long title at 150 characters', () => {
    const s = toService(
      offer({
        title: 'x'.repeat(200),
        description: 'Une description complète',
        zone_type: 'territory',
        zone_codes: ['drome-nord'],
        place_label: 'Maison des services',
        place_address: '2 rue Émile-Augier',
        place_insee: '26362',
        place_commune: 'Valence',
        place_postcode: '26000',
        place_lat: 44.93,
        place_lng: 4.89,
      }),
      ctx,
    );
    assertValid(validateService, s, 'service');
    assert.equal(s.nom, `${'x'.repeat(149)}…`);
    assert.equal(s.description, 'Une description complète');
    assert.deepEqual(s.zone_eligibilite, ['26362', '26198']);
    assert.deepEqual(
      [s.adresse, s.complement_adresse, s.code_insee, s.commune, s.code_postal, s.latitude, s.longitude],
      ['2 rue Émile-Augier', 'Maison des services', '26362', 'Valence', '26000', 44.93, 4.89],
    );
    assert.deepEqual(toService(offer({ zone_type: 'epci', zone_codes: ['200068781'] }), ctx).zone_eligibilite, [
      '200068781',
    ]);
  });

  it('completes a title under 3 characters and falls back to « Action : » + title without texts', () => {
    const s = toService(offer({ title: 'A', summary: '', description: '' }), ctx);
    assertValid(validateService, s, 'service');
    assert.equal(s.nom, 'A……');
    assert.equal(s.description, 'Action : A');
    assert.equal(dataInclusionName('😀'), '😀……', 'counted in characters, not UTF-16 units');
  });
});

describe('toStructure', () => {
  it('carries the SIRET, the commune with its postcode, a website with its scheme', () => {
    const s = toStructure(organization(), ctx);
    assertValid(validateStructure, s, 'structure');
    assert.equal(s.siret, '12345678901234');
    assert.equal(s.site_web, 'https://www.tremplin.fr/');
    assert.deepEqual([s.code_insee, s.commune, s.code_postal], ['26362', 'Valence', '26000']);
    assert.equal(s.lien_source, `https://catalogue.example.fr/drome/structures/${organization().id}`);
    assert.equal(s.date_maj, '2026-01-02');
  });

  it('leaves out what the schema would refuse: a short description, a website or an email it cannot read', () => {
    const s = toStructure(
      organization({ description: 'Asso', website: 'pas un site', email: 'élise@exemple.fr', commune_insee: null }),
      ctx,
    );
    assertValid(validateStructure, s, 'structure');
    assert.deepEqual([s.description, s.site_web, s.courriel, s.commune, s.code_postal], [null, null, null, null, null]);
  });
});

describe('data·inclusion CSV', () => {
  it('quotes commas, quotes and line breaks, joins lists with |, leaves null empty, keeps a formula-like text as is', () => {
    assert.equal(diCsvCell('a, "b"\nc'), '"a, ""b""\nc"');
    assert.equal(diCsvCell(['jeunes', 'femmes']), 'jeunes|femmes');
    assert.equal(diCsvCell(null), '');
    assert.equal(diCsvCell(44.5), '44.5');
    assert.equal(diCsvCell('=1+1'), '=1+1');
  });

  it('reads back into the record it was written from', () => {
    const s = toService(
      offer({ audiences: ['jeunes', 'femmes'], eligibility: 'Avoir, "parfois", 18 ans\r\nau moins' }),
      ctx,
    );
    const text = diCsvHeader(SERVICE_FIELDS) + diCsvLine(SERVICE_FIELDS, s);
    const { header, records } = parseDataInclusionCsv(text, SERVICE_SCHEMA);
    assert.deepEqual(header, SERVICE_FIELDS);
    assert.deepEqual(records[0], JSON.parse(JSON.stringify(s)));
  });
});

// ---- Property: any offer the write rules allow gives a valid service (JSON and CSV) ----------

const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });
const nonBlank = (max: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
const subset = (codes: ReadonlySet<string>, min = 0) =>
  fc.uniqueArray(fc.constantFrom(...codes), { minLength: min, maxLength: 6 });
const insee = fc.stringMatching(/^[0-9][0-9AB][0-9]{3}$/);
const place = fc.record({
  place_label: fc.option(nonBlank(LIMITS.offer.label), { nil: null }),
  place_address: nonBlank(LIMITS.offer.address),
  place_insee: insee,
  place_commune: nonBlank(60),
  place_postcode: fc.option(fc.stringMatching(/^\d{5}$/), { nil: null }),
  place_lat: fc.double({ min: -90, max: 90, noNaN: true }),
  place_lng: fc.double({ min: -180, max: 180, noNaN: true }),
});
const noPlace = fc.constant({
  place_label: null,
  place_address: null,
  place_insee: null,
  place_commune: null,
  place_postcode: null,
  place_lat: null,
  place_lng: null,
});
const zone = fc.oneof(
  fc.record({
    zone_type: fc.constant('communes' as const),
    zone_codes: fc.uniqueArray(insee, { minLength: 1, maxLength: 20 }),
  }),
  fc.record({
    zone_type: fc.constant('epci' as const),
    zone_codes: fc.uniqueArray(fc.stringMatching(/^\d{9}$/), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({
    zone_type: fc.constant('territory' as const),
    zone_codes: fc.constantFrom<string[]>(['drome-nord'], ['inconnu']),
  }),
  fc.record({ zone_type: fc.constant('departement' as const), zone_codes: fc.constant([] as string[]) }),
);
const audiences = fc.oneof(
  fc.constant<string[]>(['tous-publics']),
  subset(new Set([...AUDIENCE_CODES].filter((c) => c !== 'tous-publics'))),
);
const randomOffer: fc.Arbitrary<OfferExportRow> = fc
  .record({
    id: fc.uuid(),
    organization_id: fc.uuid(),
    title: nonBlank(LIMITS.offer.title),
    summary: text(LIMITS.offer.summary),
    description: text(2000),
    themes: subset(THEME_CODES, 1),
    audiences,
    service_types: subset(SERVICE_TYPE_CODES),
    eligibility: text(300),
    cost: fc.constantFrom('gratuit', 'payant'),
    cost_details: fc.option(text(LIMITS.offer.costDetails), { nil: null }),
    modes: subset(RECEPTION_MODE_CODES),
    access: fc.constantFrom(...ACCESS_MODES.map((a) => a.code)),
    mobilisation: subset(MOBILISATION_MODE_CODES),
    contact_name: fc.option(text(LIMITS.offer.contactName), { nil: null }),
    contact_email: fc.option(fc.oneof(fc.emailAddress(), nonBlank(40)), { nil: null }),
    contact_phone: fc.option(fc.stringMatching(/^\+?[0-9(][0-9 .()-]{5,29}$/), { nil: null }),
    updated_at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  })
  .chain((o) => fc.tuple(zone, fc.oneof(place, noPlace)).map(([z, p]) => ({ ...o, ...z, ...p })));

describe('toService on random offers', () => {
  it('always gives a service the national schema accepts, in JSON and read back from CSV', () => {
    const zoneTypes = new Set<string>();
    fc.assert(
      fc.property(randomOffer, (o) => {
        zoneTypes.add(o.zone_type);
        const s = toService(o, ctx);
        assertValid(validateService, s, 'service');
        const { records } = parseDataInclusionCsv(
          diCsvHeader(SERVICE_FIELDS) + diCsvLine(SERVICE_FIELDS, s),
          SERVICE_SCHEMA,
        );
        assertValid(validateService, records[0], 'service read back from CSV');
      }),
      { numRuns: 400 },
    );
    assert.deepEqual([...zoneTypes].sort(), ZONE_TYPES.map((z) => z.code).sort(), 'every zone type was tried');
  });
});
