// The demo's registrations (`npm start`, never in production): the one writer of the registration
// tables outside the running app, with a bare pg client in the demo loader's transaction (whose
// tenant is set). The demo describes each registration as steps (registrations-demo-replay.ts);
// they are replayed through the state machine, then written in a few statements with their people
// and history, and the sessions they touch get the counters of their rows.
import { randomUUID } from 'node:crypto';
import { TENANT_DELAYS, type RegistrationStatus } from '@catalogue/contracts';
import type { Queryable } from '../../database/catalogue-writer.js';
import { setSeatCounters } from '../sessions/sessions-demo.js';
import { SESSION_REMINDER_HOURS } from './registration-jobs.js';
import {
  DemoRegistrationError,
  replayDemoRegistrations,
  SEAT_STATUSES,
  type DemoOfferFacts,
  type DemoPerson,
  type DemoRegistration,
  type DemoSessionFacts,
} from './registrations-demo-replay.js';
import { phoneKey } from './registrations.service.js';

export * from './registrations-demo-replay.js';

/** The domain of the demo's invented people (never an account): how a reload finds them again. */
export const DEMO_PERSON_DOMAIN = 'fictif.demo.local';
/** The French range kept for fiction (ARCEP): the demo's invented mobiles, `06 39 98 xx xx`. */
export const DEMO_PHONE_PREFIX = '06 39 98';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The registrations whose seat counts in the session's `booked` (one cancelled late freed it). */
const SEAT_HOLDING_SQL = `(status IN (${SEAT_STATUSES.map((s) => `'${s}'`).join(', ')}) AND cancelled_by IS NULL)`;

/** Seats taken and people waiting per session of the tenant, by registrations already written. */
export async function registeredSeats(
  db: Queryable,
  tenantId: string,
): Promise<Map<string, { booked: number; waitlisted: number }>> {
  const { rows } = await db.query<{ session_id: string; booked: number; waitlisted: number }>(
    `SELECT session_id, count(*) FILTER (WHERE ${SEAT_HOLDING_SQL})::int AS booked,
            count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
       FROM registration WHERE tenant_id = $1 AND session_id IS NOT NULL GROUP BY session_id`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.session_id, { booked: r.booked, waitlisted: r.waitlisted }]));
}

/** Whether the demo's registrations are already written in this tenant (a restart adds nothing). */
export async function hasDemoRegistrations(db: Queryable, tenantId: string): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM registration_person WHERE tenant_id = $1 AND email LIKE $2) AS found`,
    [tenantId, `%@${DEMO_PERSON_DOMAIN}`],
  );
  return rows[0]!.found;
}

/**
 * Before the demo loader replaces these offers' sessions (a reload): removes the registrations to
 * them, whoever made them (their sessions go), and the demo's invented people with all theirs.
 */
export async function clearDemoRegistrations(db: Queryable, tenantId: string, offerIds: string[]): Promise<void> {
  await db.query(
    `DELETE FROM registration WHERE tenant_id = $1 AND session_id IN (
       SELECT id FROM offer_session WHERE tenant_id = $1 AND offer_id = ANY($2::uuid[]))`,
    [tenantId, offerIds],
  );
  await db.query(`DELETE FROM registration_person WHERE tenant_id = $1 AND (email LIKE $2 OR phone_key LIKE $3)`, [
    tenantId,
    `%@${DEMO_PERSON_DOMAIN}`,
    `${phoneKey(DEMO_PHONE_PREFIX)}%`,
  ]);
}

/**
 * Writes the demo's registrations of one tenant (replayed as above) with their people and
 * history, and sets the counters of the sessions they touch. The reminders the jobs would have
 * sent before `now` are marked sent (no burst of emails at the first start). Returns each
 * registration's final state, in the order given.
 */
export async function writeDemoRegistrations(
  db: Queryable,
  tenantId: string,
  registrations: DemoRegistration[],
  offers: ReadonlyMap<string, DemoOfferFacts>,
  sessions: ReadonlyMap<string, DemoSessionFacts>,
  now: Date,
): Promise<RegistrationStatus[]> {
  const { rows, events, seats } = replayDemoRegistrations(registrations, offers, sessions);
  const unexpected = registrations.flatMap((r, i) =>
    r.expect && r.expect !== rows[i]!.status
      ? [`${r.person.firstName} ${r.person.lastName}: ${rows[i]!.status} instead of ${r.expect}`]
      : [],
  );
  if (unexpected.length) throw new DemoRegistrationError(`demo registrations: ${unexpected.join('; ')}`);
  const { rows: delays } = await db.query<{ days: number }>(
    `SELECT registration_reminder_days AS days FROM tenant WHERE id = $1`,
    [tenantId],
  );
  const reminderDays = delays[0]?.days ?? TENANT_DELAYS.registrationReminderDays.default;
  const before = (t: number) => (t <= now.getTime() ? new Date(t) : null);
  const reminders = registrations.map((r, i) => {
    const row = rows[i]!;
    const start = r.sessionId ? sessions.get(r.sessionId)!.startsAt.getTime() : null;
    return {
      pending: row.status === 'pending' ? before(row.createdAt.getTime() + reminderDays * DAY) : null,
      session:
        start !== null && row.seatAt && row.cancelledBy === null && SEAT_STATUSES.includes(row.status!)
          ? before(Math.max(row.seatAt.getTime(), start - SESSION_REMINDER_HOURS * HOUR))
          : null,
    };
  });

  // People: one row each; a demo account's person is the one the app made or will make for it.
  const people = new Map<DemoPerson, { id: string; first: Date; last: Date; createdBy: string | null }>();
  registrations.forEach((r, i) => {
    const row = rows[i]!;
    const known = people.get(r.person);
    if (known) {
      if (row.createdAt < known.first) known.first = row.createdAt;
      if (row.updatedAt > known.last) known.last = row.updatedAt;
    } else
      people.set(r.person, {
        id: randomUUID(),
        first: row.createdAt,
        last: row.updatedAt,
        createdBy: r.referent?.userId ?? r.person.userId,
      });
  });
  for (const [p, meta] of people) {
    if (!p.userId) continue;
    const { rows: found } = await db.query<{ id: string }>(
      `INSERT INTO registration_person (tenant_id, user_id, first_name, last_name, email, created_by, created_at, last_activity_at)
       VALUES ($1, $2, $3, $4, $5, $2, $6, $7)
       ON CONFLICT (tenant_id, user_id) WHERE user_id IS NOT NULL
       DO UPDATE SET last_activity_at = greatest(registration_person.last_activity_at, EXCLUDED.last_activity_at)
       RETURNING id`,
      [tenantId, p.userId, p.firstName, p.lastName, p.email, meta.first, meta.last],
    );
    meta.id = found[0]!.id;
  }
  const invented = [...people].filter(([p]) => !p.userId);
  if (invented.length)
    await db.query(
      `INSERT INTO registration_person (id, tenant_id, first_name, last_name, email, phone, phone_key, commune_insee,
                                        situation, age_band, sex, created_by, created_at, last_activity_at)
       SELECT id, $1, first_name, last_name, email, phone, phone_key, commune_insee, situation, age_band, sex,
              created_by, created_at, last_activity_at
         FROM json_to_recordset($2::json) AS t(id uuid, first_name text, last_name text, email text, phone text,
              phone_key text, commune_insee text, situation text, age_band text, sex text, created_by uuid,
              created_at timestamptz, last_activity_at timestamptz)`,
      [
        tenantId,
        JSON.stringify(
          invented.map(([p, meta]) => ({
            id: meta.id,
            first_name: p.firstName,
            last_name: p.lastName,
            email: p.email,
            phone: p.phone,
            phone_key: p.phone ? phoneKey(p.phone) : null,
            commune_insee: p.communeInsee,
            situation: p.situation,
            age_band: p.ageBand,
            sex: p.sex,
            created_by: meta.createdBy,
            created_at: meta.first,
            last_activity_at: meta.last,
          })),
        ),
      ],
    );

  if (rows.length)
    await db.query(
      `INSERT INTO registration (id, tenant_id, offer_id, session_id, person_id, channel, referent_id, referent_organization_id,
                                 status, waitlisted_at, message, consent_how, consent_by, consent_at, refusal_reason,
                                 refusal_message, cancelled_by, excused, attendance, outcome, promoted, decided_at, pending_reminded_at,
                                 session_reminded_at, created_at, updated_at)
       SELECT id, $1, offer_id, session_id, person_id, channel, referent_id, referent_organization_id, status, waitlisted_at,
              message, consent_how, consent_by, consent_at, refusal_reason, refusal_message, cancelled_by, excused, attendance, outcome,
              promoted, decided_at, pending_reminded_at, session_reminded_at, created_at, updated_at
         FROM json_to_recordset($2::json) AS t(id uuid, offer_id uuid, session_id uuid, person_id uuid, channel text,
              referent_id uuid, referent_organization_id uuid, status text, waitlisted_at timestamptz, message text,
              consent_how text, consent_by uuid, consent_at timestamptz, refusal_reason text, refusal_message text,
              cancelled_by text, excused boolean, attendance text, outcome text, promoted boolean, decided_at timestamptz,
              pending_reminded_at timestamptz, session_reminded_at timestamptz, created_at timestamptz, updated_at timestamptz)`,
      [
        tenantId,
        JSON.stringify(
          registrations.map((r, i) => {
            const row = rows[i]!;
            return {
              id: row.id,
              offer_id: r.offerId,
              session_id: r.sessionId,
              person_id: people.get(r.person)!.id,
              channel: r.referent ? 'prescription' : 'self',
              referent_id: r.referent?.userId ?? null,
              referent_organization_id: r.referent?.organizationId ?? null,
              status: row.status,
              waitlisted_at: row.waitlistedAt,
              message: r.message ?? null,
              consent_how: r.referent?.consent ?? null,
              consent_by: r.referent?.userId ?? null,
              consent_at: r.referent ? row.createdAt : null,
              refusal_reason: row.refusalReason,
              refusal_message: row.refusalMessage,
              cancelled_by: row.cancelledBy,
              excused: row.excused,
              attendance: row.attendance,
              outcome: row.outcome,
              promoted: row.promoted,
              decided_at: row.decidedAt,
              pending_reminded_at: reminders[i]!.pending,
              session_reminded_at: reminders[i]!.session,
              created_at: row.createdAt,
              updated_at: row.updatedAt,
            };
          }),
        ),
      ],
    );

  if (events.length)
    await db.query(
      `INSERT INTO registration_event (tenant_id, registration_id, at, actor_id, actor_kind, event, from_status, to_status, detail)
       SELECT $1, registration_id, at, actor_id, actor_kind, event, from_status, to_status, detail
         FROM json_to_recordset($2::json) AS t(registration_id uuid, at timestamptz, actor_id uuid, actor_kind text,
              event text, from_status text, to_status text, detail text, n int)
        ORDER BY at, n`,
      [
        tenantId,
        JSON.stringify(
          events.map((e, n) => ({
            registration_id: e.registrationId,
            at: e.at,
            actor_id: e.actorId,
            actor_kind: e.actorKind,
            event: e.event,
            from_status: e.from,
            to_status: e.to,
            detail: e.detail,
            n,
          })),
        ),
      ],
    );

  await setSeatCounters(
    db,
    tenantId,
    [...seats].map(([id, s]) => ({ id, ...s })),
  );
  return rows.map((r) => r.status!);
}
