// A call's life, as one pure state machine: draft → published → closed (at the deadline, by the
// clock) → decided (results published); a published call can be withdrawn. And what may still be
// edited in each state: a draft takes everything; once published the form, the grid, the envelope,
// the eligibility and the opening are frozen (structures apply against them), only the title, the
// context and a later deadline may change; a closed, decided or withdrawn call is read-only.
import type { CallStatus, CallWrite } from '@catalogue/contracts';

export type CallAction = 'publish' | 'close' | 'withdraw' | 'decide';

export interface CallFacts {
  status: CallStatus;
  /** Applications still waiting for a decision (submitted or completion asked): results wait for them. */
  undecidedApplications: number;
}

export interface CallTransition {
  event: 'published' | 'closed' | 'withdrawn' | 'decided';
  from: CallStatus;
  to: CallStatus;
}

export class InvalidCallTransition extends Error {
  constructor(
    readonly action: CallAction,
    readonly from: CallStatus,
    readonly code: 'invalid_transition' | 'undecided_applications',
    message: string,
  ) {
    super(message);
  }
}

const fail = (
  action: CallAction,
  f: CallFacts,
  message: string,
  code: InvalidCallTransition['code'] = 'invalid_transition',
): never => {
  throw new InvalidCallTransition(action, f.status, code, message);
};

/** The transition `action` makes from `facts`, or InvalidCallTransition. */
export function transition(action: CallAction, f: CallFacts): CallTransition {
  switch (action) {
    case 'publish':
      if (f.status !== 'draft') return fail(action, f, 'Seul un brouillon peut être publié.');
      return { event: 'published', from: 'draft', to: 'published' };
    case 'close':
      if (f.status !== 'published') return fail(action, f, 'Seul un appel publié se clôt.');
      return { event: 'closed', from: 'published', to: 'closed' };
    case 'withdraw':
      if (f.status !== 'published') return fail(action, f, 'Seul un appel publié peut être retiré.');
      return { event: 'withdrawn', from: 'published', to: 'withdrawn' };
    case 'decide':
      if (f.status !== 'closed') return fail(action, f, 'Les résultats se publient une fois l’appel clos.');
      if (f.undecidedApplications > 0)
        return fail(
          action,
          f,
          `${f.undecidedApplications} dossier(s) attendent encore une décision : décidez-les avant de publier les résultats.`,
          'undecided_applications',
        );
      return { event: 'decided', from: 'closed', to: 'decided' };
  }
}

export type CallField = keyof CallWrite;

/** What a published call still accepts. */
const EDITABLE_WHEN_PUBLISHED: ReadonlySet<CallField> = new Set<CallField>(['title', 'context', 'closesAt']);

export type EditVerdict =
  { ok: true } | { ok: false; code: 'form_frozen' | 'not_editable'; field: CallField | null; message: string };

const FIELD_LABELS: Record<CallField, string> = {
  title: 'le titre',
  context: 'le contexte',
  fiches: 'les fiches action',
  eligibleKinds: 'les structures éligibles',
  eligiblePublics: 'les publics',
  territory: 'le territoire',
  envelope: 'l’enveloppe',
  opensAt: 'la date d’ouverture',
  closesAt: 'la date limite',
  questions: 'le formulaire',
  documents: 'les pièces demandées',
  grid: 'la grille d’analyse',
};

/**
 * Whether the fields in `changed` (those whose value differs from the call's) may change in
 * `status`. `postponed`: the new deadline is later than the current one.
 */
export function checkEdit(status: CallStatus, changed: readonly CallField[], postponed: boolean): EditVerdict {
  if (status === 'draft' || !changed.length) return { ok: true };
  if (status !== 'published')
    return {
      ok: false,
      code: 'not_editable',
      field: changed[0]!,
      message: 'Un appel clos, décidé ou retiré ne se modifie plus.',
    };
  for (const field of changed) {
    if (!EDITABLE_WHEN_PUBLISHED.has(field))
      return {
        ok: false,
        code: 'form_frozen',
        field,
        message: `L’appel est publié : ${FIELD_LABELS[field]} ne peut plus changer.`,
      };
    if (field === 'closesAt' && !postponed)
      return {
        ok: false,
        code: 'form_frozen',
        field,
        message: 'L’appel est publié : la date limite ne peut qu’être reportée.',
      };
  }
  return { ok: true };
}
