import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { DEMO_TENANTS, isValidSiret } from '@catalogue/domain';
import { REGISTRATION_STATUSES } from '@catalogue/contracts';
import { connect, testUrls } from '../testing/test-database.js';
import { demoSiret, loadDemoData, parisTime, readDemoFile } from './demo-loader.js';
import { DemoFileError, parseDemoFile } from './demo-file.js';
import { setTransactionTenant } from '../common/tenancy/transaction-tenant.js';
import { inTenantTransaction } from '../database/catalogue-writer.js';
import { demoEmail, ensureDemoAccounts } from './demo-accounts.js';
import { DEMO_PERSON_DOMAIN, DEMO_PHONE_PREFIX } from '../modules/registrations/registrations-demo.js';
import { phoneKey } from '../modules/registrations/registrations.service.js';

describe('demo data', () => {
  let owner: pg.Client;

  before(async () => {
    owner = await connect('owner');
  });
  after(async () => owner.end());

  it('every demo file passes the format and reference checks', () => {
    for (const t of DEMO_TENANTS) assert.doesNotThrow(() => readDemoFile(t.slug), t.slug);
  });

  it('refuses a broken file listing every problem', () => {
    const file = structuredClone(readDemoFile('drome')) as unknown as {
      offers: {
        themes: string[];
        places: { communeInsee: string }[];
        seatAllocation?: string;
        cancellationCutoffHours?: number;
      }[];
    };
    file.offers[0]!.themes = ['teleportation'];
    file.offers[1]!.places = [{ communeInsee: '75056' } as never];
    file.offers[2]!.seatAllocation = 'lottery';
    file.offers[3]!.cancellationCutoffHours = 1000;
    (file.offers as unknown as { sessions: object[] }[])[4]!.sessions = [
      { startInDays: 3, durationDays: 0, startTime: '14:00', endTime: '9:30', capacity: 8, booked: 0 },
    ];
    assert.throws(
      () => parseDemoFile(file, 'drome'),
      (e: unknown) =>
        e instanceof DemoFileError &&
        e.problems.length >= 4 &&
        /teleportation/.test(e.message) &&
        /75056/.test(e.message) &&
        /seatAllocation lottery/.test(e.message) &&
        /cancellationCutoffHours/.test(e.message) &&
        /endTime must read HH:MM/.test(e.message),
    );
  });

  it('places sessions at their hours in Paris, summer and winter', () => {
    assert.equal(parisTime(new Date('2027-01-15T22:30:00Z'), 3, '09:30').toISOString(), '2027-01-18T08:30:00.000Z');
    // 23:30 UTC on 15 July is already the 16th in Paris.
    assert.equal(parisTime(new Date('2027-07-15T23:30:00Z'), 0, '14:00').toISOString(), '2027-07-16T12:00:00.000Z');
    // Across the change to summer time (28 March 2027).
    assert.equal(parisTime(new Date('2027-03-27T10:00:00Z'), 2, '09:00').toISOString(), '2027-03-29T07:00:00.000Z');
  });

  it('gives demo structures stable, valid SIRETs', () => {
    assert.equal(demoSiret('26', 'garage'), demoSiret('26', 'garage'));
    assert.notEqual(demoSiret('26', 'garage'), demoSiret('38', 'garage'));
    for (const k of ['a', 'b', 'garage-solidaire', 'mission-locale']) assert.ok(isValidSiret(demoSiret('26', k)));
  });

  it('loads each tenant with ≥ 60 published offers from ≥ 20 structures, idempotently', async () => {
    const first = await loadDemoData(testUrls().ownerUrl);
    const count = async () => {
      const out: Record<
        string,
        { offers: number; orgs: number; selfReg: number; sessions: number; places: number; badCoords: number }
      > = {};
      for (const t of DEMO_TENANTS) {
        await owner.query('BEGIN');
        const {
          rows: [tenant],
        } = await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, [t.slug]);
        await setTransactionTenant(owner, tenant!.id);
        const {
          rows: [r],
        } = await owner.query(
          `SELECT (SELECT count(*) FROM offer WHERE status = 'published')::int AS offers,
                  (SELECT count(DISTINCT organization_id) FROM offer WHERE status = 'published')::int AS orgs,
                  (SELECT count(*) FROM offer WHERE access = 'self_registration')::int AS "selfReg",
                  (SELECT count(*) FROM offer_session)::int AS sessions,
                  (SELECT count(*) FROM offer_place)::int AS places,
                  (SELECT count(*) FROM offer_place p JOIN commune c ON c.insee = p.commune_insee
                    WHERE c.departement <> $1 OR p.lat <> c.lat OR p.lng <> c.lng)::int AS "badCoords"`,
          [t.code],
        );
        await owner.query('COMMIT');
        out[t.slug] = r;
      }
      return out;
    };
    const before = await count();
    for (const t of DEMO_TENANTS) {
      const c = before[t.slug]!;
      assert.equal(c.offers, first[t.slug]);
      assert.ok(c.offers >= 60, `${t.slug}: ${c.offers} offers`);
      assert.ok(c.orgs >= 20, `${t.slug}: ${c.orgs} structures`);
      assert.ok(c.selfReg >= 10 && c.sessions >= 20, `${t.slug}: self-registration and sessions`);
      assert.equal(c.badCoords, 0, `${t.slug}: places must sit in real communes of the département`);
    }
    await loadDemoData(testUrls().ownerUrl);
    assert.deepEqual(await count(), before);
  });
  /** One département's demo registrations, as counts (read in its own transaction, under RLS). */
  async function registrations(slug: string) {
    const tenantId = (await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, [slug])).rows[0]!.id;
    return inTenantTransaction(owner, tenantId, async () => {
      const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
        (await owner.query<T>(sql, params)).rows[0]!;
      const statuses = async (where: string, params: unknown[]) =>
        Object.fromEntries(
          (
            await owner.query<{ status: string; n: number }>(
              `SELECT r.status, count(*)::int AS n FROM registration r
                 JOIN registration_person p ON p.id = r.person_id
                 JOIN offer o ON o.id = r.offer_id
                WHERE ${where} GROUP BY r.status ORDER BY r.status`,
              params,
            )
          ).rows.map((r) => [r.status, r.n]),
        ) as Record<string, number>;
      const user = async (kind: 'structure' | 'referent' | 'beneficiaire') =>
        (await one<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [demoEmail(kind, slug)])).id;
      const [beneficiary, referent, partner] = [
        await user('beneficiaire'),
        await user('referent'),
        await user('structure'),
      ];
      const structure = (
        await one<{ organization_id: string }>(
          `SELECT organization_id FROM membership WHERE user_id = $1 AND role = 'structure_admin'`,
          [partner],
        )
      ).organization_id;
      // The demo's own people: the invented ones and the demo beneficiary.
      const demoPeople = [`%@${DEMO_PERSON_DOMAIN}`, beneficiary, `${phoneKey(DEMO_PHONE_PREFIX)}%`];
      return {
        demo: await statuses(
          `(p.email LIKE $1 OR p.phone_key LIKE $3 OR p.user_id = $2) AND o.source_key IS NOT NULL`,
          demoPeople,
        ),
        people: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM registration_person p WHERE p.email LIKE $1 OR p.phone_key LIKE $3 OR p.user_id = $2`,
            demoPeople,
          )
        ).n,
        events: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM registration_event e JOIN registration r ON r.id = e.registration_id
               JOIN registration_person p ON p.id = r.person_id WHERE p.email LIKE $1 OR p.phone_key LIKE $3 OR p.user_id = $2`,
            demoPeople,
          )
        ).n,
        beneficiary: await statuses(`p.user_id = $1 AND r.channel = 'self'`, [beneficiary]),
        waitlistPosition: (
          await one<{ position: number | null }>(
            `SELECT (SELECT count(*)::int FROM registration w WHERE w.session_id = r.session_id AND w.status = 'waitlisted'
                       AND (w.waitlisted_at, w.id) <= (r.waitlisted_at, r.id)) AS position
               FROM registration r JOIN registration_person p ON p.id = r.person_id
              WHERE p.user_id = $1 AND r.status = 'waitlisted'`,
            [beneficiary],
          )
        ).position,
        prescribed: await statuses(`r.referent_id = $1 AND r.channel = 'prescription'`, [referent]),
        consentMissing: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM registration WHERE referent_id = $1
                AND (consent_how IS NULL OR consent_at IS NULL OR consent_by IS DISTINCT FROM referent_id)`,
            [referent],
          )
        ).n,
        inbox: await statuses(`o.organization_id = $1`, [structure]),
        inboxRefusalReasons: (
          await one<{ n: number }>(
            `SELECT count(DISTINCT r.refusal_reason)::int AS n FROM registration r JOIN offer o ON o.id = r.offer_id
              WHERE o.organization_id = $1 AND r.status = 'refused'`,
            [structure],
          )
        ).n,
        // A full session of the structure to come, with its wait list; a past one with its attendance.
        fullWithWaitlist: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM offer_session s JOIN offer o ON o.id = s.offer_id
              WHERE o.organization_id = $1 AND s.starts_at > now() AND s.booked = s.capacity AND s.waitlisted >= 3`,
            [structure],
          )
        ).n,
        pastWithAttendance: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM offer_session s JOIN offer o ON o.id = s.offer_id
              WHERE o.organization_id = $1 AND s.ends_at < now()
                AND (SELECT count(DISTINCT r.attendance) FROM registration r WHERE r.session_id = s.id) = 3
                AND EXISTS (SELECT 1 FROM registration r WHERE r.session_id = s.id AND r.outcome IS NOT NULL)`,
            [structure],
          )
        ).n,
        // Offers a visitor can register to now: open to self-registration, a session to come with a seat left.
        openToTry: (
          await one<{ n: number }>(
            `SELECT count(DISTINCT o.id)::int AS n FROM offer o JOIN offer_session s ON s.offer_id = o.id
              WHERE o.access = 'self_registration' AND o.status = 'published'
                AND s.starts_at BETWEEN now() + interval '2 days' AND now() + interval '45 days' AND s.booked < s.capacity`,
          )
        ).n,
        // The rules: counters equal to the rows, one history line per transition, nothing the jobs expire at once.
        wrongCounters: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM offer_session s
              WHERE s.booked <> (SELECT count(*) FROM registration r WHERE r.session_id = s.id 
                                 AND r.status IN ('accepted', 'attended', 'absent', 'completed', 'dropped_out') AND r.cancelled_by IS NULL)
                 OR s.waitlisted <> (SELECT count(*) FROM registration r WHERE r.session_id = s.id AND r.status = 'waitlisted')`,
          )
        ).n,
        brokenHistories: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM registration r JOIN registration_person p ON p.id = r.person_id
              WHERE (p.email LIKE $1 OR p.phone_key LIKE $3 OR p.user_id = $2) AND (
                   NOT EXISTS (SELECT 1 FROM registration_event e WHERE e.registration_id = r.id)
                OR (SELECT e.to_status FROM registration_event e WHERE e.registration_id = r.id ORDER BY e.at DESC, e.id DESC LIMIT 1) <> r.status
                OR EXISTS (SELECT 1 FROM (SELECT e.from_status, lag(e.to_status) OVER (ORDER BY e.at, e.id) AS before
                                            FROM registration_event e WHERE e.registration_id = r.id) h
                            WHERE h.from_status IS DISTINCT FROM h.before))`,
            demoPeople,
          )
        ).n,
        undecided: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM registration r JOIN registration_person p ON p.id = r.person_id
              WHERE (p.email LIKE $1 OR p.phone_key LIKE $3 OR p.user_id = $2)
                AND ((r.status = 'refused' AND r.decided_at IS NULL)
                  OR (r.status IN ('attended', 'absent', 'completed', 'dropped_out') AND r.attendance IS NULL))`,
            demoPeople,
          )
        ).n,
        dueToExpire: (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM registration r JOIN registration_person p ON p.id = r.person_id
               LEFT JOIN offer_session s ON s.id = r.session_id
              WHERE (p.email LIKE $1 OR p.phone_key LIKE $3 OR p.user_id = $2)
                AND ((r.status = 'pending' AND r.created_at < now() - interval '29 days')
                  OR (r.status IN ('pending', 'waitlisted') AND s.starts_at <= now() + interval '1 day')
                  -- reminders the jobs would have sent already: marked sent, no burst of emails at start
                  OR (r.status = 'pending' AND r.created_at < now() - interval '7 days' AND r.pending_reminded_at IS NULL)
                  OR (r.status = 'accepted' AND s.starts_at BETWEEN now() AND now() + interval '48 hours'
                      AND r.session_reminded_at IS NULL))`,
            demoPeople,
          )
        ).n,
      };
    });
  }

  it('gives each département registrations in every state, counters equal to the rows, a history per transition', async () => {
    for (const { slug } of DEMO_TENANTS) {
      const r = await registrations(slug);
      for (const status of REGISTRATION_STATUSES) assert.ok(r.demo[status]! > 0, `${slug}: a ${status} registration`);
      assert.equal(r.wrongCounters, 0, `${slug}: sessions whose counters differ from their registrations`);
      assert.equal(r.brokenHistories, 0, `${slug}: registrations whose history does not lead to their state`);
      assert.equal(r.undecided, 0, `${slug}: refused without decision time, or attendance not kept`);
      assert.equal(r.dueToExpire, 0, `${slug}: registrations the jobs would expire or remind of at once`);
      // The beneficiary's own: accepted, waiting (with a position), pending, cancelled, and a past one completed.
      for (const status of ['accepted', 'waitlisted', 'pending', 'cancelled', 'completed'])
        assert.equal(r.beneficiary[status], 1, `${slug}: the beneficiary's ${status} registration`);
      assert.ok(r.waitlistPosition! >= 2, `${slug}: the beneficiary waits behind others`);
      // The referent's prescriptions, each with the consent recorded, in most states.
      assert.ok(Object.keys(r.prescribed).length >= 8, `${slug}: prescriptions in ${Object.keys(r.prescribed)}`);
      assert.equal(r.consentMissing, 0, `${slug}: prescriptions without consent`);
      // The demo structure's inbox.
      assert.ok(r.inbox.pending! >= 4, `${slug}: pending registrations in the inbox`);
      assert.ok(r.inboxRefusalReasons >= 3, `${slug}: refusals with their reasons`);
      assert.ok(r.fullWithWaitlist >= 1, `${slug}: a full session with a wait list of 3 or more`);
      assert.ok(r.pastWithAttendance >= 1, `${slug}: a past session with present, absent, excused and outcomes`);
      assert.ok(r.openToTry >= 5, `${slug}: offers a visitor can register to`);
    }
  });

  it('writes the registrations once: a restart adds none, a reload writes the same again', async () => {
    const snapshot = async () => {
      const out: Record<string, object> = {};
      for (const { slug } of DEMO_TENANTS) {
        const { demo, people, events } = await registrations(slug);
        out[slug] = { demo, people, events };
      }
      return out;
    };
    const before = await snapshot();
    await ensureDemoAccounts(testUrls().ownerUrl);
    assert.deepEqual(await snapshot(), before);
    await loadDemoData(testUrls().ownerUrl);
    assert.deepEqual(await snapshot(), before);
  });
});
