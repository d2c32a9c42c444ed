// The demo's registrations, per demo département: what a newcomer finds behind each demo account.
// - the beneficiary (beneficiaire.<slug>@demo.local) has its own: accepted to a coming session, on a
//   full session's wait list, pending on an offer whose structure decides, cancelled, and a past one
//   attended and completed;
// - the referent (referent.<slug>@demo.local) has prescribed for eleven invented people, in every
//   state, each with the person's consent;
// - the demo structure (structure.<slug>@demo.local) finds in its inbox pending requests, refused
//   ones with their reasons, a full session with a wait list of four (one promoted already), and a
//   past session with its attendance and outcomes;
// - every other seat the demo catalogue shows as taken is an invented person's registration, so
//   that each session's counters equal its rows.
// Dates are relative to now (pending ones recent, wait lists on sessions to come), so the demo is
// alive on the day it is loaded. Written once per département (a restart adds nothing) through the
// registrations module's demo writer, which replays every step through the state machine.
import type { Queryable } from '../database/catalogue-writer.js';
import {
  hasDemoRegistrations,
  registeredSeats,
  writeDemoRegistrations,
  type DemoPerson,
} from '../modules/registrations/registrations-demo.js';
import { nearOffers, type Near } from './demo-people.js';
import { DemoScenario, type ScenarioOffer, type ScenarioSession } from './demo-scenario.js';

const DAY = 86_400_000;

/** The demo accounts' emails (as demo-accounts.ts, which makes them, writes them). */
const demoEmail = (kind: 'structure' | 'referent' | 'beneficiaire', slug: string) => `${kind}.${slug}@demo.local`;

export interface DemoRegistrationsResult {
  /** Registrations written (0: already there, or the demo accounts do not exist yet). */
  written: number;
  /** The parts of the scenario this département's data could not hold (a session to find). */
  missing: string[];
}

/**
 * Writes the demo's registrations of one département, once: nothing when they are there already
 * or when its demo accounts do not exist yet (the accounts' step writes them then). Runs in the
 * caller's transaction, whose tenant is set.
 */
export async function ensureDemoRegistrations(
  db: Queryable,
  tenant: { id: string; code: string; slug: string },
  now = new Date(),
): Promise<DemoRegistrationsResult> {
  const none: DemoRegistrationsResult = { written: 0, missing: [] };
  if (await hasDemoRegistrations(db, tenant.id)) return none;
  const { rows: accounts } = await db.query<{
    id: string;
    email: string;
    name: string;
    role: string;
    organization_id: string | null;
    prescriber: boolean | null;
  }>(
    `SELECT u.id, u.email, u.name, m.role, m.organization_id, o.prescriber
       FROM app_user u JOIN membership m ON m.user_id = u.id AND m.tenant_id = $1 AND m.status = 'active'
       LEFT JOIN organization o ON o.id = m.organization_id
      WHERE u.email = ANY($2::text[]) ORDER BY u.email, m.role`,
    [tenant.id, (['structure', 'referent', 'beneficiaire'] as const).map((k) => demoEmail(k, tenant.slug))],
  );
  const account = (kind: 'structure' | 'referent' | 'beneficiaire', ok: (a: (typeof accounts)[number]) => boolean) =>
    accounts.find((a) => a.email === demoEmail(kind, tenant.slug) && ok(a));
  const partner = account('structure', (a) => a.role === 'structure_admin' && !!a.organization_id);
  const referent = account('referent', (a) => !!a.organization_id && a.prescriber === true);
  const beneficiary = account('beneficiaire', (a) => a.role === 'beneficiary');
  if (!partner || !referent || !beneficiary) return none;

  const { offers, near } = await readCatalogue(db, tenant);
  const sessions = offers.flatMap((o) => o.sessions);
  const structureId = partner.organization_id!;
  const [firstName, ...lastName] = beneficiary.name.trim().split(/\s+/);
  const me: DemoPerson = {
    firstName: firstName ?? '',
    lastName: lastName.join(' '),
    email: beneficiary.email,
    phone: null,
    communeInsee: null,
    situation: null,
    ageBand: null,
    sex: null,
    userId: beneficiary.id,
  };
  const scenario = new DemoScenario({
    seed: tenant.code,
    now,
    structureId,
    partnerId: partner.id,
    referent: { id: referent.id, organizationId: referent.organization_id },
    me,
    near,
  });

  // The sessions the scenario plays on, the first that fits each part (by offer key, then date).
  const t = now.getTime();
  const upcoming = (s: ScenarioSession, minDays: number, maxDays = 120) =>
    s.startsAt.getTime() >= t + minDays * DAY && s.startsAt.getTime() <= t + maxDays * DAY;
  const selfOpen = (s: ScenarioSession) => s.offer.access !== 'prescription';
  const openSeat = (s: ScenarioSession) =>
    s.offer.seatAllocation === 'automatic' && upcoming(s, 4, 45) && s.unheld < s.capacity;
  const mine = sessions.filter((s) => s.offer.organizationId === structureId && !s.inUse);
  const others = sessions.filter((s) => s.offer.organizationId !== structureId && !s.inUse);
  const missing: string[] = [];
  const find = <T>(what: string, list: T[]): T | undefined => {
    if (!list[0]) missing.push(what);
    return list[0];
  };

  const review = find(
    'a session to come (in 5 days or more) of a « review » offer of the demo structure, open to self-registration, with a free seat',
    mine.filter((s) => s.offer.seatAllocation === 'review' && selfOpen(s) && upcoming(s, 5) && s.unheld < s.capacity),
  );
  const full = find(
    'a full session to come (in 4 days or more) of an automatic offer of the demo structure, open to self-registration',
    mine.filter(
      (s) => s.offer.seatAllocation === 'automatic' && selfOpen(s) && upcoming(s, 4) && s.unheld === s.capacity,
    ),
  );
  const past = find(
    'a session ended a day ago or more (8 seats or more, one free) of an offer of the demo structure open to self-registration',
    mine
      .filter(
        (s) => selfOpen(s) && s.capacity >= 8 && s.unheld < s.capacity && (s.endsAt ?? s.startsAt).getTime() <= t - DAY,
      )
      .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime()),
  );
  const selfAccepted = find(
    'a session to come with a free seat of another structure’s automatic offer open to self-registration',
    others.filter((s) => openSeat(s) && selfOpen(s)),
  );
  const selfCancelled = find(
    'a second one, of another offer',
    others.filter((s) => openSeat(s) && selfOpen(s) && s.offer !== selfAccepted?.offer),
  );
  const referentAccepted = find(
    'a session to come with a free seat of another structure’s prescription-only automatic offer',
    others.filter((s) => openSeat(s) && s.offer.access === 'prescription'),
  );
  const referentCancelled = find(
    'a session to come with a free seat of a fourth automatic offer, of another structure',
    others.filter(
      (s) =>
        openSeat(s) &&
        ![selfAccepted?.offer, selfCancelled?.offer, referentAccepted?.offer].includes(s.offer) &&
        s.offer.organizationId !== referentAccepted?.offer.organizationId,
    ),
  );
  const continuous = find(
    'a prescription-only offer of another structure without sessions (continuous intake)',
    offers.filter((o) => o.organizationId !== structureId && o.access === 'prescription' && o.sessions.length === 0),
  );

  if (review) scenario.reviewSession(review);
  if (full) scenario.fullSession(full);
  if (past) scenario.pastSession(past);
  scenario.beneficiaryElsewhere(selfAccepted, selfCancelled);
  scenario.referentElsewhere(referentAccepted, referentCancelled, continuous);
  scenario.seatHolders(sessions);

  await writeDemoRegistrations(
    db,
    tenant.id,
    scenario.registrations,
    new Map(offers.map((o) => [o.id, o])),
    new Map(sessions.map((s) => [s.id, s])),
    now,
  );
  return { written: scenario.registrations.length, missing };
}

/** The tenant's published demo offers with their sessions and the seats registrations already hold. */
async function readCatalogue(
  db: Queryable,
  tenant: { id: string; code: string },
): Promise<{ offers: ScenarioOffer[]; near: Near }> {
  const { rows } = await db.query<{
    id: string;
    key: string;
    access: ScenarioOffer['access'];
    seat_allocation: ScenarioOffer['seatAllocation'];
    cancellation_cutoff_hours: number;
    organization_id: string;
    audiences: string[];
    commune: string | null;
    epci: string | null;
  }>(
    `SELECT o.id, o.source_key AS key, o.access, o.seat_allocation, o.cancellation_cutoff_hours, o.organization_id,
            o.audiences, c.insee AS commune, c.epci
       FROM offer o JOIN organization org ON org.id = o.organization_id
       LEFT JOIN commune c ON c.insee = coalesce(
         (SELECT p.commune_insee FROM offer_place p WHERE p.offer_id = o.id ORDER BY p.position LIMIT 1), org.commune_insee)
      WHERE o.tenant_id = $1 AND o.status = 'published' AND o.source_key IS NOT NULL
      ORDER BY o.source_key`,
    [tenant.id],
  );
  const { rows: communes } = await db.query<{ insee: string; epci: string; population: number }>(
    `SELECT insee, epci, population FROM commune WHERE departement = $1 AND epci IS NOT NULL ORDER BY insee`,
    [tenant.code],
  );
  const offers = new Map<string, ScenarioOffer>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        key: r.key,
        access: r.access,
        seatAllocation: r.seat_allocation,
        cancellationCutoffHours: r.cancellation_cutoff_hours,
        organizationId: r.organization_id,
        audiences: r.audiences,
        commune: r.commune,
        epci: r.epci,
        sessions: [],
      },
    ]),
  );
  const { rows: sessions } = await db.query<{
    id: string;
    offer_id: string;
    starts_at: Date;
    ends_at: Date | null;
    capacity: number;
    booked: number;
  }>(
    `SELECT id, offer_id, starts_at, ends_at, capacity, booked FROM offer_session
      WHERE tenant_id = $1 AND offer_id = ANY($2::uuid[]) ORDER BY starts_at, id`,
    [tenant.id, [...offers.keys()]],
  );
  const held = await registeredSeats(db, tenant.id);
  for (const s of sessions) {
    const offer = offers.get(s.offer_id)!;
    const already = held.get(s.id) ?? { booked: 0, waitlisted: 0 };
    offer.sessions.push({
      id: s.id,
      offer,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      capacity: s.capacity,
      booked: already.booked,
      waitlisted: already.waitlisted,
      unheld: Math.max(0, Math.min(s.capacity, s.booked) - already.booked),
      inUse: held.has(s.id),
    });
  }
  return { offers: [...offers.values()], near: nearOffers(communes) };
}
