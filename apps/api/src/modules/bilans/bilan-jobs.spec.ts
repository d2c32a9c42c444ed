// The bilans' clock: the bilans of an agreement created once (prefilled with its indicators and
// the application's budget, its money), opened 30 days before the due date, and each reminder sent
// once even when two runs meet.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bilan } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { BilanJobs } from './bilan-jobs.js';
import { bilansWorld, type BilansWorld } from './bilans.test-helpers.js';

describe('bilan jobs', () => {
  let api: ApiTest;
  let w: BilansWorld;
  let jobs: BilanJobs;
  before(async () => {
    api = await startApiTest();
    w = await bilansWorld(api);
    jobs = api.t.app.get(BilanJobs);
  });
  after(() => api.close());

  /** Emails to `to` whose subject starts like `subject` (and that link to bilan `id`). */
  const mails = async (to: string, subject: string, id = '') =>
    (
      await w.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM email_outbox WHERE to_address = $1 AND subject LIKE $2 AND text_body LIKE $3`,
        [to, subject, `%${id}%`],
      )
    )[0]!.n;

  it('creates an agreement’s bilan once, prefilled, and opens it 30 days before its due date', async () => {
    const offerId = await w.offer();
    const agreementId = await w.agreement(offerId);
    await Promise.all([jobs.run('2026-12-20'), jobs.run('2026-12-20')]);
    await jobs.run('2026-12-21');
    const rows = await w.sql<{ id: string; status: string; year: number; period_start: string; period_end: string }>(
      `SELECT id, status, year, period_start::text, period_end::text FROM bilan WHERE agreement_id = $1`,
      [agreementId],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual(
      { ...rows[0], id: undefined },
      { id: undefined, status: 'to_come', year: 2026, period_start: '2026-01-01', period_end: '2026-12-31' },
    );
    const id = rows[0]!.id;
    await jobs.run('2027-01-01');
    const b: Bilan = (await w.member.get(`${w.base}/bilans/${id}`)).body;
    assert.equal(b.status, 'open');
    assert.equal(b.agreementTitle, 'Garage solidaire');
    assert.equal(b.offerId, offerId);
    assert.deepEqual(b.indicators, [
      { indicatorId: null, label: 'Sorties vers l’emploi', unit: 'personnes', target: 10, value: null, comment: '' },
    ]);
    // Granted: the agreement; paid: the tranches due by today; spent: the declared lines.
    assert.equal(b.money.granted, 8000);
    assert.equal(b.money.paid, 5000);
    assert.deepEqual(b.money.lines, [
      { label: 'Salaires', planned: 6000, spent: 0 },
      { label: 'Location de véhicules', planned: 2000, spent: 0 },
    ]);
    const patched = await w.member.patch(`${w.base}/bilans/${id}`, {
      version: b.version,
      budgetLines: [
        { label: 'Salaires', planned: 6000, spent: 5500.5 },
        { label: 'Location de véhicules', planned: 2000, spent: 1999.99 },
      ],
    });
    assert.equal(patched.body.money.spent, 7500.49);
    assert.equal(await mails(w.member.user.email, 'Votre bilan 2026 est à remplir%'), 1);
    // Money granted: the spent lines are required; here they are, so it goes.
    const empty = await w.member.patch(`${w.base}/bilans/${id}`, { version: patched.body.version, budgetLines: [] });
    assert.equal(empty.status, 200);
    const refused = await w.member.post(`${w.base}/bilans/${id}/submit`);
    assert.equal(refused.status, 400);
    assert.ok(refused.body.fields.some((f: { field: string }) => f.field === 'budgetLines'));
  });

  it('reminds 7 days before, on the due date and 7 days after, once each even with two runs at once', async () => {
    const id = await w.bilan('open', { dueOn: '2030-03-01', openedDaysAgo: 20 });
    const other = await w.bilan('submitted', { dueOn: '2030-03-01', openedDaysAgo: 20 });
    const runTwice = (today: string) => Promise.all([jobs.run(today), jobs.run(today)]);
    await runTwice('2030-02-21');
    assert.equal(await mails(w.member.user.email, 'Rappel : votre bilan%', id), 0);
    await runTwice('2030-02-22');
    await runTwice('2030-02-25');
    assert.equal(await mails(w.member.user.email, 'Rappel : votre bilan%', id), 1);
    await runTwice('2030-03-01');
    assert.equal(await mails(w.member.user.email, 'Rappel : votre bilan%', id), 2);
    await runTwice('2030-03-07');
    assert.equal(await mails(w.member.user.email, 'Bilan en retard%', id), 0);
    await runTwice('2030-03-08');
    await runTwice('2030-03-20');
    assert.equal(await mails(w.member.user.email, 'Bilan en retard%', id), 1);
    assert.equal(await mails(w.agent.user.email, 'Bilan en retard%', id), 1);
    const stamps = await w.sql<{ id: string; b: boolean; d: boolean; a: boolean }>(
      `SELECT id, reminded_before_at IS NOT NULL AS b, reminded_due_at IS NOT NULL AS d, reminded_after_at IS NOT NULL AS a
         FROM bilan WHERE id = ANY($1::uuid[])`,
      [[id, other]],
    );
    assert.deepEqual(
      stamps.find((s) => s.id === id),
      { id, b: true, d: true, a: true },
    );
    // A submitted bilan is not reminded.
    assert.deepEqual(
      stamps.find((s) => s.id === other),
      { id: other, b: false, d: false, a: false },
    );
  });
});
