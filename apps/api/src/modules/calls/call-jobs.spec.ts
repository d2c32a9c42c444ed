// The calls' clock: a published call closes once its deadline has passed (logged, audited, once
// whatever the instances), and the structures with a draft are reminded 7 days and 1 day before
// the deadline, once each even when two instances run the job at the same time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailsTo } from '../auth/auth.test-helpers.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { CallJobs } from './call-jobs.js';
import { callsWorld, type CallsWorld } from './calls.test-helpers.js';

describe('the calls’ clock', () => {
  let api: ApiTest;
  let w: CallsWorld;
  let jobs: CallJobs;
  before(async () => {
    api = await startApiTest();
    w = await callsWorld(api);
    jobs = api.t.app.get(CallJobs);
  });
  after(() => api.close());

  it('closes a published call whose deadline has passed, once, and leaves the others open', async () => {
    const due = await w.published({ title: 'Échu' });
    const open = await w.published({ title: 'Encore ouvert' });
    await w.setCall(
      due,
      `opens_at = now() - interval '2 days', closes_at = date_trunc('second', now()) - interval '1 second'`,
    );
    // This deadline is at the coming second's end: not passed yet.
    await w.setCall(open, `closes_at = date_trunc('second', now()) + interval '1 minute'`);
    const [a, b] = await Promise.all([jobs.run(), jobs.run()]);
    assert.ok(a.closed + b.closed >= 1);
    const call = (await api.t.http.get(`${w.base}/calls/${due}`)).body;
    assert.equal(call.status, 'closed');
    assert.ok(call.closedAt);
    assert.equal((await api.t.http.get(`${w.base}/calls/${open}`)).body.status, 'published');
    const events = await w.rows(`SELECT actor_id FROM funding_call_event WHERE call_id = $1 AND to_status = 'closed'`, [
      due,
    ]);
    assert.equal(events.length, 1, 'closed once, whatever the instances');
    assert.equal(events[0]!.actor_id, null);
    const audit = await w.rows(`SELECT summary FROM audit_log WHERE target_id = $1 AND action = 'call.closed'`, [due]);
    assert.equal(audit.length, 1);
    // A closed call takes no more edits.
    const r = await w.agent.patch(`${w.base}/calls/${due}`, { version: call.version, title: 'Trop tard' });
    assert.deepEqual([r.status, r.body.code], [409, 'not_editable']);
  });

  it('reminds the structures with a draft 7 days and 1 day before the deadline, once each', async () => {
    const id = await w.published({ title: 'Rappels', days: 6 });
    await w.application(id, w.orgA, 'draft');
    await w.application(id, w.orgB, 'submitted');
    const reminders = async (email: string) =>
      (await emailsTo(api.owner, email)).filter((m) => m.subject.startsWith('Rappel') && m.subject.includes('Rappels'));

    await Promise.all([jobs.run(), jobs.run()]);
    await jobs.run();
    const sevenDays = await reminders(w.memberA.user.email);
    assert.equal(sevenDays.length, 1, 'one 7-day reminder, even with two runs at once');
    assert.match(sevenDays[0]!.subject, /dans 7 jours/);
    assert.match(sevenDays[0]!.text_body, /Date limite : \d{1,2} \S+ \d{4} à \d{2} h \d{2}/);
    assert.equal((await reminders(w.colleagueA.user.email)).length, 1);
    assert.equal((await reminders(w.memberB.user.email)).length, 0, 'a submitted application needs no reminder');

    await w.setCall(id, `closes_at = now() + interval '12 hours'`);
    await Promise.all([jobs.run(), jobs.run()]);
    const all = await reminders(w.memberA.user.email);
    assert.equal(all.length, 2);
    assert.match(all[1]!.subject, /demain/);
  });
});
