// Registrations through the API against the real database: self-registration, prescription with
// consent, the structure's decisions, the wait list and its promotion, cancellation cut-off,
// attendance and outcome, the jobs, and capacity under concurrency.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { auditActions, emailsTo } from '../offers/offers.test-helpers.js';
import { RegistrationJobs } from './registration-jobs.js';
import {
  consent,
  personBody,
  registrationsWorld,
  seats,
  startSession,
  type RegistrationsWorld,
} from './registrations.test-helpers.js';

describe('registrations', () => {
  let api: ApiTest;
  let w: RegistrationsWorld;
  before(async () => {
    api = await startApiTest();
    w = await registrationsWorld(api);
  });
  after(() => api.close());

  const register = (
    client: Awaited<ReturnType<RegistrationsWorld['beneficiary']>>,
    offerId: string,
    body: object = {},
  ) => client.post(`${w.base}/offers/${offerId}/registrations`, body);

  it('lets a beneficiary register to a session: a seat at once, an email with the calendar file, « Mes inscriptions »', async () => {
    const o = await w.offer({ capacities: [3] });
    const ben = await w.beneficiary('Camille Martin');
    const res = await register(ben, o.id, { sessionId: o.sessions[0] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'accepted');
    assert.deepEqual(res.body.warnings, []);
    assert.equal((await seats(api.owner, w.tenant.id, o.sessions[0]!)).booked, 1);

    const mine = await ben.get(`${w.base}/registrations?view=mine`);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.total, 1);
    const item = mine.body.items[0];
    assert.equal(item.person.firstName, 'Camille');
    assert.equal(item.person.lastName, 'Martin');
    assert.equal(item.channel, 'self');
    assert.equal(item.can.cancel, true);
    assert.equal(item.can.accept, false);

    const { rows } = await api.owner.query<{ subject: string; attachments: { filename: string; content: string }[] }>(
      `SELECT subject, attachments FROM email_outbox WHERE to_address = $1`,
      [ben.user.email],
    );
    assert.match(rows[0]!.subject, /Inscription confirmée/);
    assert.equal(rows[0]!.attachments[0]!.filename, 'session.ics');
    assert.match(rows[0]!.attachments[0]!.content, /BEGIN:VEVENT/);
    // The structure's members hear of it.
    assert.ok((await emailsTo(api.owner, w.member.user.email)).some((m) => /Nouvelle inscription/.test(m.subject)));

    // Twice the same session: 409 with the existing one; another session of the offer: a warning.
    const again = await register(ben, o.id, { sessionId: o.sessions[0] });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'already_registered');
    assert.equal(again.body.existing.id, res.body.id);
  });

  it('warns (without blocking) when the person is already registered to another session of the offer', async () => {
    const o = await w.offer({ capacities: [3, 3] });
    const ben = await w.beneficiary();
    assert.equal((await register(ben, o.id, { sessionId: o.sessions[0] })).status, 201);
    const second = await register(ben, o.id, { sessionId: o.sessions[1] });
    assert.equal(second.status, 201);
    assert.deepEqual(second.body.warnings, ['already_registered_to_offer']);
  });

  it('asks for a session when the offer has some, and takes none for continuous intake', async () => {
    const o = await w.offer({ capacities: [3] });
    const ben = await w.beneficiary();
    const missing = await register(ben, o.id, {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.parameter, 'sessionId');
    const other = await w.offer({ capacities: [3] });
    const wrong = await register(ben, o.id, { sessionId: other.sessions[0] });
    assert.equal(wrong.body.parameter, 'sessionId');

    const continuous = await w.offer({ capacities: [] });
    const res = await register(ben, continuous.id, {});
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'accepted');
  });

  it('refuses a self-registration to a prescription-only offer, and to professionals', async () => {
    const o = await w.offer({ capacities: [3], access: 'prescription' });
    const ben = await w.beneficiary();
    assert.equal((await register(ben, o.id, { sessionId: o.sessions[0] })).status, 403);
    const open = await w.offer({ capacities: [3] });
    assert.equal((await register(w.member, open.id, { sessionId: open.sessions[0] })).status, 403);
    assert.equal((await api.t.http.post(`${w.base}/offers/${open.id}/registrations`).send({})).status, 401);
  });

  it('lets a referent prescribe with the person’s consent (400 naming consent without it), linked to the person’s account', async () => {
    const o = await w.offer({ capacities: [5], access: 'prescription' });
    const noConsent = await register(w.referent, o.id, { sessionId: o.sessions[0], person: personBody(w) });
    assert.equal(noConsent.status, 400);
    assert.equal(noConsent.body.parameter, 'consent');
    const refused = await register(w.referent, o.id, {
      sessionId: o.sessions[0],
      person: personBody(w),
      consent: { obtained: false, how: 'oral' },
    });
    assert.equal(refused.body.parameter, 'consent');
    const noContact = await register(w.referent, o.id, {
      sessionId: o.sessions[0],
      person: personBody(w, { email: null }),
      consent,
    });
    assert.equal(noContact.status, 400);
    assert.equal(noContact.body.parameter, 'person.email');

    // The person has an account (same email): they see the prescription in their space.
    const ben = await w.beneficiary('Dominique Lefèvre');
    const res = await register(w.referent, o.id, {
      sessionId: o.sessions[0],
      person: personBody(w, { email: ben.user.email.toUpperCase() }),
      consent,
      message: 'Disponible le matin.',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const mine = await ben.get(`${w.base}/registrations?view=mine`);
    assert.equal(mine.body.items[0].id, res.body.id);
    assert.equal(mine.body.items[0].channel, 'prescription');

    const detail = await w.referent.get(`${w.base}/registrations/${res.body.id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.consent.how, 'oral');
    assert.equal(detail.body.consent.by.id, w.referent.user.id);
    assert.equal(detail.body.history[0].event, 'accepted');
    assert.equal(detail.body.message, 'Disponible le matin.');
    assert.equal(
      (await w.referent.get(`${w.base}/registrations?view=prescribed`)).body.items.some(
        (i: { id: string }) => i.id === res.body.id,
      ),
      true,
    );
    // Who looked at the person's data is in the audit log; an agent does not see it.
    assert.ok((await auditActions(api.owner, w.tenant.id, res.body.id)).includes('registration.viewed'));
    assert.equal((await w.agent.get(`${w.base}/registrations/${res.body.id}`)).status, 404);
    // The same person again through another referent: the same person, 409.
    const again = await register(w.agent, o.id, {
      sessionId: o.sessions[0],
      person: personBody(w, { email: ben.user.email }),
      consent,
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.existing.id, res.body.id);
  });

  it('tells apart two people sharing a phone (a family’s), and recognises one person by their email', async () => {
    const o = await w.offer({ capacities: [5], access: 'prescription' });
    const shared = { email: null, phone: '06 12 34 56 78' };
    const first = await register(w.referent, o.id, {
      sessionId: o.sessions[0],
      person: personBody(w, { ...shared, firstName: 'Inès', lastName: 'Roux' }),
      consent,
    });
    const second = await register(w.referent, o.id, {
      sessionId: o.sessions[0],
      person: personBody(w, { ...shared, phone: '+33 6 12 34 56 78', firstName: 'Yanis', lastName: 'Roux' }),
      consent,
    });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201, 'another person: no 409');
    const again = await register(w.agent, o.id, {
      sessionId: o.sessions[0],
      person: personBody(w, { ...shared, firstName: 'ines', lastName: 'ROUX' }),
      consent,
    });
    assert.equal(again.status, 409, 'the same name and phone: the same person');
    const names = (await w.member.get(`${w.base}/registrations?view=inbox&offerId=${o.id}`)).body.items.map(
      (i: { person: { firstName: string } }) => i.person.firstName,
    );
    assert.deepEqual(names.sort(), ['Inès', 'Yanis'], 'nobody renamed');
  });

  it('keeps review offers pending until the structure decides: accept takes a seat, else the wait list', async () => {
    const o = await w.offer({ capacities: [1], seatAllocation: 'review' });
    const [a, b, c] = [await w.beneficiary(), await w.beneficiary(), await w.beneficiary()];
    const ra = (await register(a, o.id, { sessionId: o.sessions[0] })).body;
    const rb = (await register(b, o.id, { sessionId: o.sessions[0] })).body;
    const rc = (await register(c, o.id, { sessionId: o.sessions[0] })).body;
    assert.deepEqual([ra.status, rb.status, rc.status], ['pending', 'pending', 'pending']);

    const inbox = await w.member.get(`${w.base}/registrations?view=inbox&organizationId=${w.org}&offerId=${o.id}`);
    assert.equal(inbox.status, 200);
    assert.equal(inbox.body.total, 3);
    assert.equal(inbox.body.items[0].can.accept, true);

    const accepted = await w.member.post(`${w.base}/registrations/${ra.id}/accept`);
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.status, 'accepted');
    const full = await w.colleague.post(`${w.base}/registrations/${rb.id}/accept`);
    assert.equal(full.body.status, 'waitlisted', 'no seat left: the wait list, said so');
    assert.equal(full.body.waitlistPosition, 1);

    const otherReason = await w.member.post(`${w.base}/registrations/${rc.id}/refuse`, { reason: 'other' });
    assert.equal(otherReason.status, 400);
    assert.equal(otherReason.body.parameter, 'message');
    const refused = await w.member.post(`${w.base}/registrations/${rc.id}/refuse`, { reason: 'prerequisites_not_met' });
    assert.equal(refused.body.status, 'refused');
    assert.ok((await emailsTo(api.owner, c.user.email)).some((m) => /non retenue/.test(m.subject)));

    // Only the structure decides; the person may not accept themself.
    assert.equal((await b.post(`${w.base}/registrations/${rb.id}/accept`)).status, 403);
    assert.equal((await w.agent.post(`${w.base}/registrations/${rb.id}/accept`)).status, 404);
    // A wait-listed registration is not accepted out of turn.
    assert.equal((await w.member.post(`${w.base}/registrations/${rb.id}/accept`)).status, 409);

    // Raising the capacity promotes the first waiting.
    const raised = await w.member.post(`${w.base}/offers/${o.id}/sessions/${o.sessions[0]}/capacity`, { capacity: 2 });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    assert.deepEqual(raised.body, { capacity: 2, accepted: 2, waitlist: 0, promoted: 1 });
    const lowered = await w.member.post(`${w.base}/offers/${o.id}/sessions/${o.sessions[0]}/capacity`, { capacity: 1 });
    assert.equal(lowered.status, 409);
    assert.equal((await b.get(`${w.base}/registrations/${rb.id}`)).body.status, 'accepted');
  });

  it('gives a freed seat to the first waiting, in order, and records a late cancellation as an excused absence', async () => {
    const o = await w.offer({ capacities: [1], days: 0.5, cutoffHours: 24 });
    const people = [await w.beneficiary(), await w.beneficiary(), await w.beneficiary()];
    const regs = [];
    for (const p of people) regs.push((await register(p, o.id, { sessionId: o.sessions[0] })).body);
    assert.deepEqual(
      regs.map((r) => [r.status, r.waitlistPosition]),
      [
        ['accepted', undefined],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ],
    );
    // The session starts in 12 h, the cut-off is 24 h: the cancellation is late, an excused absence.
    const mine = (await people[0]!.get(`${w.base}/registrations?view=mine`)).body.items[0];
    assert.equal(mine.lateCancellation, true);
    const cancelled = await people[0]!.post(`${w.base}/registrations/${regs[0].id}/cancel`, {});
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'absent');
    assert.equal(cancelled.body.excused, true);
    const second = (await people[1]!.get(`${w.base}/registrations/${regs[1].id}`)).body;
    assert.equal(second.status, 'accepted');
    assert.equal(second.history.at(-1).event, 'promoted');
    assert.equal((await people[2]!.get(`${w.base}/registrations/${regs[2].id}`)).body.waitlistPosition, 1);
    assert.ok((await emailsTo(api.owner, people[1]!.user.email)).some((m) => /place s’est libérée/.test(m.subject)));
    assert.deepEqual(await seats(api.owner, w.tenant.id, o.sessions[0]!), { booked: 1, waitlisted: 1, capacity: 1 });
  });

  it('notes attendance once the session has started, then the outcome', async () => {
    const o = await w.offer({ capacities: [2] });
    const ben = await w.beneficiary();
    const r = (await register(ben, o.id, { sessionId: o.sessions[0] })).body;
    const early = await w.member.post(`${w.base}/registrations/${r.id}/attendance`, { value: 'present' });
    assert.equal(early.status, 409);
    await startSession(api.owner, w.tenant.id, o.sessions[0]!);
    assert.equal((await ben.post(`${w.base}/registrations/${r.id}/cancel`, {})).status, 409, 'too late to cancel');
    const wrongSession = await w.member.post(`${w.base}/registrations/${r.id}/attendance`, {
      value: 'present',
      sessionId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(wrongSession.body.parameter, 'sessionId');
    const present = await w.member.post(`${w.base}/registrations/${r.id}/attendance`, {
      value: 'present',
      sessionId: o.sessions[0],
    });
    assert.equal(present.status, 200, JSON.stringify(present.body));
    assert.equal(present.body.status, 'attended');
    const closed = await w.member.post(`${w.base}/registrations/${r.id}/outcome`, {
      status: 'completed',
      outcome: 'training',
    });
    assert.equal(closed.body.status, 'completed');
    assert.equal(closed.body.outcome, 'training');
    assert.equal(closed.body.attendance, 'present', 'the attendance stays once the outcome is noted');
  });

  it('expires what waited too long or whose session started, and reminds (once, whatever the instances)', async () => {
    const o = await w.offer({ capacities: [1], seatAllocation: 'review' });
    const old = (await register(await w.beneficiary(), o.id, { sessionId: o.sessions[0] })).body;
    const recent = (await register(await w.beneficiary(), o.id, { sessionId: o.sessions[0] })).body;
    await inTenantTransaction(api.owner, w.tenant.id, async () => {
      await api.owner.query(`UPDATE registration SET created_at = now() - interval '31 days' WHERE id = $1`, [old.id]);
      await api.owner.query(`UPDATE registration SET created_at = now() - interval '8 days' WHERE id = $1`, [
        recent.id,
      ]);
    });
    const started = await w.offer({ capacities: [1], days: 1 });
    const ben = await w.beneficiary();
    const taken = (await register(ben, started.id, { sessionId: started.sessions[0] })).body;
    const waiting = (await register(await w.beneficiary(), started.id, { sessionId: started.sessions[0] })).body;
    assert.equal(waiting.status, 'waitlisted');

    const jobs = api.t.app.get(RegistrationJobs);
    const [r1, r2] = await Promise.all([jobs.run(), jobs.run()]);
    assert.equal(r1.pendingReminders + r2.pendingReminders >= 1, true);
    assert.equal((await w.member.get(`${w.base}/registrations/${old.id}`)).body.status, 'expired');
    assert.equal((await w.member.get(`${w.base}/registrations/${recent.id}`)).body.status, 'pending');
    // The session starts within 48 h: its accepted participant is reminded, once.
    const reminders = (await emailsTo(api.owner, ben.user.email)).filter((m) => /^Rappel/.test(m.subject));
    assert.equal(reminders.length, 1);
    const structureReminders = (await emailsTo(api.owner, w.member.user.email)).filter((m) =>
      /attente de réponse/.test(m.subject),
    );
    assert.equal(structureReminders.length, 1, 'one reminder per pending registration, even with two runs at once');

    await startSession(api.owner, w.tenant.id, started.sessions[0]!);
    await jobs.run();
    assert.equal((await w.member.get(`${w.base}/registrations/${waiting.id}`)).body.status, 'expired');
    assert.equal((await w.member.get(`${w.base}/registrations/${taken.id}`)).body.status, 'accepted');
    assert.equal((await seats(api.owner, w.tenant.id, started.sessions[0]!)).waitlisted, 0);
  });

  it('gives the agents aggregate counts only', async () => {
    const stats = await w.agent.get(`${w.base}/registrations/stats`);
    assert.equal(stats.status, 200);
    assert.ok(stats.body.byStatus.accepted >= 1);
    assert.ok(stats.body.byChannel.self >= 1 && stats.body.byChannel.prescription >= 1);
    assert.ok(Array.isArray(stats.body.sessions));
    assert.equal(JSON.stringify(stats.body).includes('Camille'), false, 'no person in the counts');
    assert.equal((await w.member.get(`${w.base}/registrations/stats`)).status, 403);
  });

  it('lets each member choose the registration emails they receive', async () => {
    const path = `${w.base}/organizations/${w.org}/registration-notifications`;
    assert.deepEqual((await w.colleague.get(path)).body, {
      new_registration: true,
      cancellation: true,
      pending_reminder: true,
    });
    const set = await w.colleague.put(path, { new_registration: false });
    assert.equal(set.body.new_registration, false);
    const count = async (email: string) =>
      (await emailsTo(api.owner, email)).filter((m) => /Nouvelle inscription/.test(m.subject)).length;
    const [colleagueBefore, memberBefore] = [await count(w.colleague.user.email), await count(w.member.user.email)];
    const o = await w.offer({ capacities: [2] });
    await register(await w.beneficiary(), o.id, { sessionId: o.sessions[0] });
    assert.equal(await count(w.colleague.user.email), colleagueBefore, 'opted out');
    assert.equal(await count(w.member.user.email), memberBefore + 1);
    assert.equal((await w.referent.get(path)).status, 404);
  });

  it('keeps capacity exact under concurrency and promotes the wait list in arrival order', async () => {
    const o = await w.offer({ capacities: [5] });
    const people = await Promise.all(Array.from({ length: 30 }, () => w.beneficiary()));
    const results = await Promise.all(people.map((p) => register(p, o.id, { sessionId: o.sessions[0] })));
    assert.ok(
      results.every((r) => r.status === 201),
      JSON.stringify(results.find((r) => r.status !== 201)?.body),
    );
    const accepted = results.filter((r) => r.body.status === 'accepted');
    const waiting = results.filter((r) => r.body.status === 'waitlisted');
    assert.equal(accepted.length, 5);
    assert.equal(waiting.length, 25);
    assert.deepEqual(
      waiting.map((r) => r.body.waitlistPosition).sort((a, b) => a - b),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    assert.deepEqual(await seats(api.owner, w.tenant.id, o.sessions[0]!), { booked: 5, waitlisted: 25, capacity: 5 });

    // Five cancellations at once: the first five waiting get the seats, in order.
    const byPosition = new Map(
      waiting.map((r, i) => [r.body.waitlistPosition as number, { id: r.body.id as string, i }]),
    );
    const cancelled = await Promise.all(
      accepted.map((r) => people[results.indexOf(r)]!.post(`${w.base}/registrations/${r.body.id}/cancel`, {})),
    );
    assert.ok(cancelled.every((r) => r.status === 200));
    for (let position = 1; position <= 25; position++) {
      const { id } = byPosition.get(position)!;
      const status = (await w.member.get(`${w.base}/registrations/${id}`)).body.status;
      assert.equal(status, position <= 5 ? 'accepted' : 'waitlisted', `position ${position}`);
    }
    assert.deepEqual(await seats(api.owner, w.tenant.id, o.sessions[0]!), { booked: 5, waitlisted: 20, capacity: 5 });
  });
});
