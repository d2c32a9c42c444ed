// The demo's registrations as steps (who did what, when), and their replay: in date order, through
// the same pure state machine as the service (registration-lifecycle.ts), on the sessions' seats.
// A demo can thus only hold states the app could have reached; the history has one line per
// transition; a freed seat goes to the first waiting in the same instant, as the service does; and
// the sessions' counters come out equal to the rows. No database here (registrations-demo.ts writes).
import { randomUUID } from 'node:crypto';
import type {
  AgeBand,
  AttendanceValue,
  ConsentMethod,
  PersonSituation,
  RefusalReason,
  RegistrationActorKind,
  RegistrationOutcome,
  RegistrationStatus,
  SeatAllocation,
  Sex,
} from '@catalogue/contracts';
import { plan, type Plan, type RegistrationAction } from './registration-lifecycle.js';
import { REFUSAL_LABELS } from './registrations.service.js';

// As the service words them in the history (registrations.service.ts, `act`).
const ATTENDANCE_DETAIL: Record<AttendanceValue, string> = {
  present: 'Présent',
  absent: 'Absent',
  excused: 'Absent excusé',
};
const CONSENT_DETAIL: Record<ConsentMethod, string> = { oral: 'oral', written: 'écrit' };
const HOUR = 3_600_000;
/** The states whose seat still counts in the session's `booked` (after the session too), unless cancelled late. */
export const SEAT_STATUSES: readonly RegistrationStatus[] = [
  'accepted',
  'attended',
  'absent',
  'completed',
  'dropped_out',
];

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  communeInsee: string | null;
  situation: PersonSituation | null;
  ageBand: AgeBand | null;
  sex: Sex | null;
  /** The person's own account (a demo beneficiary), else null. */
  userId: string | null;
}

export type DemoStep = { at: Date } & (
  | { kind: 'request' }
  | { kind: 'accept' }
  | { kind: 'waitlist' }
  | { kind: 'refuse'; reason: RefusalReason; message?: string }
  | { kind: 'cancel'; by: 'person' | 'referent' | 'structure'; reason?: string }
  | { kind: 'expire' }
  | { kind: 'attendance'; value: AttendanceValue }
  | { kind: 'outcome'; status: 'completed' | 'dropped_out'; outcome: RegistrationOutcome }
);

export interface DemoRegistration {
  /** The same object for each registration of one person. */
  person: DemoPerson;
  offerId: string;
  sessionId: string | null;
  /** A prescription: the referent, their prescribing structure and how the person agreed. */
  referent: { userId: string; organizationId: string | null; consent: ConsentMethod } | null;
  message?: string | null;
  /** The member of the offer's structure who decides (null: one without a demo account). */
  structureActorId: string | null;
  /** In date order; the first is the request. */
  steps: DemoStep[];
  /** The state the demo means it to end in: checked before anything is written. */
  expect?: RegistrationStatus;
}

export interface DemoOfferFacts {
  seatAllocation: SeatAllocation;
  cancellationCutoffHours: number;
}

export interface DemoSessionFacts {
  startsAt: Date;
  capacity: number;
  /** Seats already taken and people already waiting, by registrations the demo did not write. */
  booked: number;
  waitlisted: number;
}

export interface DemoRow {
  id: string;
  status: RegistrationStatus | null;
  createdAt: Date;
  updatedAt: Date;
  waitlistedAt: Date | null;
  decidedAt: Date | null;
  refusalReason: RefusalReason | null;
  refusalMessage: string | null;
  cancelledBy: RegistrationActorKind | null;
  excused: boolean;
  attendance: AttendanceValue | null;
  outcome: RegistrationOutcome | null;
  promoted: boolean;
  /** When it last took a seat. */
  seatAt: Date | null;
}

export interface DemoEvent {
  registrationId: string;
  at: Date;
  actorId: string | null;
  actorKind: RegistrationActorKind;
  event: Plan['event'];
  from: RegistrationStatus | null;
  to: RegistrationStatus;
  detail: string | null;
}

interface Seats extends DemoSessionFacts {
  /** The demo's waiting registrations, first in line first. */
  queue: number[];
}

export class DemoRegistrationError extends Error {}

/**
 * Replays the registrations' steps in date order (without writing): their final rows, their
 * history and the sessions' counters. Throws DemoRegistrationError on a step the state machine
 * refuses, naming it.
 */
export function replayDemoRegistrations(
  registrations: DemoRegistration[],
  offers: ReadonlyMap<string, DemoOfferFacts>,
  sessions: ReadonlyMap<string, DemoSessionFacts>,
): { rows: DemoRow[]; events: DemoEvent[]; seats: Map<string, { booked: number; waitlisted: number }> } {
  const seats = new Map<string, Seats>();
  const seatsOf = (id: string | null): Seats | undefined => {
    if (!id) return undefined;
    let s = seats.get(id);
    if (!s) {
      const facts = sessions.get(id);
      if (!facts) throw new DemoRegistrationError(`unknown session ${id}`);
      s = { ...facts, queue: [] };
      seats.set(id, s);
    }
    return s;
  };
  const rows: DemoRow[] = registrations.map((r, i) => {
    const first = r.steps[0];
    if (first?.kind !== 'request') throw new DemoRegistrationError(`registration ${i}: the first step is the request`);
    r.steps.forEach((s, j) => {
      if (j > 0 && s.at < r.steps[j - 1]!.at) throw new DemoRegistrationError(`registration ${i}: steps out of order`);
    });
    return {
      id: randomUUID(),
      status: null,
      createdAt: first.at,
      updatedAt: first.at,
      waitlistedAt: null,
      decidedAt: null,
      refusalReason: null,
      refusalMessage: null,
      cancelledBy: null,
      excused: false,
      attendance: null,
      outcome: null,
      promoted: false,
      seatAt: null,
    };
  });
  const events: DemoEvent[] = [];

  const apply = (i: number, at: Date, step: DemoStep | { kind: 'promote' }): Plan => {
    const r = registrations[i]!;
    const row = rows[i]!;
    const offer = offers.get(r.offerId);
    if (!offer) throw new DemoRegistrationError(`registration ${i}: unknown offer ${r.offerId}`);
    const s = seatsOf(r.sessionId);
    const action: RegistrationAction =
      step.kind === 'cancel'
        ? { kind: 'cancel', by: step.by }
        : step.kind === 'refuse'
          ? { kind: 'refuse', reason: step.reason }
          : step.kind === 'attendance'
            ? { kind: 'attendance', value: step.value }
            : step.kind === 'outcome'
              ? { kind: 'outcome', status: step.status, outcome: step.outcome }
              : { kind: step.kind };
    let p: Plan;
    try {
      p = plan(action, {
        status: row.status,
        seatAllocation: offer.seatAllocation,
        seatFree: s ? s.booked < s.capacity : true,
        sessionStarted: s ? at >= s.startsAt : action.kind === 'attendance',
        beforeCutoff: s ? at.getTime() < s.startsAt.getTime() - offer.cancellationCutoffHours * HOUR : true,
      });
    } catch (e) {
      throw new DemoRegistrationError(
        `registration ${i} (${r.person.firstName} ${r.person.lastName}), ${step.kind} on ${at.toISOString()}: ${(e as Error).message}`,
      );
    }
    // The row, as the service's transition changes it.
    row.status = p.to;
    row.updatedAt = at;
    if (p.to === 'waitlisted') row.waitlistedAt = at;
    else if (p.from === 'waitlisted') row.waitlistedAt = null;
    if (p.excused) row.excused = true;
    if (p.event === 'promoted') row.promoted = true;
    if (step.kind === 'accept' || step.kind === 'waitlist' || step.kind === 'refuse') row.decidedAt ??= at;
    if (step.kind === 'refuse') {
      row.refusalReason = step.reason;
      row.refusalMessage = step.message ?? null;
    }
    if (step.kind === 'cancel') row.cancelledBy = step.by;
    if (p.event === 'cancelled_late') row.attendance = 'excused';
    if (step.kind === 'attendance') {
      row.excused = step.value === 'excused';
      row.attendance = step.value;
    }
    if (step.kind === 'outcome') row.outcome = step.outcome;
    if (p.seat === 'take') row.seatAt = at;
    if (s) {
      s.booked += p.seat === 'take' ? 1 : p.seat === 'free' ? -1 : 0;
      if (p.to === 'waitlisted') {
        s.waitlisted++;
        s.queue.push(i);
      }
      if (p.from === 'waitlisted') {
        s.waitlisted--;
        s.queue.splice(s.queue.indexOf(i), 1);
      }
    }
    const actor: { id: string | null; kind: RegistrationActorKind } =
      step.kind === 'request'
        ? r.referent
          ? { id: r.referent.userId, kind: 'referent' }
          : { id: r.person.userId, kind: 'person' }
        : step.kind === 'cancel'
          ? {
              id:
                step.by === 'person'
                  ? r.person.userId
                  : step.by === 'referent'
                    ? (r.referent?.userId ?? null)
                    : r.structureActorId,
              kind: step.by,
            }
          : step.kind === 'expire' || step.kind === 'promote'
            ? { id: null, kind: 'system' }
            : { id: r.structureActorId, kind: 'structure' };
    events.push({
      registrationId: row.id,
      at,
      actorId: actor.id,
      actorKind: actor.kind,
      event: p.event,
      from: p.from,
      to: p.to,
      detail:
        step.kind === 'request'
          ? r.referent
            ? `Consentement recueilli (${CONSENT_DETAIL[r.referent.consent]})`
            : null
          : step.kind === 'refuse'
            ? `Motif : ${REFUSAL_LABELS[step.reason]}${step.message ? ` — ${step.message}` : ''}`
            : step.kind === 'cancel'
              ? (step.reason ?? null)
              : step.kind === 'attendance'
                ? ATTENDANCE_DETAIL[step.value]
                : null,
    });
    // A freed seat goes to the first waiting, in the same instant (as the service does).
    if (p.promoteNext && s)
      while (s.booked < s.capacity && at < s.startsAt && s.queue.length)
        apply(s.queue[0]!, new Date(at.getTime() + 1), { kind: 'promote' });
    return p;
  };

  const steps = registrations
    .flatMap((r, i) => r.steps.map((step, j) => ({ i, j, step })))
    .sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.i - b.i || a.j - b.j);
  for (const { i, step } of steps) apply(i, step.at, step);

  return {
    rows,
    events,
    seats: new Map([...seats].map(([id, s]) => [id, { booked: s.booked, waitlisted: s.waitlisted }])),
  };
}
