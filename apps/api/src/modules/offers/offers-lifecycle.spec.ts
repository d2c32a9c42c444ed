// An offer's whole life through the API, against the real database: written by a member,
// moderated by an agent, found by the public search, revised while published, archived.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { clientWithRole } from '../../testing/accounts.js';
import { createTenant } from '../../testing/test-database.js';
import { auditActions, emailsTo, offerBody, offersWorld, type OffersWorld } from './offers.test-helpers.js';

describe('offer lifecycle (moderation before publication)', () => {
  let api: ApiTest;
  let w: OffersWorld;
  before(async () => {
    api = await startApiTest();
    w = await offersWorld(api);
  });
  after(() => api.close());

  const publicGet = (id: string) => api.t.http.get(`${w.base}/offers/${id}`);
  const search = async (q: string) =>
    (await api.t.http.get(`${w.base}/offers`).query({ q })).body as {
      total: number;
      items: { id: string; title: string }[];
    };

  it('goes draft → submitted → changes requested → resubmitted → published → revised → archived', async () => {
    const word = `quetzal${Math.random()
      .toString(36)
      .replace(/[^a-z]/g, '')
      .slice(0, 5)}`;
    const created = await w.member.post(`${w.base}/offers`, offerBody(w, { title: `Atelier ${word}` }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    assert.equal(created.body.status, 'draft');
    assert.equal(created.body.organization.id, w.orgA);
    assert.equal(created.body.updateFrequencyMonths, 6);
    assert.equal(created.body.places[0].commune, w.communes[0]!.name);
    assert.deepEqual(
      created.body.diffusionZone.areas.map((a: { code: string }) => a.code),
      [w.communes[0]!.insee, w.communes[1]!.insee],
    );
    assert.equal(created.body.sessions.length, 1);
    assert.equal(created.body.sessions[0].placesLeft, 12);

    // A draft: its structure and the agents see it, the public does not.
    assert.equal((await publicGet(id)).status, 404);
    const asColleague = await w.colleague.get(`${w.base}/offers/${id}`);
    assert.equal(asColleague.body.status, 'draft');
    assert.equal(asColleague.headers['cache-control'], 'private, no-store');
    assert.match(asColleague.headers.vary ?? '', /Cookie/);
    assert.equal((await w.agent.get(`${w.base}/offers/${id}`)).body.status, 'draft');

    const submitted = await w.member.post(`${w.base}/offers/${id}/submit`);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.status, 'submitted');
    assert.ok(submitted.body.submittedAt);
    const toAgent = await emailsTo(api.owner, w.agent.user.email);
    assert.ok(
      toAgent.some(
        (m) =>
          m.subject.includes(word) && m.text_body.includes(`http://localhost:3000/${w.tenant.slug}/espace/moderation`),
      ),
    );

    // Being moderated: not editable, not submitted twice.
    const locked = await w.member.patch(`${w.base}/offers/${id}`, { title: 'Autre' });
    assert.equal(locked.status, 409);
    assert.equal(locked.body.code, 'invalid_transition');
    assert.equal((await w.member.post(`${w.base}/offers/${id}/submit`)).status, 409);

    const queue = await w.agent.get(`${w.base}/moderation/offers?status=submitted`);
    assert.equal(queue.status, 200);
    assert.ok(queue.body.items.some((i: { id: string; kind: string }) => i.id === id && i.kind === 'new'));

    const changes = await w.agent.post(`${w.base}/offers/${id}/request-changes`, {
      comment: 'Merci de préciser les horaires.',
    });
    assert.equal(changes.status, 200, JSON.stringify(changes.body));
    assert.equal(changes.body.status, 'draft');
    assert.equal(changes.body.reviewComment, 'Merci de préciser les horaires.');
    const toMember = await emailsTo(api.owner, w.member.user.email);
    const changeMail = toMember.find((m) => m.subject.startsWith('Modifications demandées'));
    assert.ok(changeMail);
    assert.ok(changeMail.text_body.includes('Merci de préciser les horaires.'));
    assert.ok(changeMail.text_body.includes(`http://localhost:3000/${w.tenant.slug}/espace/offres/${id}`));
    assert.ok(
      (await emailsTo(api.owner, w.colleague.user.email)).some((m) => m.subject.startsWith('Modifications demandées')),
    );

    const fixed = await w.member.patch(`${w.base}/offers/${id}`, { description: 'Le mardi de 9 h à 12 h.' });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
    assert.equal(fixed.body.description, 'Le mardi de 9 h à 12 h.');
    assert.equal(fixed.body.reviewComment, 'Merci de préciser les horaires.', 'kept until the next submission');
    const resubmitted = await w.member.post(`${w.base}/offers/${id}/submit`);
    assert.equal(resubmitted.body.status, 'submitted');
    assert.equal(resubmitted.body.reviewComment, null);

    const published = await w.agent.post(`${w.base}/offers/${id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.status, 'published');
    assert.ok(published.body.publishedAt);
    assert.equal(published.body.overdue, false);
    assert.ok(
      (await emailsTo(api.owner, w.member.user.email)).some((m) => m.subject === `Offre publiée : Atelier ${word}`),
    );

    // The public sees it, in the OfferDetail shape, and the search finds it at once.
    const seen = await publicGet(id);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.title, `Atelier ${word}`);
    assert.equal(seen.body.status, undefined, 'the public view has no back-office fields');
    assert.ok((await search(word)).items.some((i) => i.id === id));

    // Editing the published offer makes a revision; the public keeps the published version.
    const word2 = `ornitho${Math.random()
      .toString(36)
      .replace(/[^a-z]/g, '')
      .slice(0, 5)}`;
    const revised = await w.member.patch(`${w.base}/offers/${id}`, { title: `Atelier ${word2}` });
    assert.equal(revised.status, 200, JSON.stringify(revised.body));
    assert.equal(revised.body.status, 'published');
    assert.equal(revised.body.title, `Atelier ${word}`);
    assert.equal(revised.body.revision.status, 'draft');
    assert.equal(revised.body.revision.offer.title, `Atelier ${word2}`);
    assert.equal((await publicGet(id)).body.title, `Atelier ${word}`);
    assert.equal((await search(word2)).total, 0);
    const listed = (await w.member.get(`${w.base}/organizations/${w.orgA}/offers`)).body as {
      id: string;
      status: string;
      revision: { status: string } | null;
    }[];
    assert.deepEqual(
      listed.find((o) => o.id === id),
      { ...listed.find((o) => o.id === id), status: 'published', revision: { status: 'draft' } },
    );

    const revisionSubmitted = await w.member.post(`${w.base}/offers/${id}/submit`);
    assert.equal(revisionSubmitted.body.revision.status, 'submitted');
    assert.equal((await w.member.patch(`${w.base}/offers/${id}`, { title: 'Encore' })).status, 409);
    const revisionQueue = await w.agent.get(`${w.base}/moderation/offers?kind=revision`);
    assert.ok(revisionQueue.body.items.some((i: { id: string }) => i.id === id));

    // Changes asked on the revision: the published version stays, the revision returns to draft.
    const revisionChanges = await w.agent.post(`${w.base}/offers/${id}/request-changes`, {
      comment: 'Titre trop vague.',
    });
    assert.equal(revisionChanges.body.status, 'published');
    assert.equal(revisionChanges.body.revision.status, 'draft');
    assert.equal(revisionChanges.body.revision.reviewComment, 'Titre trop vague.');
    await w.member.post(`${w.base}/offers/${id}/submit`);

    const applied = await w.agent.post(`${w.base}/offers/${id}/publish`);
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal(applied.body.title, `Atelier ${word2}`);
    assert.equal(applied.body.revision, null);
    assert.equal((await publicGet(id)).body.title, `Atelier ${word2}`);
    assert.ok((await search(word2)).items.some((i) => i.id === id));

    const archived = await w.colleague.post(`${w.base}/offers/${id}/archive`);
    assert.equal(archived.status, 200);
    assert.equal(archived.body.status, 'archived');
    assert.equal((await publicGet(id)).status, 404);
    assert.equal((await search(word2)).total, 0);
    assert.equal((await w.member.get(`${w.base}/offers/${id}`)).body.status, 'archived');
    assert.equal((await w.member.post(`${w.base}/offers/${id}/archive`)).status, 409);

    // History: every step, newest first, with who and which fields.
    const history = await w.member.get(`${w.base}/offers/${id}/history`);
    assert.equal(history.status, 200);
    const steps = (
      history.body as {
        action: string;
        from: string | null;
        to: string | null;
        onRevision: boolean;
        changedFields: string[];
        comment: string | null;
        actor: { email: string } | null;
      }[]
    ).reverse();
    assert.deepEqual(
      steps.map((s) => `${s.action}:${s.from}>${s.to}${s.onRevision ? ':rev' : ''}`),
      [
        'created:null>draft',
        'submitted:draft>submitted',
        'changes_requested:submitted>draft',
        'edited:draft>draft',
        'submitted:draft>submitted',
        'published:submitted>published',
        'edited:published>draft:rev',
        'submitted:draft>submitted:rev',
        'changes_requested:submitted>draft:rev',
        'submitted:draft>submitted:rev',
        'published:submitted>published:rev',
        'archived:published>archived',
      ],
    );
    assert.deepEqual(steps[3]!.changedFields, ['description']);
    assert.deepEqual(steps[6]!.changedFields, ['title']);
    assert.deepEqual(steps[10]!.changedFields, ['title']);
    assert.equal(steps[2]!.comment, 'Merci de préciser les horaires.');
    assert.equal(steps[0]!.actor?.email, w.member.user.email);
    assert.equal(steps[5]!.actor?.email, w.agent.user.email);
    assert.deepEqual((await w.agent.get(`${w.base}/offers/${id}/history`)).body.length, 12);

    assert.deepEqual(await auditActions(api.owner, w.tenant.id, id), [
      'offer.changes_requested',
      'offer.published',
      'offer.changes_requested',
      'offer.published',
      'offer.archived',
    ]);
  });

  it('answers 409 invalid_transition from a wrong state', async () => {
    const id = (await w.member.post(`${w.base}/offers`, offerBody(w))).body.id as string;
    for (const [client, action] of [
      [w.agent, 'publish'],
      [w.agent, 'request-changes'],
      [w.member, 'archive'],
      [w.member, 'confirm'],
    ] as const) {
      const res = await client.post(
        `${w.base}/offers/${id}/${action}`,
        action === 'request-changes' ? { comment: 'Pas encore.' } : {},
      );
      assert.equal(res.status, 409, `${action}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'invalid_transition');
    }
  });

  it('keeps each structure to its own offers and each role to its own actions', async () => {
    const id = (await w.member.post(`${w.base}/offers`, offerBody(w))).body.id as string;
    // Another structure's member: nothing to see, nothing to touch.
    assert.equal((await w.memberB.get(`${w.base}/offers/${id}`)).status, 404);
    assert.equal((await w.memberB.patch(`${w.base}/offers/${id}`, { title: 'Piraté' })).status, 404);
    assert.equal((await w.memberB.post(`${w.base}/offers/${id}/submit`)).status, 404);
    assert.equal((await w.memberB.get(`${w.base}/offers/${id}/history`)).status, 404);
    assert.equal((await w.memberB.get(`${w.base}/organizations/${w.orgA}/offers`)).status, 404);
    assert.equal((await w.memberB.post(`${w.base}/offers`, offerBody(w))).status, 404, 'cannot create for structure A');
    // Members do not moderate; agents do not write.
    await w.member.post(`${w.base}/offers/${id}/submit`);
    assert.equal((await w.member.post(`${w.base}/offers/${id}/publish`)).status, 403);
    assert.equal((await w.member.post(`${w.base}/offers/${id}/request-changes`, { comment: 'Moi-même' })).status, 403);
    assert.equal((await w.agent.patch(`${w.base}/offers/${id}`, { title: 'Agent' })).status, 403);
    // Another département's agent: 404 everywhere in this one.
    const otherTenant = await createTenant(api.owner);
    const drome = await clientWithRole(api.owner, api.t.http, otherTenant, 'agent');
    await clientWithRole(api.owner, api.t.http, otherTenant, 'admin');
    assert.equal((await drome.get(`${w.base}/offers/${id}`)).status, 404);
    assert.equal((await drome.post(`${w.base}/offers/${id}/publish`)).status, 404);
    assert.equal((await drome.get(`${w.base}/offers/${id}/history`)).status, 404);
    assert.equal(
      (await drome.get(`/api/v1/tenants/${otherTenant.slug}/offers/${id}`)).status,
      404,
      'not found under its own tenant either',
    );
    assert.equal((await drome.get(`${w.base}/moderation/offers`)).status, 404);
    // Still submitted: nobody above changed it.
    assert.equal((await w.member.get(`${w.base}/offers/${id}`)).body.status, 'submitted');
    const mine = await w.colleague.get(`${w.base}/organizations/${w.orgA}/offers`);
    assert.equal(mine.status, 200);
    assert.ok(mine.body.some((o: { id: string; status: string }) => o.id === id && o.status === 'submitted'));
    const listed = await w.member.get(`${w.base}/organizations/${w.orgA}/offers`);
    assert.ok(
      listed.body.every((o: { revision: unknown; overdue: boolean }) => o.revision === null && o.overdue === false),
    );
  });

  it('lets a member send back exactly what GET returned (read-only fields ignored)', async () => {
    const id = (await w.member.post(`${w.base}/offers`, { ...offerBody(w), diffusionZone: { type: 'departement' } }))
      .body.id as string;
    const read = (await w.member.get(`${w.base}/offers/${id}`)).body as Record<string, unknown>;
    assert.deepEqual(read.diffusionZone, {
      type: 'departement',
      areas: [{ code: w.tenant.code, name: w.tenant.name }],
    });
    const res = await w.member.patch(`${w.base}/offers/${id}`, {
      ...read,
      title: 'Titre relu',
      status: 'published',
      overdue: true,
      id: '00000000-0000-0000-0000-000000000000',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.title, 'Titre relu');
    assert.equal(res.body.status, 'draft', 'status is read-only');
    assert.equal(res.body.id, id);
    assert.equal(res.body.sessions[0].id, (read.sessions as { id: string }[])[0]!.id, 'the session kept its id');
    const history = (await w.member.get(`${w.base}/offers/${id}/history`)).body as {
      action: string;
      changedFields: string[];
    }[];
    assert.deepEqual(history[0]!.changedFields, ['title'], 'only what really changed');
  });
});

describe('offer lifecycle (moderation after publication)', () => {
  let api: ApiTest;
  let w: OffersWorld;
  before(async () => {
    api = await startApiTest();
    w = await offersWorld(api);
    await api.owner.query(`UPDATE tenant SET moderation = 'after' WHERE id = $1`, [w.tenant.id]);
  });
  after(() => api.close());

  it('publishes at submission, to be reviewed afterwards', async () => {
    const id = (await w.member.post(`${w.base}/offers`, offerBody(w))).body.id as string;
    const submitted = await w.member.post(`${w.base}/offers/${id}/submit`);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.status, 'published');
    assert.equal(submitted.body.needsReview, true);
    assert.equal((await api.t.http.get(`${w.base}/offers/${id}`)).status, 200);
    assert.ok(
      (await emailsTo(api.owner, w.agent.user.email)).some((m) => m.subject.startsWith('Offre publiée, à relire')),
    );
    const queue = await w.agent.get(`${w.base}/moderation/offers?kind=post`);
    assert.ok(queue.body.items.some((i: { id: string; kind: string }) => i.id === id && i.kind === 'post'));

    const reviewed = await w.agent.post(`${w.base}/offers/${id}/publish`);
    assert.equal(reviewed.body.status, 'published');
    assert.equal(reviewed.body.needsReview, false);
    assert.equal((await w.agent.post(`${w.base}/offers/${id}/publish`)).status, 409, 'nothing left to review');

    // A revision is applied at once too, and reviewed afterwards.
    const edited = await w.member.patch(`${w.base}/offers/${id}`, { title: 'Titre a posteriori' });
    assert.equal(edited.body.revision.status, 'draft');
    const applied = await w.member.post(`${w.base}/offers/${id}/submit`);
    assert.equal(applied.body.title, 'Titre a posteriori');
    assert.equal(applied.body.revision, null);
    assert.equal(applied.body.needsReview, true);
    assert.equal((await api.t.http.get(`${w.base}/offers/${id}`)).body.title, 'Titre a posteriori');
  });

  it('takes a post-moderated offer back to draft when the agent asks for changes', async () => {
    const id = (await w.member.post(`${w.base}/offers`, offerBody(w))).body.id as string;
    await w.member.post(`${w.base}/offers/${id}/submit`);
    const back = await w.agent.post(`${w.base}/offers/${id}/request-changes`, {
      comment: 'Hors du champ de l’insertion.',
    });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.status, 'draft');
    assert.equal(back.body.needsReview, false);
    assert.equal(back.body.reviewComment, 'Hors du champ de l’insertion.');
    assert.equal((await api.t.http.get(`${w.base}/offers/${id}`)).status, 404, 'no longer public');
  });
});
