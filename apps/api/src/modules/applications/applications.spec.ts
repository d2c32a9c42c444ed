// Applications through the API against the real database, the structure's side: starting once per
// structure and call (even racing), saving answers checked by the call's form, submitting once
// before the deadline decided by the database clock at the second, withdrawing, the lists, who
// reads what, the emails, the log and the audit.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { auditActions, emailsTo } from '../offers/offers.test-helpers.js';
import { answersOf, applicationsWorld, statuses, type ApplicationsWorld } from './applications.test-helpers.js';

describe('applications', () => {
  let api: ApiTest;
  let w: ApplicationsWorld;
  before(async () => {
    api = await startApiTest();
    w = await applicationsWorld(api);
  });
  after(() => api.close());

  const sql = (text: string, params: unknown[] = []) =>
    inTenantTransaction(api.owner, w.tenant.id, () => api.owner.query(text, params));

  it('starts one application per structure and call: 201, then 409 already_applied naming the existing one', async () => {
    const call = await w.call();
    const res = await w.member.post(`${w.base}/calls/${call}/applications`, { organizationId: w.org });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'draft');
    assert.equal(res.body.organizationName, w.orgName);
    assert.equal(res.body.can.edit, true);
    assert.equal(res.body.can.score, false);
    assert.deepEqual(
      res.body.events.map((e: { kind: string }) => e.kind),
      ['started'],
    );
    const again = await w.colleague.post(`${w.base}/calls/${call}/applications`, { organizationId: w.org });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'already_applied');
    assert.equal(again.body.existing.id, res.body.id);
    assert.deepEqual(await auditActions(api.owner, w.tenant.id, res.body.id), ['application.started']);
    // A withdrawn application frees the place for a new one.
    assert.equal((await w.member.post(`${w.base}/applications/${res.body.id}/withdraw`, {})).status, 200);
    assert.equal((await w.member.post(`${w.base}/calls/${call}/applications`, { organizationId: w.org })).status, 201);
  });

  it('makes one application of two racing starts: one 201, one 409 already_applied', async () => {
    const call = await w.call();
    const results = await Promise.all(
      [w.member, w.colleague].map((c) => c.post(`${w.base}/calls/${call}/applications`, { organizationId: w.org })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], JSON.stringify(results.map((r) => r.body)));
    const loser = results.find((r) => r.status === 409)!;
    assert.equal(loser.body.code, 'already_applied');
    assert.equal(loser.body.existing.id, results.find((r) => r.status === 201)!.body.id);
    assert.deepEqual(await statuses(api.owner, w.tenant.id, call), ['draft']);
  });

  it('starts only on a published call between its opening and its deadline; a draft call is not found', async () => {
    const start = (call: string) => w.member.post(`${w.base}/calls/${call}/applications`, { organizationId: w.org });
    const closed = await w.call({
      opensAt: new Date(Date.now() - 3 * 86_400_000),
      closesAt: new Date(Date.now() - 60_000),
    });
    assert.equal((await start(closed)).body.code, 'call_closed');
    const later = await w.call({ opensAt: new Date(Date.now() + 86_400_000) });
    assert.equal((await start(later)).body.code, 'call_not_open');
    assert.equal((await start(await w.call({ status: 'draft' }))).status, 404);
    // For another structure than one's own: not found, as if it did not exist.
    const open = await w.call();
    assert.equal(
      (await w.otherMember.post(`${w.base}/calls/${open}/applications`, { organizationId: w.org })).status,
      404,
    );
    // An agent does not apply on behalf of a structure.
    assert.equal((await w.agent.post(`${w.base}/calls/${open}/applications`, { organizationId: w.org })).status, 403);
  });

  it('saves answers checked by the call’s form: 400 naming answers.<key>, hidden answers dropped, euros kept as cents', async () => {
    const call = await w.call();
    const id = (await w.member.post(`${w.base}/calls/${call}/applications`, { organizationId: w.org })).body.id;
    const patch = (body: object) => w.member.patch(`${w.base}/applications/${id}`, body);

    const unknown = await patch({ answers: { nope: 'x' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.parameter, 'answers.nope');
    const badLine = await patch({ answers: { budget: [{ label: 'Salaires', amount: 'mille' }] } });
    assert.equal(badLine.body.parameter, 'answers.budget.0.amount');
    const { rows } = await api.owner.query<{ insee: string }>(
      `SELECT insee FROM commune WHERE departement <> $1 LIMIT 1`,
      [w.tenant.code],
    );
    const elsewhere = await patch({ answers: { where: rows[0]!.insee } });
    assert.equal(elsewhere.status, 400);
    assert.equal(elsewhere.body.parameter, 'answers.where');
    const { rows: epcis } = await api.owner.query<{ epci: string }>(
      `SELECT epci FROM commune WHERE departement = $1 AND epci IS NOT NULL LIMIT 1`,
      [w.tenant.code],
    );
    assert.equal((await patch({ answers: { where: epcis[0]!.epci } })).status, 200, 'an EPCI of the département');

    const ok = await patch({
      answers: { ...answersOf(w.communes[0]!.insee), has_partners: false },
      amountRequested: 12500.5,
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.amountRequested, 12500.5);
    assert.equal(ok.body.answers.partners, undefined, 'the partners are hidden when there are none');
    const stored = await sql(`SELECT amount_requested_cents, answers FROM application WHERE id = $1`, [id]);
    assert.equal(stored.rows[0].amount_requested_cents, '1250050');
    assert.equal('partners' in stored.rows[0].answers, false);

    // Optimistic concurrency: a save made on an old version is refused.
    const stale = await patch({ amountRequested: 1000, version: ok.body.version - 1 });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale');
    assert.equal((await patch({ amountRequested: 1000, version: ok.body.version })).status, 200);
  });

  it('submits a complete application once: 400 naming what is missing, then 200, a receipt to the members, the log and the audit', async () => {
    const call = await w.call();
    const id = await w.draft(call, { document: false });
    const missing = await w.member.post(`${w.base}/applications/${id}/submit`);
    assert.equal(missing.status, 400);
    assert.deepEqual(
      missing.body.fields.map((f: { field: string }) => f.field),
      ['answers.statutes'],
    );
    await w.upload(
      w.member,
      `${w.base}/applications/${id}/documents`,
      'statutes',
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
      'statuts.png',
    );
    const res = await w.member.post(`${w.base}/applications/${id}/submit`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'submitted');
    assert.ok(res.body.submittedAt);
    assert.equal(res.body.can.edit, false);
    assert.deepEqual(
      res.body.events.map((e: { kind: string }) => e.kind),
      ['started', 'submitted'],
    );
    for (const c of [w.member, w.colleague])
      assert.ok(
        (await emailsTo(api.owner, c.user.email)).some((m) => m.subject === `Dossier déposé : ${res.body.callTitle}`),
      );
    assert.ok((await auditActions(api.owner, w.tenant.id, id)).includes('application.submitted'));
    // Once: no second submission, no more edits.
    assert.equal((await w.member.post(`${w.base}/applications/${id}/submit`)).body.code, 'invalid_transition');
    assert.equal(
      (await w.member.patch(`${w.base}/applications/${id}`, { amountRequested: 1 })).body.code,
      'invalid_transition',
    );
  });

  it('submits once when two submissions race: one 200, one 409 invalid_transition, one log line', async () => {
    const call = await w.call();
    const id = await w.draft(call);
    const results = await Promise.all(
      [w.member, w.colleague].map((c) => c.post(`${w.base}/applications/${id}/submit`)),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409], JSON.stringify(results.map((r) => r.body)));
    assert.equal(results.find((r) => r.status === 409)!.body.code, 'invalid_transition');
    const events = await sql(`SELECT kind FROM application_event WHERE application_id = $1 AND kind = 'submitted'`, [
      id,
    ]);
    assert.equal(events.rows.length, 1);
  });

  /** Waits until the database clock is early in its second, so that what follows stays in that second. */
  async function earlyInASecond() {
    for (;;) {
      const { rows } = await api.owner.query<{ ms: number }>(
        `SELECT extract(milliseconds FROM clock_timestamp())::float8 - floor(extract(seconds FROM clock_timestamp()))::float8 * 1000 AS ms`,
      );
      const ms = rows[0]!.ms;
      if (ms < 250) return;
      await sleep(1000 - ms + 20);
    }
  }

  it('decides the deadline with the database clock at the second: the same second is accepted, the one after is refused', async () => {
    const call = await w.call();
    const id = await w.draft(call);
    await earlyInASecond();
    // The deadline is this very second (23:59:59 for a submission at 23:59:59.xxx): accepted.
    await sql(`UPDATE funding_call SET closes_at = date_trunc('second', now()) WHERE id = $1`, [call]);
    const onTime = await w.member.post(`${w.base}/applications/${id}/submit`);
    assert.equal(onTime.status, 200, JSON.stringify(onTime.body));

    const late = await w.call();
    const lateId = await w.draft(late);
    // The deadline was the second before now (a submission at 00:00:00 for 23:59:59): refused.
    await sql(`UPDATE funding_call SET closes_at = date_trunc('second', now()) - interval '1 second' WHERE id = $1`, [
      late,
    ]);
    const refused = await w.member.post(`${w.base}/applications/${lateId}/submit`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'call_closed');
    assert.equal((await statuses(api.owner, w.tenant.id, late))[0], 'draft');
  });

  it('names the deadline in French, Europe/Paris, when refusing a late submission', async () => {
    const call = await w.call();
    const id = await w.draft(call);
    await sql(
      `UPDATE funding_call SET opens_at = '2024-12-01T00:00:00Z', closes_at = '2025-01-31T22:59:59Z' WHERE id = $1`,
      [call],
    );
    const res = await w.member.post(`${w.base}/applications/${id}/submit`);
    assert.equal(res.status, 409);
    assert.equal(
      res.body.message,
      'L’appel à projets est clos depuis le 31 janvier 2025 à 23 h 59 : le dossier ne peut plus être déposé.',
    );
  });

  it('withdraws until the decision, telling the instructors of a submitted application', async () => {
    const call = await w.call();
    const id = await w.submitted(call);
    const res = await w.colleague.post(`${w.base}/applications/${id}/withdraw`, { reason: 'Projet reporté' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'withdrawn');
    assert.equal(res.body.events.at(-1).message, 'Projet reporté');
    assert.ok((await emailsTo(api.owner, w.instructor.user.email)).some((m) => m.subject.startsWith('Dossier retiré')));
    assert.ok((await auditActions(api.owner, w.tenant.id, id)).includes('application.withdrawn'));
    assert.equal((await w.member.post(`${w.base}/applications/${id}/withdraw`, {})).body.code, 'invalid_transition');
  });

  it('lists a structure’s applications to its members, and a call’s to its instructors and the admins only', async () => {
    const call = await w.call();
    const mine = await w.draft(call);
    const theirs = await w.submitted(call, { client: w.otherMember, organizationId: w.otherOrg });
    const ofOrg = await w.colleague.get(`${w.base}/applications?organizationId=${w.org}`);
    assert.equal(ofOrg.status, 200);
    const ids = ofOrg.body.items.map((i: { id: string }) => i.id);
    assert.ok(ids.includes(mine));
    assert.ok(!ids.includes(theirs));
    assert.equal((await w.otherMember.get(`${w.base}/applications?organizationId=${w.org}`)).status, 404);

    for (const reader of [w.instructor, w.admin]) {
      const ofCall = await reader.get(`${w.base}/calls/${call}/applications`);
      assert.equal(ofCall.status, 200);
      assert.deepEqual(ofCall.body.items.map((i: { id: string }) => i.id).sort(), [mine, theirs].sort());
      assert.equal(ofCall.body.items.find((i: { id: string }) => i.id === theirs).amountRequested, 12500);
    }
    assert.equal((await w.agent.get(`${w.base}/calls/${call}/applications`)).status, 403);
    assert.equal((await w.member.get(`${w.base}/calls/${call}/applications`)).status, 404);
  });

  it('shows an application to its structure, the call’s instructors and the admins; the scores to the staff only', async () => {
    const call = await w.call();
    const id = await w.submitted(call);
    await w.instructor.post(`${w.base}/applications/${id}/scores`, {
      scores: { relevance: 4, budget: 3 },
      comment: 'Projet solide',
      noConflictOfInterest: true,
    });
    const byMember = await w.member.get(`${w.base}/applications/${id}`);
    assert.equal(byMember.status, 200);
    assert.equal(byMember.body.scores, undefined);
    assert.equal(byMember.body.can.withdraw, true);
    const byInstructor = await w.instructor2.get(`${w.base}/applications/${id}`);
    assert.equal(byInstructor.body.scores.length, 1);
    assert.equal(byInstructor.body.can.requestCompletion, true);
    assert.equal((await w.admin.get(`${w.base}/applications/${id}`)).body.scores[0].comment, 'Projet solide');
    assert.equal((await w.otherMember.get(`${w.base}/applications/${id}`)).status, 404);
    assert.equal((await w.agent.get(`${w.base}/applications/${id}`)).status, 403);
    assert.equal((await w.member.get(`${w.base}/applications/00000000-0000-4000-8000-000000000000`)).status, 404);
  });
});
