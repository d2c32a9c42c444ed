import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { communesOf, makeOrganization } from '../testing/factories.js';
import { connect, createTenant, type TestTenant } from '../testing/test-database.js';
import { inTenantTransaction, insertOffers, upsertOffer, type OfferInput } from './catalogue-writer.js';

describe('catalogue writer', () => {
  let owner: pg.Client;
  let tenant: TestTenant;
  let input: OfferInput;

  before(async () => {
    owner = await connect('owner');
    tenant = await createTenant(owner);
    const [c1, c2] = await communesOf(owner, tenant);
    const org = await makeOrganization(owner, tenant, { name: 'Atelier Chantier du Bourg' });
    input = {
      organizationId: org,
      organizationName: 'Atelier Chantier du Bourg',
      status: 'published',
      title: "Chantier d'insertion espaces verts",
      summary: 'Un contrat de travail pour reprendre pied',
      description: 'Entretien des espaces verts de la commune, encadré par un encadrant technique.',
      themes: ['trouver-un-emploi--repondre-a-des-offres-demploi', 'remobilisation--lien-social'],
      audiences: ['beneficiaires-des-minimas-sociaux'],
      serviceTypes: ['accompagnement'],
      eligibility: 'Allocataires du revenu de solidarité active',
      cost: 'gratuit',
      modes: ['en-presentiel'],
      access: 'prescription',
      mobilisation: ['telephoner'],
      zoneType: 'communes',
      zoneCodes: [c1!.insee, c2!.insee],
      funding: ['pdi', 'fse'],
      places: [c1!, c2!].map((c) => ({
        address: '2 rue du Stade',
        communeInsee: c.insee,
        communeName: c.name,
        lat: c.lat,
        lng: c.lng,
      })),
      sessions: [
        {
          startsAt: new Date(Date.now() + 86_400_000),
          endsAt: new Date(Date.now() + 30 * 86_400_000),
          capacity: 8,
          booked: 8,
        },
      ],
    };
  });
  after(async () => owner.end());

  const columns = `title, themes, theme_index, zone_keys, search_extra, search_vector::text AS vector, places_open_until,
                   (SELECT count(*) FROM offer_place p WHERE p.offer_id = o.id)::int AS places,
                   (SELECT count(*) FROM offer_session s WHERE s.offer_id = o.id)::int AS sessions`;

  it('derives the same columns whether an offer is upserted alone or inserted in bulk', async () => {
    const one = await inTenantTransaction(owner, tenant.id, () =>
      upsertOffer(owner, tenant, { ...input, sourceKey: 'single' }),
    );
    const [bulk] = await inTenantTransaction(owner, tenant.id, () =>
      insertOffers(owner, tenant, [{ ...input, sourceKey: 'bulk' }]),
    );
    const rows = await inTenantTransaction(
      owner,
      tenant.id,
      async () =>
        (await owner.query(`SELECT ${columns} FROM offer o WHERE id = ANY($1) ORDER BY source_key DESC`, [[one, bulk]]))
          .rows,
    );
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0], rows[1]);
    const [row] = rows;
    assert.deepEqual(row.theme_index.sort(), [
      'remobilisation',
      'remobilisation--lien-social',
      'trouver-un-emploi',
      'trouver-un-emploi--repondre-a-des-offres-demploi',
    ]);
    assert.equal(row.zone_keys.length, 2);
    assert.match(row.search_extra, /Atelier Chantier du Bourg/);
    assert.match(row.search_extra, /\bRSA\b/, 'the acronym of a phrase spelled out is indexed');
    assert.match(row.search_extra, /\bACI\b/);
    assert.equal(row.places, 2);
    assert.equal(row.sessions, 1);
    assert.equal(row.places_open_until, null, 'a full session leaves no place open');
  });

  it('stores how seats are given and the cancellation cut-off (defaults when left out), alone or in bulk', async () => {
    const given = { seatAllocation: 'review', cancellationCutoffHours: 48 } as const;
    const [left, bulk] = await inTenantTransaction(owner, tenant.id, () =>
      insertOffers(owner, tenant, [
        { ...input, sourceKey: 'defaults' },
        { ...input, sourceKey: 'given-bulk', ...given },
      ]),
    );
    const one = await inTenantTransaction(owner, tenant.id, () =>
      upsertOffer(owner, tenant, { ...input, sourceKey: 'given-one', ...given }),
    );
    const rows = await inTenantTransaction(
      owner,
      tenant.id,
      async () =>
        (
          await owner.query(
            `SELECT seat_allocation, cancellation_cutoff_hours FROM offer WHERE id = ANY($1) ORDER BY source_key`,
            [[left, bulk, one]],
          )
        ).rows,
    );
    assert.deepEqual(rows, [
      { seat_allocation: 'automatic', cancellation_cutoff_hours: 24 },
      { seat_allocation: 'review', cancellation_cutoff_hours: 48 },
      { seat_allocation: 'review', cancellation_cutoff_hours: 48 },
    ]);
  });

  it('upserting again replaces places and sessions instead of adding to them', async () => {
    const id = await inTenantTransaction(owner, tenant.id, () =>
      upsertOffer(owner, tenant, { ...input, sourceKey: 'twice' }),
    );
    const again = await inTenantTransaction(owner, tenant.id, () =>
      upsertOffer(owner, tenant, { ...input, sourceKey: 'twice', sessions: [{ ...input.sessions[0]!, booked: 2 }] }),
    );
    assert.equal(again, id);
    const [row] = await inTenantTransaction(
      owner,
      tenant.id,
      async () => (await owner.query(`SELECT ${columns} FROM offer o WHERE id = $1`, [id])).rows,
    );
    assert.equal(row.places, 2);
    assert.equal(row.sessions, 1);
    assert.ok(row.places_open_until, 'places left keep the offer open');
  });
});
