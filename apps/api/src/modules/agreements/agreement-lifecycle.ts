// An agreement's life as one pure, exhaustive state machine: draft → sent (for signature) →
// signed (the signed PDF uploaded; the draft offer is created in the same transaction) → running
// (from its first day) → closed (after its end and its last bilan, or by an agent). The service
// reads the facts under the agreement's row lock, asks `plan(...)`, and carries the plan out.
import type { AgreementStatus } from '@catalogue/contracts';

export type AgreementAction = 'edit' | 'send' | 'sign' | 'start' | 'close' | 'expire';

export interface AgreementFacts {
  status: AgreementStatus;
  /** Today (Europe/Paris) is on or after the first day of the agreement. */
  started: boolean;
  /** The end and the last bilan due date are both past. */
  over: boolean;
}

export interface AgreementPlan {
  event: 'edited' | 'sent' | 'signed' | 'started' | 'closed';
  from: AgreementStatus;
  to: AgreementStatus;
  /** The signature stores the signed PDF and creates the draft offer. */
  createsOffer: boolean;
  /** Who is told through the outbox. */
  notify: readonly ('structure' | 'agents')[];
  /** Attach the agreement's PDF to the email. */
  attachPdf: boolean;
}

export class InvalidAgreementTransition extends Error {
  constructor(
    readonly action: AgreementAction,
    readonly from: AgreementStatus,
    reason: string,
  ) {
    super(reason);
  }
}

const base: Pick<AgreementPlan, 'createsOffer' | 'notify' | 'attachPdf'> = {
  createsOffer: false,
  notify: [],
  attachPdf: false,
};

/**
 * The plan of `action` from `facts`, or InvalidAgreementTransition. Decisions:
 * - the terms change only while the agreement is a draft: what was sent is what is signed;
 * - a signature on or after the first day goes straight to running;
 * - the periodic job starts (`start`) and closes (`expire`, once the end and the last bilan due
 *   date are past) agreements; an agent may close a running agreement earlier (`close`).
 */
export function plan(action: AgreementAction, f: AgreementFacts): AgreementPlan {
  const s = f.status;
  const fail = (reason: string): never => {
    throw new InvalidAgreementTransition(action, s, reason);
  };
  switch (action) {
    case 'edit':
      if (s !== 'draft') return fail('La convention n’est plus modifiable : elle a été envoyée pour signature.');
      return { ...base, event: 'edited', from: s, to: s };
    case 'send':
      if (s !== 'draft') return fail('Seule une convention en brouillon peut être envoyée pour signature.');
      return { ...base, event: 'sent', from: s, to: 'sent', notify: ['structure'], attachPdf: true };
    case 'sign':
      if (s !== 'sent')
        return fail(
          s === 'draft'
            ? 'La convention doit d’abord être envoyée pour signature.'
            : 'La convention signée a déjà été déposée.',
        );
      return {
        event: 'signed',
        from: s,
        to: f.started ? 'running' : 'signed',
        createsOffer: true,
        notify: ['agents', 'structure'],
        attachPdf: false,
      };
    case 'start':
      if (s !== 'signed') return fail('Seule une convention signée peut commencer.');
      if (!f.started) return fail('La convention ne commence pas encore.');
      return { ...base, event: 'started', from: s, to: 'running' };
    case 'close':
      if (s !== 'running') return fail('Seule une convention en cours peut être close.');
      return { ...base, event: 'closed', from: s, to: 'closed', notify: ['structure'] };
    case 'expire':
      if (s !== 'running') return fail('Seule une convention en cours peut être close.');
      if (!f.over) return fail('La convention n’est pas terminée (fin ou dernier bilan à venir).');
      return { ...base, event: 'closed', from: s, to: 'closed', notify: ['structure'] };
  }
}

/** Today in Europe/Paris, as YYYY-MM-DD (the day an agreement starts or ends is a Paris day). */
export const parisToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);

/** The facts of an agreement on `today` (YYYY-MM-DD). */
export function factsOf(
  a: { status: AgreementStatus; startsOn: string; endsOn: string; bilanDueDates: readonly string[] },
  today: string,
): AgreementFacts {
  const last = [a.endsOn, ...a.bilanDueDates].sort().at(-1)!;
  return { status: a.status, started: a.startsOn <= today, over: last < today };
}
