// A bilan's life as one pure, exhaustive state machine: to_come → open (the clock, 30 days before
// the due date, or an agent earlier) → submitted (the structure) → changes_requested (an agent,
// with a message) → submitted again → validated (an agent). Validated is final. The service reads
// the status under the bilan's row lock, asks `plan(...)`, and carries the plan out with a
// conditional UPDATE on the `from` status.
import type { BilanStatus } from '@catalogue/contracts';

export type BilanAction = 'open' | 'edit' | 'submit' | 'request_changes' | 'validate';

export interface BilanPlan {
  event: 'opened' | 'edited' | 'submitted' | 'changes_requested' | 'validated';
  /** The states the conditional UPDATE accepts (a resubmission comes from either). */
  from: BilanStatus;
  to: BilanStatus;
  /** Who is told through the outbox. */
  notify: readonly ('structure' | 'agents')[];
  /** The computed figures are frozen into `computed` (at submission; kept by the validation). */
  freezes: boolean;
  /** The step needs the agent's message (what to complete). */
  needsMessage: boolean;
}

export class InvalidBilanTransition extends Error {
  constructor(
    readonly action: BilanAction,
    readonly from: BilanStatus,
    reason: string,
  ) {
    super(reason);
  }
}

/** The states in which the structure writes its bilan (figures, lines, texts, documents). */
export const EDITABLE_STATUSES = ['open', 'changes_requested'] as const satisfies readonly BilanStatus[];
export const isEditable = (s: BilanStatus): boolean => (EDITABLE_STATUSES as readonly BilanStatus[]).includes(s);

/** Days before the due date at which the clock opens a bilan. */
export const OPEN_DAYS_BEFORE = 30;
/** Reminders: 7 days before, on the due date, 7 days after (while not submitted). */
export const REMINDER_DAYS = 7;

const base = { notify: [], freezes: false, needsMessage: false } as const;

/**
 * The plan of `action` from `status`, or InvalidBilanTransition. Decisions:
 * - a bilan to come is not written yet: the structure is asked when it opens;
 * - the structure edits only while it holds the bilan (open, or sent back for changes);
 * - only a submitted bilan is reviewed; validation is final (the figures stay frozen);
 * - a submission after a request for changes is a submission like the first (agents told again).
 */
export function plan(action: BilanAction, status: BilanStatus): BilanPlan {
  const fail = (reason: string): never => {
    throw new InvalidBilanTransition(action, status, reason);
  };
  switch (action) {
    case 'open':
      if (status !== 'to_come') return fail('Ce bilan est déjà ouvert.');
      return { ...base, event: 'opened', from: status, to: 'open', notify: ['structure'] };
    case 'edit':
      if (!isEditable(status))
        return fail(
          status === 'to_come'
            ? 'Ce bilan n’est pas encore ouvert.'
            : 'Ce bilan a été transmis : il n’est plus modifiable, sauf si des compléments sont demandés.',
        );
      return { ...base, event: 'edited', from: status, to: status };
    case 'submit':
      if (!isEditable(status))
        return fail(status === 'to_come' ? 'Ce bilan n’est pas encore ouvert.' : 'Ce bilan a déjà été transmis.');
      return { ...base, event: 'submitted', from: status, to: 'submitted', notify: ['agents'], freezes: true };
    case 'request_changes':
      if (status !== 'submitted')
        return fail('Seul un bilan transmis peut faire l’objet d’une demande de compléments.');
      return {
        ...base,
        event: 'changes_requested',
        from: status,
        to: 'changes_requested',
        notify: ['structure'],
        needsMessage: true,
      };
    case 'validate':
      if (status !== 'submitted')
        return fail(status === 'validated' ? 'Ce bilan est déjà validé.' : 'Seul un bilan transmis peut être validé.');
      return { ...base, event: 'validated', from: status, to: 'validated', notify: ['structure'] };
  }
}

/** Whether `action` is possible from `status` (for the `can` of the answer). */
export function possible(action: BilanAction, status: BilanStatus): boolean {
  try {
    plan(action, status);
    return true;
  } catch {
    return false;
  }
}

/** Today in Europe/Paris, as YYYY-MM-DD (a due date is a Paris day). */
export const parisToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);

/** `date` (YYYY-MM-DD) moved by `days`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Past the due date and not in the agents' hands (not submitted, not validated). */
export const isOverdue = (status: BilanStatus, dueOn: string, today: string): boolean =>
  (status === 'open' || status === 'changes_requested' || status === 'to_come') && dueOn < today;

/**
 * The periods of an agreement's bilans: one per due date (sorted), from the agreement's start (or
 * the day after the previous period) to the due date or the agreement's end, whichever is first;
 * the year is the year of the period's end. Due dates after the end give a period ending at the
 * end: the first of them takes it, the others (nothing left to report) none. A bilan is one per
 * agreement and year (the database's unique index): of two periods ending the same year, the first
 * is kept and the second left out (the agreement's dates should then be one per year).
 */
export function bilanPeriods(
  startsOn: string,
  endsOn: string,
  dueDates: readonly string[],
): { year: number; periodStart: string; periodEnd: string; dueOn: string }[] {
  const out: { year: number; periodStart: string; periodEnd: string; dueOn: string }[] = [];
  let start = startsOn;
  for (const due of [...new Set(dueDates)].sort()) {
    const end = due < endsOn ? due : endsOn;
    if (end < start || out.some((p) => p.year === Number(end.slice(0, 4)))) continue;
    out.push({ year: Number(end.slice(0, 4)), periodStart: start, periodEnd: end, dueOn: due });
    start = addDays(end, 1);
  }
  return out;
}
