// The offer's life, as one explicit and pure state machine: what each action does from each state.
// The service asks `plan(...)` and the repository carries the plan out; nothing else decides.
import type { OfferStatusCode } from '@catalogue/contracts';

export type OfferAction = 'edit' | 'submit' | 'request_changes' | 'publish' | 'archive' | 'confirm';
export type Moderation = 'before' | 'after';

/** What the machine needs to know about an offer. */
export interface LifecycleState {
  status: OfferStatusCode;
  /** Published under post-moderation and not reviewed yet. */
  needsReview: boolean;
  /** The pending edit of a published offer, if any. */
  revision: 'draft' | 'submitted' | null;
}

/** What a transition does. Fields left out are left unchanged. */
export interface Plan {
  /** The history's action and states (for revision events: the revision's own states). */
  event: 'edited' | 'submitted' | 'changes_requested' | 'published' | 'archived' | 'confirmed';
  from: OfferStatusCode;
  to: OfferStatusCode;
  onRevision: boolean;
  /** Edits go to the offer itself or to its pending revision. */
  editTarget?: 'offer' | 'revision';
  offer?: {
    status?: OfferStatusCode;
    needsReview?: boolean;
    /** `set`: the moderator's comment; `clear`: forget it. */
    reviewComment?: 'set' | 'clear';
    submittedAt?: 'now' | 'clear';
    /** confirmed_at = now() (publishing counts as "up to date"). */
    confirm?: boolean;
  };
  revision?: 'submit' | 'back_to_draft' | 'apply' | 'drop';
}

export class InvalidTransition extends Error {
  constructor(
    readonly action: OfferAction,
    readonly state: LifecycleState,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const fail = (action: OfferAction, state: LifecycleState, reason: string): never => {
  throw new InvalidTransition(action, state, reason);
};

/**
 * The plan of `action` from `state`, or InvalidTransition. Decisions (ADR-style, see README):
 * - a submitted offer (or a submitted revision) is not edited: it is being moderated (409);
 * - under post-moderation (`after`), submitting publishes at once with needs_review, for a new
 *   offer and for a revision alike; asking changes on such an offer takes it back to draft (it
 *   leaves the public catalogue), publishing it only marks it reviewed;
 * - archived is final.
 */
export function plan(action: OfferAction, s: LifecycleState, moderation: Moderation): Plan {
  switch (action) {
    case 'edit':
      if (s.status === 'draft')
        return { event: 'edited', from: 'draft', to: 'draft', onRevision: false, editTarget: 'offer' };
      if (s.status === 'published' && s.revision !== 'submitted') {
        return {
          event: 'edited',
          from: s.revision ? 'draft' : 'published',
          to: 'draft',
          onRevision: true,
          editTarget: 'revision',
        };
      }
      if (s.status === 'submitted' || s.revision === 'submitted')
        return fail(action, s, 'Offre en cours de modération : elle ne peut pas être modifiée.');
      return fail(action, s, 'Une offre archivée ne peut pas être modifiée.');

    case 'submit':
      if (s.status === 'draft') {
        return moderation === 'before'
          ? {
              event: 'submitted',
              from: 'draft',
              to: 'submitted',
              onRevision: false,
              offer: { status: 'submitted', reviewComment: 'clear', submittedAt: 'now' },
            }
          : {
              event: 'submitted',
              from: 'draft',
              to: 'published',
              onRevision: false,
              offer: {
                status: 'published',
                needsReview: true,
                reviewComment: 'clear',
                submittedAt: 'now',
                confirm: true,
              },
            };
      }
      if (s.status === 'published' && s.revision === 'draft') {
        return moderation === 'before'
          ? { event: 'submitted', from: 'draft', to: 'submitted', onRevision: true, revision: 'submit' }
          : {
              event: 'submitted',
              from: 'draft',
              to: 'published',
              onRevision: true,
              revision: 'apply',
              offer: { needsReview: true, submittedAt: 'now', confirm: true },
            };
      }
      return fail(action, s, 'Seul un brouillon (ou une modification en brouillon) peut être soumis.');

    case 'request_changes':
      if (s.status === 'submitted') {
        return {
          event: 'changes_requested',
          from: 'submitted',
          to: 'draft',
          onRevision: false,
          offer: { status: 'draft', reviewComment: 'set', submittedAt: 'clear' },
        };
      }
      if (s.status === 'published' && s.revision === 'submitted') {
        return {
          event: 'changes_requested',
          from: 'submitted',
          to: 'draft',
          onRevision: true,
          revision: 'back_to_draft',
        };
      }
      if (s.status === 'published' && s.needsReview) {
        return {
          event: 'changes_requested',
          from: 'published',
          to: 'draft',
          onRevision: false,
          offer: { status: 'draft', needsReview: false, reviewComment: 'set', submittedAt: 'clear' },
        };
      }
      return fail(action, s, 'Aucune modération en attente sur cette offre.');

    case 'publish':
      if (s.status === 'submitted') {
        return {
          event: 'published',
          from: 'submitted',
          to: 'published',
          onRevision: false,
          offer: { status: 'published', needsReview: false, reviewComment: 'clear', confirm: true },
        };
      }
      if (s.status === 'published' && s.revision === 'submitted') {
        return {
          event: 'published',
          from: 'submitted',
          to: 'published',
          onRevision: true,
          revision: 'apply',
          offer: { needsReview: false, confirm: true },
        };
      }
      if (s.status === 'published' && s.needsReview) {
        return {
          event: 'published',
          from: 'published',
          to: 'published',
          onRevision: false,
          offer: { needsReview: false },
        };
      }
      return fail(action, s, 'Aucune modération en attente sur cette offre.');

    case 'archive':
      if (s.status === 'published') {
        return {
          event: 'archived',
          from: 'published',
          to: 'archived',
          onRevision: false,
          offer: { status: 'archived', needsReview: false },
          ...(s.revision ? { revision: 'drop' as const } : {}),
        };
      }
      return fail(action, s, 'Seule une offre publiée peut être archivée.');

    case 'confirm':
      if (s.status === 'published')
        return { event: 'confirmed', from: 'published', to: 'published', onRevision: false, offer: { confirm: true } };
      return fail(action, s, 'Seule une offre publiée peut être confirmée à jour.');
  }
}

/** Where the offer waits in the moderation queue, if it does. */
export function moderationKind(s: LifecycleState): 'new' | 'revision' | 'post' | null {
  if (s.status === 'submitted') return 'new';
  if (s.status === 'published' && s.revision === 'submitted') return 'revision';
  if (s.status === 'published' && s.needsReview) return 'post';
  return null;
}
