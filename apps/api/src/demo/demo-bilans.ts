// The demo's funded actions as they ran: each running agreement's offer gets three past sessions
// within the agreement's period, with invented people who were accepted, came (or not) and left
// with an outcome, so that its bilan has real figures to prefill. Written once (a restart adds
// nothing), through the registrations module's demo writer (every step replayed by the state
// machine), in the caller's transaction (tenant set).
import type { RegistrationOutcome } from '@catalogue/contracts';
import type { Queryable } from '../database/catalogue-writer.js';
import {
  writeDemoRegistrations,
  type DemoRegistration,
  type DemoStep,
} from '../modules/registrations/registrations-demo.js';
import { inventPerson, nearOffers, rng } from './demo-people.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface FundedOffer {
  agreement_id: string;
  offer_id: string;
  starts_on: string;
  ends_on: string;
  access: 'prescription' | 'self_registration' | 'open';
  seat_allocation: 'automatic' | 'review';
  cancellation_cutoff_hours: number;
  audiences: string[];
  commune: string | null;
  epci: string | null;
  structure_user: string | null;
}

/** Sessions of the action at these fractions of its period (all in the past for a running agreement). */
const SESSION_AT = [0.2, 0.5, 0.8] as const;
const CAPACITY = 12;

export async function ensureDemoActionActivity(
  db: Queryable,
  tenant: { id: string; code: string; slug: string },
  now = new Date(),
): Promise<number> {
  const { rows: funded } = await db.query<FundedOffer>(
    `SELECT a.id AS agreement_id, a.offer_id, a.starts_on::text, a.ends_on::text, o.access, o.seat_allocation,
            o.cancellation_cutoff_hours, o.audiences, c.insee AS commune, c.epci,
            (SELECT m.user_id FROM membership m WHERE m.tenant_id = a.tenant_id AND m.organization_id = a.organization_id
                AND m.status = 'active' ORDER BY m.created_at LIMIT 1) AS structure_user
       FROM agreement a
       JOIN offer o ON o.tenant_id = a.tenant_id AND o.id = a.offer_id
       JOIN organization org ON org.tenant_id = o.tenant_id AND org.id = o.organization_id
       LEFT JOIN commune c ON c.insee = coalesce(
         (SELECT p.commune_insee FROM offer_place p WHERE p.offer_id = o.id ORDER BY p.position LIMIT 1), org.commune_insee)
      WHERE a.tenant_id = $1 AND a.status IN ('running', 'closed') AND a.offer_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM offer_session s WHERE s.tenant_id = a.tenant_id AND s.offer_id = a.offer_id
                           AND s.starts_at >= a.starts_on AND s.starts_at < a.ends_on + 1)
      ORDER BY a.created_at, a.id`,
    [tenant.id],
  );
  if (!funded.length) return 0;
  const { rows: communes } = await db.query<{ insee: string; epci: string; population: number }>(
    `SELECT insee, epci, population FROM commune WHERE departement = $1 AND epci IS NOT NULL ORDER BY insee`,
    [tenant.code],
  );
  const near = nearOffers(communes);
  const { rows: referents } = await db.query<{ user_id: string; organization_id: string }>(
    `SELECT m.user_id, m.organization_id FROM membership m JOIN app_user u ON u.id = m.user_id
      WHERE m.tenant_id = $1 AND u.email = $2 AND m.status = 'active'`,
    [tenant.id, `referent.${tenant.slug}@demo.local`],
  );
  const referent = referents[0] ?? null;
  let written = 0;
  for (const f of funded) {
    const start = Date.parse(`${f.starts_on}T09:00:00Z`);
    const end = Date.parse(`${f.ends_on}T09:00:00Z`);
    const r = rng(`bilan-activity:${f.agreement_id}`);
    const sessions = new Map<string, { startsAt: Date; capacity: number; booked: number; waitlisted: number }>();
    for (const at of SESSION_AT) {
      const startsAt = new Date(start + Math.round(((end - start) * at) / DAY) * DAY);
      if (startsAt.getTime() + 90 * DAY > now.getTime()) continue; // outcomes need time to be known
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO offer_session (tenant_id, offer_id, starts_at, ends_at, capacity, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          tenant.id,
          f.offer_id,
          startsAt,
          new Date(startsAt.getTime() + 3 * HOUR),
          CAPACITY,
          new Date(startsAt.getTime() - 45 * DAY),
        ],
      );
      sessions.set(rows[0]!.id, { startsAt, capacity: CAPACITY, booked: 0, waitlisted: 0 });
    }
    const registrations: DemoRegistration[] = [];
    let n = 0;
    for (const [sessionId, s] of sessions) {
      const people = 9 + r.int(4);
      for (let i = 0; i < people; i++) {
        const person = inventPerson(
          { audiences: f.audiences, commune: f.commune, epci: f.epci },
          r,
          9000 + registrations.length,
          near,
        );
        n++;
        const prescribed = !!referent && (f.access === 'prescription' || r.next() < 0.6);
        const t0 = s.startsAt.getTime() - (20 + r.int(10)) * DAY;
        const steps: DemoStep[] = [{ kind: 'request', at: new Date(t0) }];
        const refused = i === people - 1 && r.next() < 0.7;
        if (refused) {
          if (f.seat_allocation === 'review')
            steps.push({ kind: 'refuse', reason: 'prerequisites_not_met', at: new Date(t0 + 2 * DAY) });
          else steps.push({ kind: 'cancel', by: 'person', at: new Date(t0 + 2 * DAY) });
        } else {
          if (f.seat_allocation === 'review') steps.push({ kind: 'accept', at: new Date(t0 + (1 + r.int(4)) * DAY) });
          const present = r.next() < 0.85;
          steps.push({
            kind: 'attendance',
            value: present ? 'present' : 'absent',
            at: new Date(s.startsAt.getTime() + 4 * HOUR),
          });
          if (present) {
            const outcome = r.weighted<Exclude<RegistrationOutcome, 'gave_up'> | 'gave_up_early'>({
              employment: 24,
              training: 20,
              other_insertion_action: 28,
              no_follow_up: 16,
              gave_up_early: 12,
            });
            steps.push(
              outcome === 'gave_up_early'
                ? {
                    kind: 'outcome',
                    status: 'dropped_out',
                    outcome: 'gave_up',
                    at: new Date(s.startsAt.getTime() + 20 * DAY),
                  }
                : { kind: 'outcome', status: 'completed', outcome, at: new Date(s.startsAt.getTime() + 60 * DAY) },
            );
          }
        }
        registrations.push({
          person,
          offerId: f.offer_id,
          sessionId,
          referent: prescribed
            ? { userId: referent.user_id, organizationId: referent.organization_id, consent: 'oral' }
            : null,
          structureActorId: f.structure_user,
          steps,
        });
      }
    }
    if (!registrations.length) continue;
    await writeDemoRegistrations(
      db,
      tenant.id,
      registrations,
      new Map([
        [f.offer_id, { seatAllocation: f.seat_allocation, cancellationCutoffHours: f.cancellation_cutoff_hours }],
      ]),
      sessions,
      now,
    );
    written += n;
  }
  return written;
}
