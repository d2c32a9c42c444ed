// Keeping offers up to date, the agents' views, sessions with bookings: against the real database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { makeOffer } from '../../testing/factories.js';
import { emailsTo, offerBody, offersWorld, type OffersWorld } from './offers.test-helpers.js';
import { digestMonth, OverdueDigest } from './overdue-digest.js';

describe('offers back office', () => {
  let api: ApiTest;
  let w: OffersWorld;
  before(async () => {
    api = await startApiTest();
    w = await offersWorld(api);
  });
  after(() => api.close());

  /** A published offer of structure A, last confirmed `monthsAgo` months ago. */
  const publishedOffer = async (monthsAgo = 0, title?: string) => {
    const id = await makeOffer(api.owner, w.tenant, w.orgA, { status: 'published', title });
    if (monthsAgo) {
      await inTenantTransaction(api.owner, w.tenant.id, () =>
        api.owner.query(`UPDATE offer SET confirmed_at = now() - make_interval(months => $2) WHERE id = $1`, [
          id,
          monthsAgo,
        ]),
      );
    }
    return id;
  };

  it('marks an offer past its update frequency overdue, until a member confirms it', async () => {
    const id = await publishedOffer(7);
    const read = await w.member.get(`${w.base}/offers/${id}`);
    assert.equal(read.body.overdue, true);
    assert.equal(read.body.updateFrequencyMonths, 6);
    const listed = (await w.member.get(`${w.base}/organizations/${w.orgA}/offers`)).body as {
      id: string;
      overdue: boolean;
    }[];
    assert.equal(listed.find((o) => o.id === id)?.overdue, true);
    assert.ok((await w.agent.get(`${w.base}/dashboard`)).body.overdue >= 1);

    assert.equal(
      (await w.agent.post(`${w.base}/offers/${id}/confirm`)).status,
      403,
      'agents do not confirm for the structure',
    );
    const confirmed = await w.colleague.post(`${w.base}/offers/${id}/confirm`);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.overdue, false);
    assert.ok(Date.now() - Date.parse(confirmed.body.confirmedAt) < 60_000);
    const history = (await w.member.get(`${w.base}/offers/${id}/history`)).body as { action: string }[];
    assert.equal(history[0]!.action, 'confirmed');
  });

  it('changes the update frequency of a published offer at once, without a revision', async () => {
    const id = await publishedOffer(7);
    const res = await w.member.patch(`${w.base}/offers/${id}`, { updateFrequencyMonths: 12 });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.updateFrequencyMonths, 12);
    assert.equal(res.body.overdue, false);
    assert.equal(res.body.revision, null);
    const history = (await w.member.get(`${w.base}/offers/${id}/history`)).body as {
      action: string;
      changedFields: string[];
      onRevision: boolean;
    }[];
    assert.deepEqual(
      [history[0]!.action, history[0]!.changedFields, history[0]!.onRevision],
      ['edited', ['updateFrequencyMonths'], false],
    );
  });

  it('sends each editor one digest of their overdue offers per calendar month', async () => {
    const title = `Offre oubliée ${Date.now()}`;
    const id = await publishedOffer(8, title);
    const digest = api.t.app.get(OverdueDigest);
    const digests = async (email: string) =>
      (await emailsTo(api.owner, email)).filter((m) => m.text_body.includes(title));

    await digest.run();
    const first = await digests(w.member.user.email);
    assert.equal(first.length, 1);
    assert.ok(first[0]!.text_body.includes(`http://localhost:3000/${w.tenant.slug}/espace/offres/${id}`));
    assert.equal((await digests(w.colleague.user.email)).length, 1, 'every active member of the structure');
    assert.equal((await digests(w.memberB.user.email)).length, 0);
    assert.equal((await digests(w.agent.user.email)).length, 0);

    await digest.run();
    assert.equal((await digests(w.member.user.email)).length, 1, 'once a month');
    const { rows } = await api.owner.query<{ digest_sent_for: string }>(
      `SELECT digest_sent_for FROM app_user WHERE id = $1`,
      [w.member.user.id],
    );
    assert.equal(rows[0]!.digest_sent_for, digestMonth(new Date()));

    const nextMonth = new Date(Date.now() + 32 * 86400_000);
    await digest.run(nextMonth);
    assert.equal((await digests(w.member.user.email)).length, 2, 'again the next month, while still overdue');
  });

  it('exports every offer of the tenant as CSV for agents, and audits it', async () => {
    const tricky = `Atelier; "couture" ${Date.now()}`;
    await makeOffer(api.owner, w.tenant, w.orgA, { status: 'draft', title: tricky });
    const overdue = await publishedOffer(9, `=HYPERLINK("x") ${Date.now()}`);
    const res = await w.agent.get(`${w.base}/offers/export.csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition'] ?? '', /attachment; filename="offres-/);
    const text = res.text;
    assert.ok(text.startsWith('\uFEFF'), 'UTF-8 byte-order mark');
    const [header, ...lines] = text.slice(1).trimEnd().split('\r\n');
    assert.ok(header!.startsWith('Identifiant;Titre;Statut;Structure;SIRET;Thématiques;Communes des lieux;'));
    assert.ok(text.includes(`"${tricky.replace(/"/g, '""')}"`), 'RFC 4180 quoting');
    assert.ok(lines.some((l) => l.includes('Brouillon')));
    const overdueLine = lines.find((l) => l.startsWith(overdue));
    assert.ok(overdueLine?.includes(`"'=HYPERLINK(""x"")`), 'formulas defused');
    assert.ok(overdueLine?.includes(';oui;'), 'overdue column');
    const audited = await inTenantTransaction(
      api.owner,
      w.tenant.id,
      async () =>
        (
          await api.owner.query<{ action: string }>(
            `SELECT action FROM audit_log WHERE tenant_id = $1 AND action = 'export.offers'`,
            [w.tenant.id],
          )
        ).rows,
    );
    assert.equal(audited.length, 1);
    assert.equal((await w.member.get(`${w.base}/offers/export.csv`)).status, 403);
  });

  it('gives agents a dashboard: structures and offers by state, to moderate, overdue, a map of structures', async () => {
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`UPDATE organization SET lat = $2, lng = $3 WHERE id = $1`, [
        w.orgA,
        w.communes[0]!.lat,
        w.communes[0]!.lng,
      ]),
    );
    const submitted = await makeOffer(api.owner, w.tenant, w.orgB, { status: 'submitted' });
    const res = await w.agent.get(`${w.base}/dashboard`);
    assert.equal(res.status, 200);
    assert.ok(res.body.organizations.validated >= 2);
    assert.equal(typeof res.body.organizations.pending, 'number');
    assert.ok(res.body.offers.submitted >= 1);
    assert.equal(typeof res.body.offers.archived, 'number');
    assert.ok(res.body.toModerate >= 1);
    assert.ok(
      res.body.organizationsMap.some(
        (p: { id: string; status: string }) => p.id === w.orgA && p.status === 'validated',
      ),
    );
    assert.ok(!res.body.organizationsMap.some((p: { id: string }) => p.id === w.orgB), 'no coordinates, no point');

    // The queue, filtered by structure and theme.
    const byOrg = await w.agent.get(`${w.base}/moderation/offers?status=submitted&organization=${w.orgB}`);
    assert.deepEqual(
      byOrg.body.items.map((i: { id: string }) => i.id),
      [submitted],
    );
    assert.equal(byOrg.body.total, 1);
    assert.equal(
      (await w.agent.get(`${w.base}/moderation/offers?organization=${w.orgB}&theme=mobilite`)).body.total,
      0,
    );
    assert.equal(
      (await w.agent.get(`${w.base}/moderation/offers?organization=${w.orgB}&theme=remobilisation`)).body.total,
      1,
    );
    const drafts = await w.agent.get(`${w.base}/moderation/offers?status=draft&organization=${w.orgA}`);
    assert.ok(drafts.body.items.every((i: { status: string }) => i.status === 'draft'));
    assert.equal((await w.agent.get(`${w.base}/moderation/offers?page=50`)).body.items.length, 0);
  });

  it('keeps booked sessions: never removed, never below their bookings', async () => {
    const created = await w.member.post(`${w.base}/offers`, offerBody(w));
    const id = created.body.id as string;
    const session = created.body.sessions[0] as { id: string; startsAt: string };
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`UPDATE offer_session SET booked = 3 WHERE id = $1`, [session.id]),
    );

    const removed = await w.member.patch(`${w.base}/offers/${id}`, { sessions: [] });
    assert.equal(removed.status, 409);
    assert.equal(removed.body.code, 'session_in_use');
    const shrunk = await w.member.patch(`${w.base}/offers/${id}`, {
      sessions: [{ id: session.id, startsAt: session.startsAt, capacity: 2 }],
    });
    assert.equal(shrunk.status, 400);
    assert.equal(shrunk.body.parameter, 'sessions.0.capacity');

    const later = new Date(Date.now() + 30 * 86400_000).toISOString();
    const kept = await w.member.patch(`${w.base}/offers/${id}`, {
      sessions: [
        { id: session.id, startsAt: session.startsAt, capacity: 5 },
        { startsAt: later, endsAt: later, capacity: 8 },
      ],
    });
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    const byId = new Map(
      (kept.body.sessions as { id: string; placesLeft: number; capacity: number }[]).map((s) => [s.id, s]),
    );
    assert.equal(byId.get(session.id)?.placesLeft, 2, 'bookings kept');
    assert.equal(kept.body.sessions.length, 2);
  });

  /** A member's offer, submitted and published by the agent (moderation before publication). */
  const published = async (body: object) => {
    const created = await w.member.post(`${w.base}/offers`, body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    assert.equal((await w.member.post(`${w.base}/offers/${id}/submit`)).status, 200);
    const done = await w.agent.post(`${w.base}/offers/${id}/publish`);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    return done.body as { id: string; sessions: { id: string; startsAt: string; capacity: number }[] };
  };
  const publicGet = (id: string) => api.t.http.get(`${w.base}/offers/${id}`);

  it('gives seats automatically with a 24-hour cancellation cut-off unless the structure says otherwise', async () => {
    const created = await w.member.post(`${w.base}/offers`, offerBody(w));
    assert.equal(created.body.seatAllocation, 'automatic');
    assert.equal(created.body.cancellationCutoffHours, 24);
    const { rows } = await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`SELECT seat_allocation, cancellation_cutoff_hours FROM offer WHERE id = $1`, [created.body.id]),
    );
    assert.deepEqual(rows[0], { seat_allocation: 'automatic', cancellation_cutoff_hours: 24 });
  });

  it('lets a member choose how seats are given and the cut-off: public once published, revised and logged like any content', async () => {
    const offer = await published({ ...offerBody(w), seatAllocation: 'review', cancellationCutoffHours: 48 });
    const seen = await publicGet(offer.id);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.seatAllocation, 'review');
    assert.equal(seen.body.cancellationCutoffHours, 48);

    // A published offer changes through its revision: the public keeps what was published.
    const revised = await w.member.patch(`${w.base}/offers/${offer.id}`, {
      seatAllocation: 'automatic',
      cancellationCutoffHours: 0,
    });
    assert.equal(revised.status, 200, JSON.stringify(revised.body));
    assert.equal(revised.body.seatAllocation, 'review');
    assert.equal(revised.body.revision.offer.seatAllocation, 'automatic');
    assert.equal(revised.body.revision.offer.cancellationCutoffHours, 0);
    assert.equal((await publicGet(offer.id)).body.seatAllocation, 'review');
    const history = (await w.member.get(`${w.base}/offers/${offer.id}/history`)).body as {
      action: string;
      changedFields: string[];
      onRevision: boolean;
    }[];
    assert.deepEqual(history[0], {
      ...history[0],
      action: 'edited',
      changedFields: ['seatAllocation', 'cancellationCutoffHours'],
      onRevision: true,
    });

    assert.equal((await w.member.post(`${w.base}/offers/${offer.id}/submit`)).status, 200);
    assert.equal((await w.agent.post(`${w.base}/offers/${offer.id}/publish`)).status, 200);
    const after = await publicGet(offer.id);
    assert.equal(after.body.seatAllocation, 'automatic');
    assert.equal(after.body.cancellationCutoffHours, 0);
    const applied = (await w.member.get(`${w.base}/offers/${offer.id}/history`)).body as {
      action: string;
      changedFields: string[];
    }[];
    assert.equal(applied[0]!.action, 'published');
    assert.deepEqual(applied[0]!.changedFields, ['seatAllocation', 'cancellationCutoffHours']);
  });

  it('reads a revision saved before offers had registration settings with the offer’s own', async () => {
    const offer = await published({ ...offerBody(w), seatAllocation: 'review', cancellationCutoffHours: 72 });
    assert.equal((await w.member.patch(`${w.base}/offers/${offer.id}`, { title: 'Atelier révisé' })).status, 200);
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(
        `UPDATE offer_revision SET data = data - 'seatAllocation' - 'cancellationCutoffHours' WHERE offer_id = $1`,
        [offer.id],
      ),
    );
    const read = await w.member.get(`${w.base}/offers/${offer.id}`);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.revision.offer.seatAllocation, 'review');
    assert.equal(read.body.revision.offer.cancellationCutoffHours, 72);
    assert.equal((await w.member.post(`${w.base}/offers/${offer.id}/submit`)).status, 200);
    const applied = await w.agent.post(`${w.base}/offers/${offer.id}/publish`);
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal((await publicGet(offer.id)).body.title, 'Atelier révisé');
    assert.equal((await publicGet(offer.id)).body.cancellationCutoffHours, 72);
  });

  it('shows each session’s wait list, to the public and to the back office', async () => {
    const offer = await published(offerBody(w));
    const session = offer.sessions[0]!;
    assert.equal((await publicGet(offer.id)).body.sessions[0].waitlist, 0);
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(`UPDATE offer_session SET booked = capacity, waitlisted = 3 WHERE id = $1`, [session.id]),
    );
    const seen = (await publicGet(offer.id)).body.sessions[0];
    assert.deepEqual(seen, { ...seen, id: session.id, placesLeft: 0, waitlist: 3 });
    const backOffice = (await w.member.get(`${w.base}/offers/${offer.id}`)).body.sessions[0];
    assert.deepEqual(backOffice, { ...backOffice, id: session.id, placesLeft: 0, waitlist: 3 });
    // Read-only in an edit: what the web read may be sent back.
    const sentBack = await w.member.patch(`${w.base}/offers/${offer.id}`, { sessions: [backOffice] });
    assert.equal(sentBack.status, 200, JSON.stringify(sentBack.body));
  });

  it('never removes a session that has registrations, whatever their state (409, not a 500)', async () => {
    const created = await w.member.post(`${w.base}/offers`, offerBody(w));
    const id = created.body.id as string;
    const session = created.body.sessions[0] as { id: string; startsAt: string; capacity: number };
    // A cancelled registration holds no seat (booked stays 0) but still names the session.
    await inTenantTransaction(api.owner, w.tenant.id, async () => {
      const { rows } = await api.owner.query<{ id: string }>(
        `INSERT INTO registration_person (tenant_id, first_name, last_name) VALUES ($1, 'Alex', 'Martin') RETURNING id`,
        [w.tenant.id],
      );
      await api.owner.query(
        `INSERT INTO registration (tenant_id, offer_id, session_id, person_id, channel, status, cancelled_by)
         VALUES ($1, $2, $3, $4, 'self', 'cancelled', 'person')`,
        [w.tenant.id, id, session.id, rows[0]!.id],
      );
    });

    const removed = await w.member.patch(`${w.base}/offers/${id}`, { sessions: [] });
    assert.equal(removed.status, 409, JSON.stringify(removed.body));
    assert.equal(removed.body.code, 'session_in_use');
    const replaced = await w.member.patch(`${w.base}/offers/${id}`, {
      sessions: [{ startsAt: session.startsAt, capacity: session.capacity }],
    });
    assert.equal(replaced.status, 409, 'the same session without its id is another one');
    const read = await w.member.get(`${w.base}/offers/${id}`);
    assert.deepEqual(
      read.body.sessions.map((s: { id: string }) => s.id),
      [session.id],
    );
    // Kept, it may still change (a capacity at or above its bookings).
    const moved = await w.member.patch(`${w.base}/offers/${id}`, {
      sessions: [{ id: session.id, startsAt: session.startsAt, capacity: 3 }],
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.sessions[0].capacity, 3);
  });
});
