// Offers point to a fiche of the département's plan (`ficheId`), shown as `fiche` on their page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackOfficeOffer, OfferDetail, Plan } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { makePlan } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant } from '../../testing/test-database.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { offerBody, offersWorld, type OffersWorld } from './offers.test-helpers.js';

describe('offers and the fiches of the plan', () => {
  let api: ApiTest;
  let w: OffersWorld;
  let plan: Plan;
  let foreignFiche: string;
  before(async () => {
    api = await startApiTest();
    w = await offersWorld(api);
    await makePlan(api.owner, w.tenant);
    plan = (await api.t.http.get(`${w.base}/plan`)).body as Plan;
    const other = await createTenant(api.owner);
    api.t.app.get(TenantDirectory).invalidate();
    await makePlan(api.owner, other);
    foreignFiche = ((await api.t.http.get(`/api/v1/tenants/${other.slug}/plan`)).body as Plan).axes[0]!.fiches[0]!.id;
  });
  after(() => api.close());

  const fiche = (n: string) => plan.axes.flatMap((a) => a.fiches).find((f) => f.number === n)!;

  it('takes a fiche of the plan and shows it with its axis, to the back office and then the public', async () => {
    const created = await w.member.post(`${w.base}/offers`, { ...offerBody(w), ficheId: fiche('2').id });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const offer = created.body as BackOfficeOffer;
    assert.deepEqual(offer.fiche, {
      id: fiche('2').id,
      number: '2',
      title: 'Accueils collectifs de proximité',
      axis: { number: 1, title: 'Accompagner vers l’emploi' },
    });
    assert.equal((await w.member.post(`${w.base}/offers/${offer.id}/submit`)).status, 200);
    assert.equal((await w.agent.post(`${w.base}/offers/${offer.id}/publish`)).status, 200);
    const publicView = (await api.t.http.get(`${w.base}/offers/${offer.id}`)).body as OfferDetail;
    assert.equal(publicView.fiche?.number, '2');
    assert.equal('planMeasure' in publicView, false);

    // A published offer changes its fiche through its revision: the public keeps the old one until it is published.
    const revised = await w.member.patch(`${w.base}/offers/${offer.id}`, { ficheId: fiche('3').id });
    assert.equal(revised.status, 200);
    assert.equal((revised.body as BackOfficeOffer).revision?.offer.fiche?.number, '3');
    assert.equal(((await api.t.http.get(`${w.base}/offers/${offer.id}`)).body as OfferDetail).fiche?.number, '2');
    await w.member.post(`${w.base}/offers/${offer.id}/submit`);
    assert.equal((await w.agent.post(`${w.base}/offers/${offer.id}/publish`)).status, 200);
    assert.equal(((await api.t.http.get(`${w.base}/offers/${offer.id}`)).body as OfferDetail).fiche?.number, '3');
  });

  for (const [why, ficheId] of [
    ['another département’s fiche', () => foreignFiche],
    ['an unknown fiche', () => '00000000-0000-4000-8000-000000000000'],
    ['not an id', () => 'fiche 7'],
    ['a number', () => 7],
  ] as const) {
    it(`refuses ${why} with a 400 naming ficheId`, async () => {
      const res = await w.member.post(`${w.base}/offers`, { ...offerBody(w), ficheId: ficheId() });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.parameter, 'ficheId');
    });
  }

  it('clears the fiche with null, and a chosen fiche retires the legacy text (never linked again)', async () => {
    const id = (
      (await w.member.post(`${w.base}/offers`, { ...offerBody(w), ficheId: fiche('1').id })).body as BackOfficeOffer
    ).id;
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`UPDATE offer SET plan_measure = 'Fiche action n°3' WHERE id = $1`, [id]),
    );
    const cleared = await w.member.patch(`${w.base}/offers/${id}`, { ficheId: null });
    assert.equal(cleared.status, 200);
    assert.equal((cleared.body as BackOfficeOffer).fiche, null);
    const { rows } = await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`SELECT plan_measure, plan_fiche_id FROM offer WHERE id = $1`, [id]),
    );
    assert.deepEqual(rows[0], { plan_measure: null, plan_fiche_id: null });
    const history = (await w.member.get(`${w.base}/offers/${id}/history`)).body as { changedFields: string[] }[];
    assert.ok(history[0]!.changedFields.includes('ficheId'));
  });

  it('keeps the legacy text when an edit leaves the fiche alone', async () => {
    const id = ((await w.member.post(`${w.base}/offers`, offerBody(w))).body as BackOfficeOffer).id;
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`UPDATE offer SET plan_measure = 'Fiche action n°3' WHERE id = $1`, [id]),
    );
    assert.equal((await w.member.patch(`${w.base}/offers/${id}`, { title: 'Atelier renommé' })).status, 200);
    const { rows } = await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`SELECT plan_measure FROM offer WHERE id = $1`, [id]),
    );
    assert.equal(rows[0].plan_measure, 'Fiche action n°3');
  });
});
