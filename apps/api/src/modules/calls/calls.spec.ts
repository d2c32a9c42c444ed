// Calls for projects over HTTP, as the agents, the structures and the public see them: drafts kept
// from the public, publication (complete calls only, the form frozen afterwards, the opted-in
// structures told once per person), optimistic concurrency, withdrawal, results, instructors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailsTo } from '../auth/auth.test-helpers.js';
import { addMembership, clientWithRole } from '../../testing/accounts.js';
import { makeOrganization } from '../../testing/factories.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant } from '../../testing/test-database.js';
import { callsWorld, completeCall, makePlanFiches, type CallsWorld } from './calls.test-helpers.js';

describe('calls for projects', () => {
  let api: ApiTest;
  let w: CallsWorld;
  before(async () => {
    api = await startApiTest();
    w = await callsWorld(api);
  });
  after(() => api.close());

  const anonymous = (path: string) => api.t.http.get(path);

  it('keeps a draft from the public and the structures, and shows it to the agents with its counts', async () => {
    const made = await w.agent.post(`${w.base}/calls`, { title: 'Un brouillon discret' });
    assert.equal(made.status, 201);
    assert.equal(made.body.status, 'draft');
    assert.deepEqual(made.body.territory, { kind: 'department', codes: [] }, 'defaults for what was not sent');
    assert.equal(made.body.envelope, 0);
    const id = made.body.id as string;
    assert.equal((await anonymous(`${w.base}/calls/${id}`)).status, 404);
    assert.equal((await w.memberA.get(`${w.base}/calls/${id}`)).status, 404);
    const publicList = await anonymous(`${w.base}/calls`);
    assert.equal(
      publicList.body.items.some((c: { id: string }) => c.id === id),
      false,
    );
    assert.equal(
      (await w.memberA.get(`${w.base}/calls`)).body.items.some((c: { id: string }) => c.id === id),
      false,
    );
    const agentList = await w.agent.get(`${w.base}/calls?status=draft`);
    const mine = agentList.body.items.find((c: { id: string }) => c.id === id);
    assert.deepEqual(mine.applicationCounts, {});
    assert.equal((await w.agent.get(`${w.base}/calls/${id}`)).status, 200);
    assert.equal((await w.memberA.post(`${w.base}/calls`, { title: 'Par une structure' })).status, 403);
    const audit = await w.rows(`SELECT 1 FROM audit_log WHERE target_id = $1 AND action = 'call.create'`, [id]);
    assert.equal(audit.length, 1);
  });

  it('publishes a complete call only, lists it publicly and tells each opted-in member once', async () => {
    // A member of two opted-in structures gets one email, not two.
    const orgC = await makeOrganization(api.owner, w.tenant);
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`UPDATE organization SET notify_calls = true WHERE id = $1`, [orgC]),
    );
    await addMembership(api.owner, w.tenant, w.memberA.user.id, 'structure_member', orgC);

    const draft = (await w.agent.post(`${w.base}/calls`, { title: 'Appel incomplet' })).body;
    const refused = await w.agent.post(`${w.base}/calls/${draft.id}/publish`);
    assert.equal(refused.status, 400);
    const named = refused.body.fields.map((f: { field: string }) => f.field);
    for (const f of ['context', 'envelope', 'opensAt', 'closesAt', 'questions', 'grid'])
      assert.ok(named.includes(f), f);

    const id = await w.published({ title: 'Mobilité 2027' });
    const call = (await anonymous(`${w.base}/calls/${id}`)).body;
    assert.equal(call.status, 'published');
    assert.equal(call.envelope, 150_000.5);
    assert.equal(call.ficheRefs[0].title, 'Mobilité');
    assert.equal(call.instructors, undefined, 'instructors for agents only');
    assert.ok((await anonymous(`${w.base}/calls`)).body.items.some((c: { id: string }) => c.id === id));

    const toA = (await emailsTo(api.owner, w.memberA.user.email)).filter((m) => m.subject.includes('Mobilité 2027'));
    assert.equal(toA.length, 1);
    assert.match(toA[0]!.text_body, /Date limite de dépôt des dossiers : \d{1,2} \S+ \d{4} à \d{2} h \d{2}/);
    assert.match(toA[0]!.text_body, new RegExp(`/appels-a-projets/${id}`));
    assert.equal(
      (await emailsTo(api.owner, w.colleagueA.user.email)).filter((m) => m.subject.includes('Mobilité 2027')).length,
      1,
    );
    assert.equal(
      (await emailsTo(api.owner, w.memberB.user.email)).filter((m) => m.subject.includes('Mobilité 2027')).length,
      0,
      'structure B did not opt in',
    );
    assert.equal((await w.agent.post(`${w.base}/calls/${id}/publish`)).status, 409, 'published once');
    const events = await w.rows(
      `SELECT from_status, to_status FROM funding_call_event WHERE call_id = $1 ORDER BY id`,
      [id],
    );
    assert.deepEqual(
      events.map((e) => `${e.from_status}→${e.to_status}`),
      ['null→draft', 'draft→published'],
    );
  });

  it('lets a structure admin opt in to the calls’ emails from the structure’s settings', async () => {
    const org = await makeOrganization(api.owner, w.tenant);
    const admin = await clientWithRole(api.owner, api.t.http, w.tenant, 'structure_admin', org);
    const member = await clientWithRole(api.owner, api.t.http, w.tenant, 'structure_member', org);
    assert.equal((await admin.get(`${w.base}/organizations/${org}/back-office`)).body.notifyCalls, false);
    assert.equal((await member.patch(`${w.base}/organizations/${org}`, { notifyCalls: true })).status, 403);
    const set = await admin.patch(`${w.base}/organizations/${org}`, { notifyCalls: true });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.notifyCalls, true);
    assert.equal(
      (await admin.patch(`${w.base}/organizations/${org}`, { notifyCalls: 'oui' })).body.parameter,
      'notifyCalls',
    );
    await w.published({ title: 'Après inscription' });
    const mails = (await emailsTo(api.owner, member.user.email)).filter((m) => m.subject.includes('Après inscription'));
    assert.equal(mails.length, 1);
  });

  it('freezes the form once published: only the title, the context and a later deadline change', async () => {
    const id = await w.published();
    let call = (await w.agent.get(`${w.base}/calls/${id}`)).body;
    const frozen = await w.agent.patch(`${w.base}/calls/${id}`, {
      version: call.version,
      questions: [{ key: 'autre', label: 'Autre', type: 'short_text', required: false }],
    });
    assert.equal(frozen.status, 409);
    assert.deepEqual([frozen.body.code, frozen.body.parameter], ['form_frozen', 'questions']);
    for (const [field, value] of [
      ['envelope', 1],
      ['opensAt', new Date().toISOString()],
      ['grid', []],
    ] as const) {
      const r = await w.agent.patch(`${w.base}/calls/${id}`, { version: call.version, [field]: value });
      assert.deepEqual([r.status, r.body.parameter], [409, field]);
    }
    const earlier = await w.agent.patch(`${w.base}/calls/${id}`, {
      version: call.version,
      closesAt: new Date(Date.parse(call.closesAt) - 86_400_000).toISOString(),
    });
    assert.deepEqual([earlier.status, earlier.body.code, earlier.body.parameter], [409, 'form_frozen', 'closesAt']);

    // The whole call sent back unchanged except the title and a postponed deadline: accepted.
    const {
      id: _i,
      status: _s,
      ficheRefs: _f,
      publicDocuments: _p,
      withdrawnReason: _w,
      results: _r,
      publishedAt: _pa,
      closedAt: _c,
      decidedAt: _d,
      instructors: _in,
      ...fields
    } = call;
    const later = new Date(Date.parse(call.closesAt) + 7 * 86_400_000).toISOString();
    const ok = await w.agent.patch(`${w.base}/calls/${id}`, { ...fields, title: 'Titre corrigé', closesAt: later });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.title, 'Titre corrigé');
    assert.equal(ok.body.closesAt, later);
    assert.equal(ok.body.version, call.version + 1);
    call = ok.body;

    // Someone else's older version: 409 stale, nothing written.
    const stale = await w.agent.patch(`${w.base}/calls/${id}`, { version: call.version - 1, title: 'Écrasé' });
    assert.deepEqual([stale.status, stale.body.code], [409, 'stale']);
    assert.equal((await w.agent.get(`${w.base}/calls/${id}`)).body.title, 'Titre corrigé');
  });

  it('takes everything in a draft, refusing fiches and territories that are not the tenant’s', async () => {
    const other = await createTenant(api.owner);
    const [foreignFiche] = await makePlanFiches(api.owner, other);
    const { rows } = await api.owner.query<{ insee: string }>(
      `SELECT insee FROM commune WHERE departement <> $1 LIMIT 1`,
      [w.tenant.code],
    );
    const draft = (await w.agent.post(`${w.base}/calls`, { title: 'Brouillon' })).body;
    const bad = await w.agent.patch(`${w.base}/calls/${draft.id}`, {
      version: draft.version,
      fiches: [w.fiches[0], foreignFiche],
      territory: { kind: 'communes', codes: [rows[0]!.insee] },
      eligibleKinds: ['association', 'club_de_foot'],
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.fields.map((f: { field: string }) => f.field).sort(), [
      'eligibleKinds.1',
      'fiches.1',
      'territory.codes.0',
    ]);
    const ours = await api.owner.query<{ insee: string; epci: string }>(
      `SELECT insee, epci FROM commune WHERE departement = $1 AND epci IS NOT NULL LIMIT 1`,
      [w.tenant.code],
    );
    const good = await w.agent.patch(`${w.base}/calls/${draft.id}`, {
      ...completeCall(w.fiches),
      version: draft.version,
      territory: { kind: 'epci', codes: [ours.rows[0]!.epci] },
    });
    assert.equal(good.status, 200, JSON.stringify(good.body));
    assert.deepEqual(good.body.territory, { kind: 'epci', codes: [ours.rows[0]!.epci] });
    assert.equal(good.body.questions.length, 4);
  });

  it('withdraws a published call with a reason, telling the structures that applied; its page stays', async () => {
    const id = await w.published({ title: 'Appel retiré' });
    await w.application(id, w.orgB, 'draft');
    const noReason = await w.agent.post(`${w.base}/calls/${id}/withdraw`, { reason: ' ' });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.parameter, 'reason');
    const done = await w.agent.post(`${w.base}/calls/${id}/withdraw`, { reason: 'Crédits redéployés' });
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'withdrawn');
    const page = await anonymous(`${w.base}/calls/${id}`);
    assert.deepEqual([page.status, page.body.withdrawnReason], [200, 'Crédits redéployés']);
    assert.equal(
      (await anonymous(`${w.base}/calls`)).body.items.some((c: { id: string }) => c.id === id),
      false,
    );
    const mails = (await emailsTo(api.owner, w.memberB.user.email)).filter((m) => /retiré/.test(m.subject));
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.text_body, /Crédits redéployés/);
    assert.equal((await w.agent.post(`${w.base}/calls/${id}/withdraw`, { reason: 'Encore' })).status, 409);
    assert.equal(
      (await w.agent.patch(`${w.base}/calls/${id}`, { version: done.body.version, title: 'x' })).body.code,
      'not_editable',
    );
  });

  it('publishes the results of a closed call only once every application is decided', async () => {
    const id = await w.published({ title: 'Appel à décider' });
    assert.equal((await w.agent.post(`${w.base}/calls/${id}/results`, { results: 'Trop tôt' })).status, 409);
    const app = await w.application(id, w.orgA, 'submitted');
    await w.setCall(id, `status = 'closed', closed_at = now()`);
    const waiting = await w.agent.post(`${w.base}/calls/${id}/results`, { results: 'Deux projets retenus.' });
    assert.deepEqual([waiting.status, waiting.body.code], [409, 'undecided_applications']);
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`UPDATE application SET status = 'selected', amount_granted_cents = 50000 WHERE id = $1`, [app]),
    );
    const decided = await w.agent.post(`${w.base}/calls/${id}/results`, { results: 'Deux projets retenus.' });
    assert.equal(decided.status, 200);
    assert.deepEqual([decided.body.status, decided.body.results], ['decided', 'Deux projets retenus.']);
    assert.ok(decided.body.decidedAt);
    const counts = (await w.agent.get(`${w.base}/calls?status=decided`)).body.items.find(
      (c: { id: string }) => c.id === id,
    );
    assert.deepEqual(counts.applicationCounts, { selected: 1 });
    const audit = await w.rows(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [id]);
    assert.deepEqual(
      audit.map((r) => r.action),
      ['call.create', 'call.published', 'call.decided'],
    );
  });

  it('lets the admins assign active agents as instructors, shown to agents only', async () => {
    const id = await w.published();
    const refused = await w.admin.put(`${w.base}/calls/${id}/instructors`, {
      userIds: [w.agent.user.id, w.memberA.user.id],
    });
    assert.deepEqual([refused.status, refused.body.parameter], [400, 'userIds.1']);
    assert.equal((await w.agent.put(`${w.base}/calls/${id}/instructors`, { userIds: [w.agent.user.id] })).status, 403);
    const ok = await w.admin.put(`${w.base}/calls/${id}/instructors`, { userIds: [w.agent.user.id, w.admin.user.id] });
    assert.equal(ok.status, 200);
    assert.deepEqual(
      ok.body.instructors.map((i: { userId: string }) => i.userId).sort(),
      [w.agent.user.id, w.admin.user.id].sort(),
    );
    assert.equal((await w.agent.get(`${w.base}/calls/${id}`)).body.instructors.length, 2);
    assert.equal((await w.memberA.get(`${w.base}/calls/${id}`)).body.instructors, undefined);
    const audit = await w.rows(`SELECT 1 FROM audit_log WHERE target_id = $1 AND action = 'call.instructors'`, [id]);
    assert.equal(audit.length, 1);
  });
});
