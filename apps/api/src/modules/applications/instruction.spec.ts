// The instruction through the API against the real database: completion requests and the
// resubmission after the deadline, the instructors' scores and the ranking, the decisions within
// the envelope (even racing), the agreement drafted for a selection, the letter and its email.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PDFParse } from 'pdf-parse';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { clientWithRole } from '../../testing/accounts.js';
import { makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { auditActions, emailsTo } from '../offers/offers.test-helpers.js';
import { dayLabel } from './application-emails.js';
import { applicationsWorld, type ApplicationsWorld } from './applications.test-helpers.js';

const textOf = async (pdf: Buffer) =>
  (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/\s+/g, ' ');

describe('instruction of applications', () => {
  let api: ApiTest;
  let w: ApplicationsWorld;
  before(async () => {
    api = await startApiTest();
    w = await applicationsWorld(api);
  });
  after(() => api.close());

  const sql = (text: string, params: unknown[] = []) =>
    inTenantTransaction(api.owner, w.tenant.id, () => api.owner.query(text, params));
  const score = (client: ApplicationsWorld['instructor'], id: string, scores: object, extra: object = {}) =>
    client.post(`${w.base}/applications/${id}/scores`, {
      scores,
      comment: 'Lu et évalué',
      noConflictOfInterest: true,
      ...extra,
    });
  const decide = (client: ApplicationsWorld['instructor'], id: string, body: object) =>
    client.post(`${w.base}/applications/${id}/decision`, body);

  it('sends an application back for completion: logged, emailed, resubmitted after the deadline until the due date', async () => {
    const call = await w.call();
    const id = await w.submitted(call);
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const past = await w.instructor.post(`${w.base}/applications/${id}/completion-request`, {
      message: 'Joindre le budget détaillé',
      dueAt: new Date(Date.now() - 60_000).toISOString(),
    });
    assert.equal(past.status, 400);
    assert.equal(past.body.parameter, 'dueAt');
    const res = await w.instructor.post(`${w.base}/applications/${id}/completion-request`, {
      message: 'Joindre le budget détaillé',
      dueAt,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'completion_requested');
    assert.equal(res.body.completionMessage, 'Joindre le budget détaillé');
    assert.equal(res.body.completionDueAt, dueAt);
    assert.equal(res.body.events.at(-1).kind, 'completion_requested');
    assert.match(res.body.events.at(-1).message, /Joindre le budget détaillé/);
    const mail = (await emailsTo(api.owner, w.member.user.email)).find((m) =>
      m.subject.startsWith('Dossier à compléter'),
    );
    assert.ok(mail, 'the structure is told');
    assert.match(mail.text_body, /Joindre le budget détaillé/);
    assert.ok((await auditActions(api.owner, w.tenant.id, id)).includes('application.completion_requested'));

    // The call closes meanwhile: the structure still answers and resubmits before the due date.
    await w.close(call);
    assert.equal((await w.member.patch(`${w.base}/applications/${id}`, { amountRequested: 11000 })).status, 200);
    const again = await w.member.post(`${w.base}/applications/${id}/submit`);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.events.at(-1).kind, 'resubmitted');
    assert.ok(
      (await emailsTo(api.owner, w.instructor.user.email)).some((m) => m.subject.startsWith('Dossier complété')),
    );
    // Past the completion's due date, no resubmission.
    const late = await w.call();
    const lateId = await w.submitted(late);
    await w.instructor.post(`${w.base}/applications/${lateId}/completion-request`, { message: 'Signer', dueAt });
    await sql(
      `UPDATE application SET completion_due_at = date_trunc('second', now()) - interval '1 second' WHERE id = $1`,
      [lateId],
    );
    const refused = await w.member.post(`${w.base}/applications/${lateId}/submit`);
    assert.equal(refused.body.code, 'call_closed');
  });

  it('scores each criterion of the grid, refusing unknown ones, notes out of scale and a missing declaration', async () => {
    const call = await w.call();
    const id = await w.submitted(call);
    const missing = await score(w.instructor, id, { relevance: 4 });
    assert.equal(missing.body.parameter, 'scores.budget');
    assert.equal((await score(w.instructor, id, { relevance: 4, budget: 6 })).body.parameter, 'scores.budget');
    assert.equal((await score(w.instructor, id, { relevance: 4.5, budget: 3 })).body.parameter, 'scores.relevance');
    assert.equal((await score(w.instructor, id, { relevance: 4, budget: 3, extra: 1 })).body.parameter, 'scores.extra');
    const undeclared = await score(w.instructor, id, { relevance: 4, budget: 3 }, { noConflictOfInterest: false });
    assert.equal(undeclared.status, 400);
    assert.equal(undeclared.body.parameter, 'noConflictOfInterest');
    assert.match(undeclared.body.message, /conflit d’intérêts/);

    const ok = await score(w.instructor, id, { relevance: 4, budget: 3 });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    // (4/5 × 3 + 3/5 × 1) / 4 × 100 = 75
    assert.equal(ok.body.scores[0].total, 75);
    assert.equal(ok.body.scores[0].eliminated, false);
    // Scored again: the instructor's own row is replaced.
    const redo = await score(w.instructor, id, { relevance: 5, budget: 5 });
    assert.deepEqual(
      redo.body.scores.map((s: { total: number }) => s.total),
      [100],
    );
    assert.ok((await auditActions(api.owner, w.tenant.id, id)).includes('application.scored'));
    // Only assigned agents score; a draft is not scored.
    assert.equal((await score(w.agent, id, { relevance: 4, budget: 3 })).status, 403);
    assert.equal((await score(w.admin, id, { relevance: 4, budget: 3 })).status, 403);
    const draft = await w.draft(await w.call());
    assert.equal((await score(w.instructor, draft, { relevance: 4, budget: 3 })).body.code, 'invalid_transition');
  });

  it('ranks by the mean of the instructors’ totals, the eligible first, ties by submission time, with the envelope', async () => {
    const call = await w.call({ envelopeCents: 3_000_000 });
    const orgs = await Promise.all([0, 1, 2, 3].map(() => makeMemberOrg()));
    const ids: string[] = [];
    for (const o of orgs) ids.push(await w.submitted(call, { client: o.client, organizationId: o.id, amount: 10000 }));
    const [a, b, c, d] = ids as [string, string, string, string];
    // a: 75 and 100 → 87.5; b: 87.5 (later, ties after a); c: eliminated (relevance 0); d: not scored.
    await score(w.instructor, a, { relevance: 4, budget: 3 });
    await score(w.instructor2, a, { relevance: 5, budget: 5 });
    await score(w.instructor, b, { relevance: 5, budget: 3 });
    await score(w.instructor2, b, { relevance: 4, budget: 5 });
    await score(w.instructor, c, { relevance: 0, budget: 5 });
    await score(w.instructor2, c, { relevance: 5, budget: 5 });
    const res = await w.instructor.get(`${w.base}/calls/${call}/ranking`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.envelope, 30000);
    assert.equal(res.body.instructorCount, 2);
    assert.equal(res.body.granted, 0);
    assert.deepEqual(
      res.body.lines.map(
        (l: { applicationId: string; score: number | null; rank: number | null; ineligible: boolean }) => [
          l.applicationId,
          l.score,
          l.rank,
          l.ineligible,
        ],
      ),
      [
        [a, 87.5, 1, false],
        [b, 87.5, 2, false],
        [d, null, null, false],
        [c, 62.5, null, true],
      ],
    );
    assert.equal((await w.agent.get(`${w.base}/calls/${call}/ranking`)).status, 403);
    assert.equal((await w.member.get(`${w.base}/calls/${call}/ranking`)).status, 403);
  });

  let orgCount = 0;
  async function makeMemberOrg() {
    const id = await makeOrganization(api.owner, w.tenant, { name: `Structure candidate ${++orgCount}` });
    return { id, client: await clientWithRole(api.owner, api.t.http, w.tenant, 'structure_admin', id) };
  }

  it('decides once the call is closed: a selection within the amount requested drafts the agreement and sends the letter', async () => {
    const call = await w.call({ title: 'Mobilité solidaire 2027' });
    const id = await w.submitted(call, { amount: 15000 });
    const early = await decide(w.instructor, id, {
      decision: 'selected',
      amountGranted: 12500,
      reasons: 'Projet solide',
    });
    assert.equal(early.status, 409);
    assert.equal(early.body.code, 'call_not_closed');
    await w.close(call);
    const tooMuch = await decide(w.instructor, id, { decision: 'selected', amountGranted: 15000.01 });
    assert.equal(tooMuch.body.parameter, 'amountGranted');
    assert.equal((await decide(w.instructor, id, { decision: 'selected' })).body.parameter, 'amountGranted');

    const res = await decide(w.instructor, id, {
      decision: 'selected',
      amountGranted: 12500,
      reasons: 'Projet solide et partenarial',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'selected');
    assert.equal(res.body.amountGranted, 12500);
    assert.ok(res.body.agreementId);
    assert.equal(res.body.hasLetter, true);
    const agreement = await sql(`SELECT title, amount_cents, status, application_id FROM agreement WHERE id = $1`, [
      res.body.agreementId,
    ]);
    assert.deepEqual(agreement.rows[0], {
      title: 'Garage solidaire itinérant',
      amount_cents: '1250000',
      status: 'draft',
      application_id: id,
    });
    assert.ok((await auditActions(api.owner, w.tenant.id, id)).includes('application.selected'));

    // The letter: the structure, the amount in French, the call, the date.
    const letter = await w.member
      .get(`${w.base}/applications/${id}/letter.pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    assert.equal(letter.status, 200);
    assert.equal(letter.headers['content-type'], 'application/pdf');
    assert.match(letter.headers['content-disposition'], /^attachment/);
    const text = await textOf(letter.body as Buffer);
    const date = dayLabel(new Date(res.body.decidedAt));
    for (const expected of [
      w.orgName,
      '12 500,00 €',
      'Mobilité solidaire 2027',
      date,
      'Projet solide et partenarial',
      'convention',
    ])
      assert.ok(text.includes(expected), `missing « ${expected} » in: ${text}`);

    // The email to the structure's members, with the letter attached.
    const { rows } = await api.owner.query<{
      subject: string;
      attachments: { filename: string; contentType: string; content: string; encoding: string }[];
    }>(`SELECT subject, attachments FROM email_outbox WHERE to_address = $1 AND subject LIKE 'Dossier retenu%'`, [
      w.colleague.user.email,
    ]);
    assert.equal(rows.length, 1);
    const attached = rows[0]!.attachments[0]!;
    assert.equal(attached.contentType, 'application/pdf');
    assert.equal(attached.encoding, 'base64');
    assert.ok((await textOf(Buffer.from(attached.content, 'base64'))).includes('12 500,00 €'));

    // Once: a second decision is refused.
    assert.equal(
      (await decide(w.admin, id, { decision: 'rejected', reasons: 'Revu' })).body.code,
      'invalid_transition',
    );
    assert.equal((await w.member.post(`${w.base}/applications/${id}/withdraw`, {})).body.code, 'invalid_transition');
  });

  it('rejects with reasons (3 characters at least) and sends the letter; no letter before the decision', async () => {
    const call = await w.call();
    const id = await w.submitted(call);
    assert.equal((await w.member.get(`${w.base}/applications/${id}/letter.pdf`)).status, 404);
    await w.close(call);
    assert.equal((await decide(w.admin, id, { decision: 'rejected', reasons: 'no' })).body.parameter, 'reasons');
    assert.equal(
      (await decide(w.admin, id, { decision: 'rejected', reasons: 'Hors champ', amountGranted: 10 })).body.parameter,
      'amountGranted',
    );
    const res = await decide(w.admin, id, { decision: 'rejected', reasons: 'Le projet ne relève pas de l’appel.' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.agreementId, null);
    assert.equal(res.body.decisionReasons, 'Le projet ne relève pas de l’appel.');
    assert.ok((await emailsTo(api.owner, w.member.user.email)).some((m) => m.subject.startsWith('Dossier non retenu')));
    assert.equal((await w.instructor.get(`${w.base}/applications/${id}/letter.pdf`)).status, 200);
    assert.equal((await w.otherMember.get(`${w.base}/applications/${id}/letter.pdf`)).status, 404);
  });

  it('keeps the selections within the envelope: 409 envelope_exceeded with what is left', async () => {
    const call = await w.call({ envelopeCents: 2_000_000 });
    const first = await makeMemberOrg();
    const second = await makeMemberOrg();
    const a = await w.submitted(call, { client: first.client, organizationId: first.id, amount: 15000 });
    const b = await w.submitted(call, { client: second.client, organizationId: second.id, amount: 15000 });
    await w.close(call);
    assert.equal((await decide(w.instructor, a, { decision: 'selected', amountGranted: 15000 })).status, 200);
    const over = await decide(w.instructor, b, { decision: 'selected', amountGranted: 5000.01 });
    assert.equal(over.status, 409);
    assert.equal(over.body.code, 'envelope_exceeded');
    assert.equal(over.body.left, 5000);
    assert.match(over.body.message, /il reste 5\s000,00\s€/);
    assert.equal((await decide(w.instructor, b, { decision: 'selected', amountGranted: 5000 })).status, 200);
    assert.equal((await w.admin.get(`${w.base}/calls/${call}/ranking`)).body.granted, 20000);
  });

  it('refuses one of two racing selections that together exceed the envelope, and decides an application once under a race', async () => {
    const call = await w.call({ envelopeCents: 2_000_000 });
    const first = await makeMemberOrg();
    const second = await makeMemberOrg();
    const a = await w.submitted(call, { client: first.client, organizationId: first.id, amount: 15000 });
    const b = await w.submitted(call, { client: second.client, organizationId: second.id, amount: 15000 });
    await w.close(call);
    const both = await Promise.all([
      decide(w.instructor, a, { decision: 'selected', amountGranted: 12000 }),
      decide(w.instructor2, b, { decision: 'selected', amountGranted: 12000 }),
    ]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], JSON.stringify(both.map((r) => r.body)));
    assert.equal(both.find((r) => r.status === 409)!.body.code, 'envelope_exceeded');
    const granted = await sql(
      `SELECT coalesce(sum(amount_granted_cents), 0)::bigint AS sum FROM application WHERE call_id = $1 AND status = 'selected'`,
      [call],
    );
    assert.equal(granted.rows[0].sum, '1200000');

    // Two decisions on one application at once: one wins, one agreement at most.
    const c = await makeMemberOrg();
    const call2 = await w.call();
    const one = await w.submitted(call2, { client: c.client, organizationId: c.id, amount: 1000 });
    await w.close(call2);
    const race = await Promise.all([
      decide(w.instructor, one, { decision: 'selected', amountGranted: 1000 }),
      decide(w.admin, one, { decision: 'rejected', reasons: 'Hors champ' }),
    ]);
    assert.deepEqual(race.map((r) => r.status).sort(), [200, 409], JSON.stringify(race.map((r) => r.body)));
    assert.equal(race.find((r) => r.status === 409)!.body.code, 'invalid_transition');
    const events = await sql(
      `SELECT count(*)::int AS n FROM application_event WHERE application_id = $1 AND kind IN ('selected', 'rejected')`,
      [one],
    );
    assert.equal(events.rows[0].n, 1);
  });

  it('decides only a submitted application, not one waiting for its completion', async () => {
    const call = await w.call();
    const id = await w.submitted(call);
    await w.instructor.post(`${w.base}/applications/${id}/completion-request`, {
      message: 'Le RIB manque',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await w.close(call);
    const res = await decide(w.instructor, id, { decision: 'rejected', reasons: 'Incomplet' });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'invalid_transition');
  });
});
