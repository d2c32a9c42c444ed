// Bilans end to end, as their users see them: the figures computed from a hand-written set of
// registrations, a structure that corrects one with a justification and submits, the agent who
// asks for changes then validates, the figures frozen at submission, who sees which bilans, and a
// submission raced twice.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bilan, BilanFigureKey } from '@catalogue/contracts';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { makePlanFiche } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { BilansReader } from './bilans-reader.js';
import { bilansWorld, type BilansWorld } from './bilans.test-helpers.js';

const value = (b: Bilan, key: BilanFigureKey) => b.figures.find((f) => f.key === key)!;

describe('bilans', () => {
  let api: ApiTest;
  let w: BilansWorld;
  let offerId: string;
  let id: string;
  before(async () => {
    api = await startApiTest();
    w = await bilansWorld(api);
    offerId = await w.offer();
    // Sessions: two held in the period, one without anyone accepted, one after the period.
    const s1 = await w.session(offerId, '2026-02-10T09:00:00Z', 4);
    const s2 = await w.session(offerId, '2026-03-10T09:00:00Z', 5);
    const s3 = await w.session(offerId, '2026-03-20T09:00:00Z', 10);
    const s4 = await w.session(offerId, '2026-07-15T09:00:00Z', 2);
    const p1 = await w.person({ sex: 'female', age: 'under-26', situation: 'young' });
    const p2 = await w.person({ sex: 'male', age: '26-44', situation: 'rsa' });
    const p3 = await w.person({ sex: 'female', age: '45-54', situation: 'job_seeker' });
    const p4 = await w.person({});
    const p5 = await w.person({ sex: 'male', age: '55-plus', situation: 'other' });
    const p6 = await w.person({ sex: 'female', age: 'under-26', situation: 'young', anonymised: true });
    const p7 = await w.person({ sex: 'male' });
    const p8 = await w.person({ sex: 'male' });
    const p9 = await w.person({ sex: 'male' });
    const reg = (
      personId: string,
      sessionId: string,
      channel: 'self' | 'prescription',
      status: string,
      createdAt: string,
      o: { attendance?: string; outcome?: string } = {},
    ) => w.register({ offerId, sessionId, personId, channel, status, createdAt, ...o });
    await reg(p1, s1, 'self', 'completed', '2026-01-05T10:00:00Z', { attendance: 'present', outcome: 'employment' });
    await reg(p2, s1, 'prescription', 'attended', '2026-01-10T10:00:00Z', { attendance: 'present' });
    await reg(p2, s2, 'self', 'accepted', '2026-02-20T10:00:00Z');
    await reg(p3, s1, 'prescription', 'dropped_out', '2026-01-12T10:00:00Z', {
      attendance: 'absent',
      outcome: 'gave_up',
    });
    await reg(p4, s2, 'self', 'absent', '2026-02-25T10:00:00Z', { attendance: 'absent' });
    await reg(p5, s2, 'prescription', 'refused', '2026-03-01T10:00:00Z');
    await reg(p6, s2, 'self', 'completed', '2026-03-02T10:00:00Z', { attendance: 'present', outcome: 'training' });
    await reg(p7, s3, 'self', 'pending', '2026-03-05T10:00:00Z');
    // 1 January 2026 at 0 h 30 in Paris: inside; 1 July at 0 h 30 in Paris: outside.
    await reg(p8, s1, 'self', 'cancelled', '2025-12-31T23:30:00Z');
    await reg(p9, s4, 'self', 'accepted', '2026-06-30T22:30:00Z');
    const created = await w.agent.post(`${w.base}/bilans`, {
      offerId,
      year: 2026,
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      dueOn: '2026-07-31',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    id = created.body.id;
  });
  after(() => api.close());

  it('computes every figure from the registrations of the period, people counted once', async () => {
    const res = await w.member.get(`${w.base}/bilans/${id}`);
    assert.equal(res.status, 200);
    const b: Bilan = res.body;
    // Due date past: opened at once, overdue.
    assert.equal(b.status, 'open');
    assert.equal(b.overdue, true);
    const expected: Partial<Record<BilanFigureKey, number | null>> = {
      registered: 8,
      accepted: 5,
      present: 3,
      'sex.female': 3,
      'sex.male': 1,
      'sex.unspecified': 1,
      'age.under-26': 2,
      'age.26-44': 1,
      'age.45-54': 1,
      'age.55-plus': 0,
      'situation.young': 2,
      'situation.rsa': 1,
      'situation.job_seeker': 1,
      'situation.other': 0,
      // The person accepted once prescribed, once self-registered, counts in both.
      'channel.self': 4,
      'channel.prescription': 2,
      'outcome.employment': 1,
      'outcome.training': 1,
      'outcome.gave_up': 1,
      'outcome.no_follow_up': 0,
      'outcome.other_insertion_action': 0,
      sessions_held: 2,
      // (3/4 + 3/5) / 2
      fill_rate: 67.5,
    };
    for (const [key, n] of Object.entries(expected)) assert.equal(value(b, key as BilanFigureKey).computed, n, key);
    assert.deepEqual(b.money, { granted: 0, paid: 0, spent: 0, lines: [] });
    assert.deepEqual(b.can, { edit: true, submit: true, requestChanges: false, validate: false });
  });

  it('lets the structure correct a figure with a justification, then submit; the figures freeze', async () => {
    let b: Bilan = (await w.member.get(`${w.base}/bilans/${id}`)).body;
    const unjustified = await w.member.patch(`${w.base}/bilans/${id}`, {
      version: b.version,
      declared: { accepted: { value: 7 } },
    });
    assert.equal(unjustified.status, 400);
    assert.equal(unjustified.body.parameter, 'declared.accepted.justification');
    const patched = await w.member.patch(`${w.base}/bilans/${id}`, {
      version: b.version,
      declared: { accepted: { value: 7, justification: 'Deux personnes orientées par téléphone' } },
      budgetLines: [{ label: 'Animation', planned: null, spent: 1200.5 }],
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    b = patched.body;
    assert.equal(value(b, 'accepted').computed, 5);
    assert.equal(value(b, 'accepted').declared, 7);
    assert.equal(value(b, 'accepted').justification, 'Deux personnes orientées par téléphone');
    assert.equal(b.money.spent, 1200.5);
    // A stale version is refused.
    const stale = await w.member.patch(`${w.base}/bilans/${id}`, { version: b.version - 1, outlook: 'x' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale');
    // « Ce qui a fonctionné » is required before submitting.
    const early = await w.member.post(`${w.base}/bilans/${id}/submit`);
    assert.equal(early.status, 400);
    assert.equal(early.body.parameter, 'whatWorked');
    await w.member.patch(`${w.base}/bilans/${id}`, { version: b.version, whatWorked: 'Le lien avec les référents' });
    const submitted = await w.member.post(`${w.base}/bilans/${id}/submit`);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.status, 'submitted');
    assert.equal(submitted.body.can.edit, false);
    // A registration arriving later does not change the submitted figures.
    const late = await w.person({ sex: 'female' });
    await w.register({
      offerId,
      personId: late,
      channel: 'self',
      status: 'accepted',
      createdAt: '2026-04-01T10:00:00Z',
    });
    const read: Bilan = (await w.agent.get(`${w.base}/bilans/${id}`)).body;
    assert.equal(value(read, 'registered').computed, 8);
    assert.deepEqual(read.can, { edit: false, submit: false, requestChanges: true, validate: true });
    const mails = await w.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM email_outbox WHERE to_address = $1 AND subject LIKE 'Bilan transmis%'`,
      [w.agent.user.email],
    );
    assert.equal(mails[0]!.n, 1);
    assert.equal((await w.member.patch(`${w.base}/bilans/${id}`, { version: read.version, outlook: 'x' })).status, 409);
  });

  it('lets the agent ask for changes with a message, then validate the resubmitted bilan', async () => {
    const blank = await w.agent.post(`${w.base}/bilans/${id}/request-changes`, { message: '   ' });
    assert.equal(blank.status, 400);
    assert.equal(blank.body.parameter, 'message');
    assert.equal((await w.member.post(`${w.base}/bilans/${id}/validate`)).status, 403);
    const asked = await w.agent.post(`${w.base}/bilans/${id}/request-changes`, { message: 'Détaillez les dépenses.' });
    assert.equal(asked.status, 200);
    assert.equal(asked.body.status, 'changes_requested');
    assert.equal(asked.body.changesMessage, 'Détaillez les dépenses.');
    const mails = await w.sql<{ text_body: string }>(
      `SELECT text_body FROM email_outbox WHERE to_address = $1 AND subject LIKE 'Compléments demandés%'`,
      [w.member.user.email],
    );
    assert.match(mails[0]!.text_body, /Détaillez les dépenses/);
    assert.equal((await w.agent.post(`${w.base}/bilans/${id}/validate`)).status, 409);
    assert.equal((await w.member.post(`${w.base}/bilans/${id}/submit`)).status, 200);
    const validated = await w.agent.post(`${w.base}/bilans/${id}/validate`);
    assert.equal(validated.status, 200);
    assert.equal(validated.body.status, 'validated');
    assert.ok(validated.body.validatedAt);
    assert.deepEqual(
      validated.body.events.map((e: { toStatus: string }) => e.toStatus),
      ['to_come', 'open', 'submitted', 'changes_requested', 'submitted', 'validated'],
    );
    const [row] = await w.sql<{ validated_by: string }>(`SELECT validated_by FROM bilan WHERE id = $1`, [id]);
    assert.equal(row!.validated_by, w.agent.user.id);
    const audit = await w.sql<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [
      id,
    ]);
    for (const a of [
      'bilan.created',
      'bilan.opened',
      'bilan.edited',
      'bilan.submitted',
      'bilan.changes_requested',
      'bilan.validated',
    ])
      assert.ok(
        audit.some((x) => x.action === a),
        a,
      );
    // What the report may read: the validated bilans of the year per fiche of the funded offer.
    const { ficheId } = await makePlanFiche(api.owner, api.tenant);
    await w.sql(`UPDATE offer SET plan_fiche_id = $2 WHERE id = $1`, [offerId, ficheId]);
    const reader = api.t.app.get(BilansReader);
    const byFiche = await api.t.app
      .get(TenantTransaction)
      .run({ ...api.tenant, bbox: [0, 0, 0, 0] } as Tenant, () => reader.validatedByFiche(2026));
    assert.deepEqual(byFiche, [{ ficheId, validated: 1, grantedCents: 0, spentCents: 120050 }]);
    // Validated is final.
    assert.equal((await w.agent.post(`${w.base}/bilans/${id}/request-changes`, { message: 'x' })).status, 409);
  });

  it('refuses a second bilan for the same offer and year', async () => {
    const again = await w.agent.post(`${w.base}/bilans`, {
      offerId,
      year: 2026,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      dueOn: '2027-01-31',
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'bilan_exists');
  });

  it('shows a structure its own bilans only, and all of them to agents', async () => {
    const theirs = await w.sql<{ id: string }>(
      `INSERT INTO bilan (tenant_id, offer_id, organization_id, year, period_start, period_end, due_on)
       SELECT tenant_id, id, $2, 2031, '2031-01-01', '2031-12-31', '2032-01-31' FROM offer WHERE id = $1 RETURNING id`,
      [offerId, w.orgB],
    );
    const other = theirs[0]!.id;
    const mine = await w.member.get(`${w.base}/bilans?view=mine`);
    assert.equal(mine.status, 200);
    const ids = mine.body.items.map((i: { id: string }) => i.id);
    assert.ok(ids.includes(id) && !ids.includes(other));
    assert.equal((await w.member.get(`${w.base}/bilans?view=all`)).status, 403);
    assert.equal((await w.member.get(`${w.base}/bilans/${other}`)).status, 404);
    assert.equal((await w.member.get(`${w.base}/bilans?organizationId=${w.orgB}`)).status, 404);
    const all = await w.agent.get(`${w.base}/bilans?view=all&year=2031`);
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.body.items.map((i: { id: string }) => i.id),
      [other],
    );
    const validated = await w.agent.get(`${w.base}/bilans?view=all&status=validated`);
    assert.deepEqual(
      validated.body.items.map((i: { id: string }) => i.id),
      [id],
    );
  });

  it('lets one of two racing submissions win', async () => {
    const racing = await w.bilan('open');
    // Both requests start while the row is held elsewhere, so both have read « open » (or wait to
    // read it) when it is released: only the row lock and the conditional UPDATE tell them apart.
    let results: Promise<{ status: number }[]> | undefined;
    await inTenantTransaction(api.owner, api.tenant.id, async () => {
      await api.owner.query(`SELECT 1 FROM bilan WHERE id = $1 FOR UPDATE`, [racing]);
      results = Promise.all([
        w.member.post(`${w.base}/bilans/${racing}/submit`).then((r) => r),
        w.member.post(`${w.base}/bilans/${racing}/submit`).then((r) => r),
      ]);
      await new Promise((done) => setTimeout(done, 400));
    });
    assert.deepEqual((await results!).map((r) => r.status).sort(), [200, 409]);
    const events = await w.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM bilan_event WHERE bilan_id = $1 AND to_status = 'submitted'`,
      [racing],
    );
    assert.equal(events[0]!.n, 1);
  });

  it('keeps attachments while the bilan is editable only', async () => {
    const b = await w.bilan('open');
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4280000000049454e44ae426082',
      'hex',
    );
    const up = await api.t.http
      .post(`${w.base}/bilans/${b}/documents`)
      .set('Cookie', w.member.cookie)
      .set('X-CSRF-Token', w.member.csrfToken)
      .attach('file', png, 'photo.png');
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.mediaType, 'image/png');
    const text = await api.t.http
      .post(`${w.base}/bilans/${b}/documents`)
      .set('Cookie', w.member.cookie)
      .set('X-CSRF-Token', w.member.csrfToken)
      .attach('file', Buffer.from('#!/bin/sh\necho hi\n'), 'bilan.pdf');
    assert.equal(text.status, 415);
    const got = await w.agent.get(`${w.base}/bilans/${b}/documents/${up.body.id}`);
    assert.equal(got.status, 200);
    assert.equal((await w.otherMember.get(`${w.base}/bilans/${b}/documents/${up.body.id}`)).status, 404);
    assert.equal((await w.member.post(`${w.base}/bilans/${b}/submit`)).status, 200);
    assert.equal((await w.member.delete(`${w.base}/bilans/${b}/documents/${up.body.id}`)).status, 409);
  });
});
