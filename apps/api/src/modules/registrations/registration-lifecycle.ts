// A registration's life, as one explicit and pure state machine, like the offer's: what each action
// does from each state, which seat it takes or frees, and who is told. The service reads the facts
// (under the session's row lock for `seatFree`), asks `plan(...)`, and the repository carries the
// plan out in the same transaction; nothing else decides.
import type {
  AttendanceValue,
  RefusalReason,
  RegistrationActorKind,
  RegistrationOutcome,
  RegistrationStatus,
  SeatAllocation,
} from '@catalogue/contracts';

/** The states in which a person holds or waits for a place: one of them per person and session. */
export const ACTIVE_STATUSES = ['pending', 'accepted', 'waitlisted'] as const satisfies readonly RegistrationStatus[];

export type RegistrationAction =
  | { kind: 'request' }
  | { kind: 'accept' }
  | { kind: 'waitlist' }
  | { kind: 'refuse'; reason: RefusalReason }
  | { kind: 'cancel'; by: RegistrationActorKind }
  | { kind: 'promote' }
  | { kind: 'expire' }
  | { kind: 'attendance'; value: AttendanceValue }
  | { kind: 'outcome'; status: 'completed' | 'dropped_out'; outcome: RegistrationOutcome };

/** What the machine needs to know, read in the transaction that carries the plan out. */
export interface RegistrationFacts {
  /** Null for a registration not made yet (`request`). */
  status: RegistrationStatus | null;
  seatAllocation: SeatAllocation;
  /** A seat of the session is free, read under the session's row lock (never a count read earlier). */
  seatFree: boolean;
  /** The session has started (or, for an offer without sessions, never). */
  sessionStarted: boolean;
  /** Still before the offer's cancellation cut-off (e.g. 24 h before the session). */
  beforeCutoff: boolean;
}

export type Party = 'person' | 'referent' | 'structure';

/** What a transition does. */
export interface Plan {
  event:
    | 'requested'
    | 'accepted'
    | 'waitlisted'
    | 'refused'
    | 'cancelled'
    | 'cancelled_late'
    | 'promoted'
    | 'expired'
    | 'attendance_recorded'
    | 'closed';
  from: RegistrationStatus | null;
  to: RegistrationStatus;
  /** The session's accepted count: +1 (`take`), −1 (`free`) or unchanged. */
  seat: 'take' | 'free' | null;
  /** A seat was freed before the session: the first waiting registration is promoted, same transaction. */
  promoteNext: boolean;
  /** Who is told, through the outbox (the referent only when there is one). */
  notify: Party[];
  /** An absence the person announced (a cancellation after the cut-off, or recorded so). */
  excused?: boolean;
}

export class InvalidRegistrationTransition extends Error {
  constructor(
    readonly action: RegistrationAction['kind'],
    readonly from: RegistrationStatus | null,
    reason: string,
  ) {
    super(reason);
  }
}

const fail = (action: RegistrationAction, f: RegistrationFacts, reason: string): never => {
  throw new InvalidRegistrationTransition(action.kind, f.status, reason);
};

const EVERYONE: Party[] = ['person', 'referent', 'structure'];
const THE_PERSON: Party[] = ['person', 'referent'];

/**
 * The plan of `action` from `facts`, or InvalidRegistrationTransition. Decisions:
 * - seats are given in strict order: a waiting registration is only ever promoted (by the system,
 *   first in line, when a seat frees), never accepted out of turn;
 * - accepting without a free seat puts the registration on the wait list and says so; the structure
 *   raises the capacity to take more, it never overbooks;
 * - once the session has started nobody registers, accepts or cancels: what is left waiting
 *   expires, and the structure records attendance;
 * - a cancellation by the person or the referent after the cut-off is recorded as an excused
 *   absence; its seat still goes to the wait list while the session has not started.
 */
export function plan(action: RegistrationAction, f: RegistrationFacts): Plan {
  const s = f.status;
  const notStarted = (what: string) => {
    if (f.sessionStarted) fail(action, f, `La session a commencé : ${what} n'est plus possible.`);
  };
  switch (action.kind) {
    case 'request':
      if (s !== null) return fail(action, f, 'Cette inscription existe déjà.');
      notStarted("l'inscription");
      if (f.seatAllocation === 'review')
        return { event: 'requested', from: null, to: 'pending', seat: null, promoteNext: false, notify: EVERYONE };
      return f.seatFree
        ? { event: 'accepted', from: null, to: 'accepted', seat: 'take', promoteNext: false, notify: EVERYONE }
        : { event: 'waitlisted', from: null, to: 'waitlisted', seat: null, promoteNext: false, notify: EVERYONE };

    case 'accept':
      if (s !== 'pending')
        return fail(
          action,
          f,
          s === 'waitlisted'
            ? "La liste d'attente avance dans l'ordre : une place libérée revient à la première personne."
            : 'Seule une demande en attente peut être acceptée.',
        );
      notStarted("l'acceptation");
      return f.seatFree
        ? { event: 'accepted', from: s, to: 'accepted', seat: 'take', promoteNext: false, notify: THE_PERSON }
        : { event: 'waitlisted', from: s, to: 'waitlisted', seat: null, promoteNext: false, notify: THE_PERSON };

    case 'waitlist':
      if (s !== 'pending') return fail(action, f, "Seule une demande en attente peut être mise en liste d'attente.");
      notStarted("la mise en liste d'attente");
      return { event: 'waitlisted', from: s, to: 'waitlisted', seat: null, promoteNext: false, notify: THE_PERSON };

    case 'refuse':
      if (s !== 'pending' && s !== 'waitlisted')
        return fail(action, f, "Seule une demande en attente ou en liste d'attente peut être refusée.");
      return { event: 'refused', from: s, to: 'refused', seat: null, promoteNext: false, notify: THE_PERSON };

    case 'cancel': {
      if (s === 'pending' || s === 'waitlisted')
        return { event: 'cancelled', from: s, to: 'cancelled', seat: null, promoteNext: false, notify: EVERYONE };
      if (s !== 'accepted') return fail(action, f, 'Cette inscription ne peut plus être annulée.');
      notStarted("l'annulation");
      if (action.by === 'system') return fail(action, f, 'Une place acceptée ne s’annule pas seule.');
      if (action.by === 'structure' || f.beforeCutoff)
        return { event: 'cancelled', from: s, to: 'cancelled', seat: 'free', promoteNext: true, notify: EVERYONE };
      return {
        event: 'cancelled_late',
        from: s,
        to: 'absent',
        seat: 'free',
        promoteNext: true,
        notify: EVERYONE,
        excused: true,
      };
    }

    case 'promote':
      if (s !== 'waitlisted') return fail(action, f, "Seule une personne en liste d'attente peut recevoir une place.");
      notStarted('la promotion');
      if (!f.seatFree) return fail(action, f, 'Aucune place libre.');
      return { event: 'promoted', from: s, to: 'accepted', seat: 'take', promoteNext: false, notify: EVERYONE };

    case 'expire':
      // No decision in time (pending), or the session started while waiting (pending or wait list).
      if (s === 'pending' || (s === 'waitlisted' && f.sessionStarted))
        return { event: 'expired', from: s, to: 'expired', seat: null, promoteNext: false, notify: EVERYONE };
      return fail(action, f, 'Cette inscription ne peut pas expirer.');

    case 'attendance':
      if (s !== 'accepted' && s !== 'attended' && s !== 'absent')
        return fail(action, f, 'La présence se note pour une personne acceptée.');
      if (!f.sessionStarted) return fail(action, f, 'La présence se note une fois la session commencée.');
      return action.value === 'present'
        ? { event: 'attendance_recorded', from: s, to: 'attended', seat: null, promoteNext: false, notify: [] }
        : {
            event: 'attendance_recorded',
            from: s,
            to: 'absent',
            seat: null,
            promoteNext: false,
            notify: [],
            excused: action.value === 'excused',
          };

    case 'outcome':
      if (s !== 'attended' && s !== 'absent')
        return fail(action, f, 'La suite se note après la présence (présent ou absent).');
      return { event: 'closed', from: s, to: action.status, seat: null, promoteNext: false, notify: ['referent'] };
  }
}
