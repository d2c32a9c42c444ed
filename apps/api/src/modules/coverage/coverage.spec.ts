// The coverage of a theme over the département's communes, against a small catalogue written here:
// only published offers of the theme (and public) of this tenant count, by their places (distance)
// and their diffusion zones (covered).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CoverageCommune, CoverageResponse } from '@catalogue/contracts';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { communesOf, makeOffer, makeOrganization, type CommunePoint } from '../../testing/factories.js';
import { createTenant } from '../../testing/test-database.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';

/** Great-circle distance (km), written independently of the module (haversine, mean Earth radius). */
function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lng - a.lng) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const MOBILITY = 'mobilite--acceder-a-un-vehicule';

describe('coverage of a theme', () => {
  let api: ApiTest;
  let agent: SignedInClient;
  let communes: CommunePoint[];
  let placed: string;
  let zoned: string;
  let youth: string;
  let placeAt: CommunePoint;
  let farAway: CommunePoint;
  let epci: string;

  before(async () => {
    api = await startApiTest();
    const { owner, tenant } = api;
    agent = await clientWithRole(owner, api.t.http, tenant, 'agent');
    communes = await communesOf(owner, tenant);
    const org = await makeOrganization(owner, tenant);
    placeAt = communes[0]!;
    // The commune furthest from the place: a draft and another theme's offer sit there, ignored.
    farAway = [...communes].sort((a, b) => haversineKm(placeAt, b) - haversineKm(placeAt, a))[0]!;
    // An EPCI that contains neither of the two.
    epci = communes.find((c) => c.epci && c.epci !== placeAt.epci && c.epci !== farAway.epci)!.epci!;
    placed = await makeOffer(owner, tenant, org, {
      title: 'Garage solidaire',
      themes: [MOBILITY],
      audiences: ['tous-publics'],
      places: [placeAt],
      zoneType: 'communes',
      zoneCodes: [placeAt.insee],
    });
    zoned = await makeOffer(owner, tenant, org, {
      title: 'Location de scooters',
      themes: ['mobilite--etre-accompagne-dans-son-parcours-mobilite'],
      audiences: ['demandeurs-emploi'],
      zoneType: 'epci',
      zoneCodes: [epci],
    });
    youth = await makeOffer(owner, tenant, org, {
      title: 'Permis pour les jeunes',
      themes: [MOBILITY],
      audiences: ['jeunes'],
      zoneType: 'communes',
      zoneCodes: [farAway.insee],
    });
    // The whole département, every offer's default zone, covers nothing by itself (no place: no distance).
    await makeOffer(owner, tenant, org, { title: 'Partout', themes: [MOBILITY], zoneType: 'departement' });
    await makeOffer(owner, tenant, org, { title: 'Brouillon', status: 'draft', themes: [MOBILITY], places: [farAway] });
    await makeOffer(owner, tenant, org, {
      title: 'Autre thème',
      themes: ['remobilisation--lien-social'],
      places: [farAway],
    });
    const other = await createTenant(owner);
    const otherOrg = await makeOrganization(owner, other);
    await makeOffer(owner, other, otherOrg, { title: 'Ailleurs', themes: [MOBILITY], places: [farAway] });
  });
  after(() => api.close());

  const get = async (query: string): Promise<CoverageResponse> => {
    const res = await agent.get(`/api/v1/tenants/${api.tenant.slug}/coverage?${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as CoverageResponse;
  };
  const byInsee = (r: CoverageResponse) => new Map(r.communes.map((c) => [c.insee, c]));

  it('lists every commune of the département with its population and point', async () => {
    const r = await get('theme=mobilite');
    assert.equal(r.communes.length, communes.length);
    assert.equal(r.themeLabel, 'Mobilité');
    const c = byInsee(r).get(placeAt.insee)!;
    assert.equal(c.name, placeAt.name);
    assert.ok(c.population > 0);
    assert.equal(c.epci, placeAt.epci);
  });

  it('says which communes sit on an estimated point (the reference data lacks their coordinates)', async () => {
    const r = await get('theme=mobilite');
    const { rows } = await api.owner.query<{ insee: string; approx: boolean }>(
      `SELECT insee, approx FROM commune WHERE departement = $1`,
      [api.tenant.code],
    );
    const approx = new Map(rows.map((x) => [x.insee, x.approx]));
    for (const c of r.communes) assert.equal(c.approximatePosition, approx.get(c.insee), c.name);
    assert.ok(
      r.communes.some((c) => !c.approximatePosition),
      'the official centres locate the communes',
    );
  });

  it('measures each commune to the only published place of the theme, in this tenant', async () => {
    const r = await get('theme=mobilite');
    assert.equal(r.offers, 4, 'the four published mobility offers, not the draft nor the other theme or tenant');
    for (const c of r.communes) {
      const expected = haversineKm(c, placeAt);
      assert.ok(
        Math.abs(c.distanceKm! - expected) < 0.5,
        `${c.name}: ${c.distanceKm} km, expected ${expected.toFixed(1)}`,
      );
      assert.equal(c.nearestOfferId, placed);
      assert.equal(c.nearestOfferTitle, 'Garage solidaire');
    }
    assert.equal(byInsee(r).get(placeAt.insee)!.distanceKm, 0);
    assert.ok(byInsee(r).get(farAway.insee)!.distanceKm! > 10, 'the draft and the others at this commune are ignored');
  });

  it('marks the communes a diffusion zone includes: the place’s commune, the EPCI, the young’s commune', async () => {
    const r = await get('theme=mobilite');
    const covered = (c: CoverageCommune) => c.insee === placeAt.insee || c.epci === epci || c.insee === farAway.insee;
    for (const c of r.communes) assert.equal(c.coveredByZone, covered(c), c.name);
    assert.ok(r.communes.some((c) => !c.coveredByZone));
  });

  it('a thématique counts its own offers only; a public keeps its offers and the « tous publics » ones', async () => {
    const sub = await get(`theme=${MOBILITY}`);
    assert.equal(sub.offers, 3);
    assert.ok(sub.communes.every((c) => c.coveredByZone === (c.insee === placeAt.insee || c.insee === farAway.insee)));

    const young = await get('theme=mobilite&audience=jeunes');
    assert.equal(
      young.offers,
      2,
      'the young’s offer and the one for everyone (not the département-wide one, for minima sociaux)',
    );
    assert.equal(young.audienceLabel, 'Jeunes');
    assert.ok(
      young.communes.every((c) => c.coveredByZone === (c.insee === placeAt.insee || c.insee === farAway.insee)),
    );
    assert.ok(young.communes.every((c) => c.nearestOfferId === placed));
    void youth;
    void zoned;
  });

  it('without any offer of the theme: no distance, no zone', async () => {
    const r = await get('theme=sante');
    assert.equal(r.offers, 0);
    assert.ok(r.communes.every((c) => c.distanceKm === null && !c.coveredByZone && c.nearestOfferId === null));
  });
});
