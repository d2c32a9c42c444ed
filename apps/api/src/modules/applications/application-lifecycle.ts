// An application's life, as one explicit and pure state machine: what each action does from each
// state, and who is told. The service reads the facts in the transaction that carries the plan out
// (the deadline from the database clock, under the call's row lock), asks `plan(...)`, and the
// repository applies it with a conditional UPDATE on the state it was planned from.
//
//   (none) ─start→ draft ─submit→ submitted ─request_completion→ completion_requested ─submit→ submitted …
//   draft | submitted | completion_requested ─withdraw→ withdrawn
//   submitted ─decide→ selected | rejected            (final: no withdrawal after the decision)
import type { ApplicationStatus, CallDecision, CallStatus } from '@catalogue/contracts';

export type ApplicationAction =
  | { kind: 'start' }
  | { kind: 'edit' }
  | { kind: 'submit' }
  | { kind: 'withdraw' }
  | { kind: 'request_completion' }
  | { kind: 'score' }
  | { kind: 'decide'; decision: CallDecision };

/** What the machine needs to know, read in the transaction that carries the plan out. */
export interface ApplicationFacts {
  /** Null for an application not started yet. */
  status: ApplicationStatus | null;
  callStatus: CallStatus;
  /** The call's opening has come (opens_at ≤ now, database clock). */
  callOpened: boolean;
  /** Still before the call's deadline, to the second: date_trunc('second', now()) ≤ closes_at. */
  beforeDeadline: boolean;
  /** Still before the completion's due date (same rule), when a completion was requested. */
  beforeCompletionDue: boolean;
}

export type Party = 'structure' | 'instructors';

export interface Plan {
  event: 'started' | 'submitted' | 'resubmitted' | 'withdrawn' | 'completion_requested' | CallDecision | null;
  from: ApplicationStatus | null;
  to: ApplicationStatus | null;
  notify: Party[];
}

/** The code of the 409: the call's deadline (or the completion's) has passed, or another state. */
export type RefusalCode = 'call_closed' | 'call_not_open' | 'call_not_closed' | 'invalid_transition';

export class InvalidApplicationTransition extends Error {
  constructor(
    readonly action: ApplicationAction['kind'],
    readonly from: ApplicationStatus | null,
    readonly code: RefusalCode,
    reason: string,
  ) {
    super(reason);
  }
}

/** The states in which the structure still edits its application. */
export const EDITABLE_STATUSES = ['draft', 'completion_requested'] as const satisfies readonly ApplicationStatus[];
/** The states the instruction scores (a completion requested keeps its scores). */
export const UNDER_REVIEW_STATUSES = [
  'submitted',
  'completion_requested',
] as const satisfies readonly ApplicationStatus[];

const editable = (s: ApplicationStatus | null) => s === 'draft' || s === 'completion_requested';
const callOpenNow = (f: ApplicationFacts) => f.callStatus === 'published' && f.callOpened && f.beforeDeadline;

/**
 * The plan of `action` from `facts`, or InvalidApplicationTransition. Decisions:
 * - a first submission is accepted until the call's deadline, to the second, whatever the closing
 *   job did or not yet do; a resubmission after a completion request until the completion's due
 *   date, even after the call's deadline (the call may be closed by then, not withdrawn);
 * - an application is withdrawn until the decision, never after;
 * - only a submitted application is decided (a completion requested must come back first), and
 *   only once the call is closed (its deadline passed).
 */
export function plan(action: ApplicationAction, f: ApplicationFacts): Plan {
  const s = f.status;
  const fail = (code: RefusalCode, reason: string): never => {
    throw new InvalidApplicationTransition(action.kind, s, code, reason);
  };
  switch (action.kind) {
    case 'start':
      if (s !== null) return fail('invalid_transition', 'Ce dossier existe déjà.');
      if (!callOpenNow(f))
        return fail(
          f.callOpened || f.callStatus !== 'published' ? 'call_closed' : 'call_not_open',
          f.callStatus === 'published' && !f.callOpened
            ? 'L’appel à projets n’est pas encore ouvert.'
            : 'L’appel à projets n’est pas ouvert aux dépôts.',
        );
      return { event: 'started', from: null, to: 'draft', notify: [] };

    case 'edit':
      if (!editable(s)) return fail('invalid_transition', 'Ce dossier n’est plus modifiable.');
      return { event: null, from: s, to: s, notify: [] };

    case 'submit':
      if (s === 'draft') {
        if (!callOpenNow(f))
          return fail('call_closed', 'L’appel à projets est clos : le dossier ne peut plus être déposé.');
        return { event: 'submitted', from: s, to: 'submitted', notify: ['structure'] };
      }
      if (s === 'completion_requested') {
        if (f.callStatus === 'withdrawn' || f.callStatus === 'draft')
          return fail('call_closed', 'L’appel à projets a été retiré.');
        if (!f.beforeCompletionDue)
          return fail('call_closed', 'Le délai pour compléter le dossier est passé : il ne peut plus être redéposé.');
        return { event: 'resubmitted', from: s, to: 'submitted', notify: ['structure', 'instructors'] };
      }
      return fail('invalid_transition', 'Seul un dossier en brouillon ou à compléter peut être déposé.');

    case 'withdraw':
      if (s === 'draft') return { event: 'withdrawn', from: s, to: 'withdrawn', notify: [] };
      if (s === 'submitted' || s === 'completion_requested')
        return { event: 'withdrawn', from: s, to: 'withdrawn', notify: ['instructors'] };
      return fail(
        'invalid_transition',
        'Ce dossier ne peut plus être retiré : la décision est prise ou il est déjà retiré.',
      );

    case 'request_completion':
      if (s !== 'submitted')
        return fail('invalid_transition', 'Seul un dossier déposé peut être renvoyé pour complément.');
      return { event: 'completion_requested', from: s, to: 'completion_requested', notify: ['structure'] };

    case 'score':
      if (s !== 'submitted' && s !== 'completion_requested')
        return fail('invalid_transition', 'Seul un dossier déposé, non encore décidé, est évalué.');
      return { event: null, from: s, to: s, notify: [] };

    case 'decide':
      if (s !== 'submitted')
        return fail(
          'invalid_transition',
          s === 'completion_requested'
            ? 'Le dossier attend un complément : il sera décidé une fois redéposé.'
            : 'Seul un dossier déposé, non encore décidé, peut l’être.',
        );
      if (f.callStatus === 'withdrawn' || f.callStatus === 'draft')
        return fail('invalid_transition', 'L’appel à projets a été retiré.');
      if (f.callStatus === 'published' && f.beforeDeadline)
        return fail(
          'call_not_closed',
          'L’appel à projets n’est pas encore clos : les décisions viennent après la clôture.',
        );
      return { event: action.decision, from: s, to: action.decision, notify: ['structure'] };
  }
}
