// The demo's funded actions as they ran, and their bilans: each running agreement's offer gets three past sessions
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
import type { TenantTransaction } from '../common/tenancy/tenant-transaction.js';
import { BilanFiguresRepository } from '../modules/bilans/bilan-figures.repository.js';
import { createDueBilans } from '../modules/bilans/bilan-jobs.js';
import { BilanScheduleRepository } from '../modules/bilans/bilan-schedule.repository.js';

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

/** The module's repositories run on the demo's connection (its transaction, tenant set) through this. */
function onConnection(db: Queryable, tenantId: string): TenantTransaction {
  return {
    manager: () => ({ query: async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows }),
    tenant: () => ({ id: tenantId }),
  } as unknown as TenantTransaction;
}

const WHAT_WORKED =
  'Les ateliers collectifs du mardi ont trouvé leur public : la plupart des personnes sont venues à toutes les séances, et le binôme avec les référents RSA a permis d’orienter vite celles qui en avaient besoin.';
const DIFFICULTIES =
  'Les déplacements restent le premier frein hors des villes ; deux personnes ont dû renoncer faute de transport. Les entrées se sont concentrées au printemps.';
const OUTLOOK =
  'Ouvrir une session délocalisée dans une commune rurale et proposer un accompagnement au permis avec l’auto-école sociale partenaire.';

/**
 * The bilans of the demo's running agreements, as the hourly job creates them, then: the demo
 * structure's open (the agent opened it early, to try filing it), and the other one submitted and
 * validated with declared corrections, the agreement's indicators reported and the budget spent,
 * so that the indicators and the execution report carry bilan figures. Written once.
 */
export async function ensureDemoBilans(
  db: Queryable,
  tenant: { id: string; slug: string },
  now = new Date(),
): Promise<number> {
  const tx = onConnection(db, tenant.id);
  const schedule = new BilanScheduleRepository(tx);
  const figures = new BilanFiguresRepository(tx);
  const createdIds = await createDueBilans(schedule, 50);
  if (!createdIds.length) return 0;
  const { rows } = await db.query<{
    id: string;
    offer_id: string | null;
    period_start: string;
    period_end: string;
    indicator_values: { indicatorId: string | null; label: string; unit: string; target: number | null }[];
    budget_lines: { label: string; plannedCents: number | null; spentCents: number }[];
    demo_structure: boolean;
    member: string | null;
    agent: string | null;
  }>(
    `SELECT b.id, a.offer_id, b.period_start::text, b.period_end::text, b.indicator_values, b.budget_lines,
            EXISTS (SELECT 1 FROM membership m JOIN app_user u ON u.id = m.user_id
                     WHERE m.tenant_id = b.tenant_id AND m.organization_id = b.organization_id AND u.email = $3) AS demo_structure,
            (SELECT m.user_id FROM membership m WHERE m.tenant_id = b.tenant_id AND m.organization_id = b.organization_id
                AND m.status = 'active' ORDER BY m.created_at LIMIT 1) AS member,
            (SELECT u.id FROM app_user u WHERE u.email = $4) AS agent
       FROM bilan b JOIN agreement a ON a.tenant_id = b.tenant_id AND a.id = b.agreement_id
      WHERE b.tenant_id = $1 AND b.id = ANY($2::uuid[])
      ORDER BY a.created_at, a.id`,
    [tenant.id, createdIds, `structure.${tenant.slug}@demo.local`, `agent.${tenant.slug}@demo.local`],
  );
  const event = (id: string, from: string, to: string, actor: string | null, at: Date, message: string | null = null) =>
    db.query(
      `INSERT INTO bilan_event (tenant_id, bilan_id, from_status, to_status, actor_id, message, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenant.id, id, from, to, actor, message, at],
    );
  let validatedOne = false;
  for (const b of rows) {
    const openedAt = new Date(now.getTime() - 12 * DAY);
    if (b.demo_structure || validatedOne) {
      await db.query(`UPDATE bilan SET status = 'open', opened_at = $3 WHERE tenant_id = $1 AND id = $2`, [
        tenant.id,
        b.id,
        openedAt,
      ]);
      await event(b.id, 'to_come', 'open', b.agent, openedAt, 'Ouvert par le département pour un bilan anticipé');
      continue;
    }
    // The other structure filed its bilan and the agent validated it.
    validatedOne = true;
    const computed = await figures.compute(b.offer_id, b.period_start, b.period_end);
    const present = computed.present ?? 0;
    const declared = {
      present: {
        value: present + 3,
        justification: 'Trois personnes orientées par le CCAS ont suivi la session de juin sans inscription en ligne.',
      },
    };
    const indicators = b.indicator_values.map((i, k) => ({
      ...i,
      value: i.unit === '%' ? 55 + k * 5 : Math.max(5, Math.round((computed.accepted ?? 0) * (1 + k * 0.4))),
      comment: '',
    }));
    const lines = b.budget_lines.map((l) => ({
      ...l,
      spentCents: Math.round(((l.plannedCents ?? 0) * 0.82) / 100) * 100,
    }));
    const submittedAt = new Date(now.getTime() - 8 * DAY);
    const validatedAt = new Date(now.getTime() - 3 * DAY);
    await db.query(
      `UPDATE bilan SET status = 'validated', declared = $3::jsonb, indicator_values = $4::jsonb, budget_lines = $5::jsonb,
              what_worked = $6, difficulties = $7, outlook = $8, computed = $9::jsonb,
              opened_at = $10, submitted_at = $11, validated_at = $12, validated_by = $13, version = 4
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenant.id,
        b.id,
        JSON.stringify(declared),
        JSON.stringify(indicators),
        JSON.stringify(lines),
        WHAT_WORKED,
        DIFFICULTIES,
        OUTLOOK,
        JSON.stringify(computed),
        openedAt,
        submittedAt,
        validatedAt,
        b.agent,
      ],
    );
    await event(b.id, 'to_come', 'open', b.agent, openedAt, 'Ouvert par le département pour un bilan anticipé');
    await event(b.id, 'open', 'submitted', b.member, submittedAt);
    await event(b.id, 'submitted', 'validated', b.agent, validatedAt);
  }
  return createdIds.length;
}
