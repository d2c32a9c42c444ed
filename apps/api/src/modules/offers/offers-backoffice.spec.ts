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
});
