// The offer's state machine, every action from every state, without a database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidTransition, moderationKind, plan, type LifecycleState, type OfferAction } from './offer-lifecycle.js';

const state = (status: LifecycleState['status'], o: Partial<LifecycleState> = {}): LifecycleState => ({
  status,
  needsReview: false,
  revision: null,
  ...o,
});
const refused = (action: OfferAction, s: LifecycleState, moderation: 'before' | 'after' = 'before') =>
  assert.throws(
    () => plan(action, s, moderation),
    InvalidTransition,
    `${action} from ${JSON.stringify(s)} should be refused`,
  );

describe('offer lifecycle', () => {
  it('edits a draft in place and a published offer through its revision', () => {
    assert.equal(plan('edit', state('draft'), 'before').editTarget, 'offer');
    const first = plan('edit', state('published'), 'before');
    assert.deepEqual(
      [first.editTarget, first.onRevision, first.from, first.to],
      ['revision', true, 'published', 'draft'],
    );
    const again = plan('edit', state('published', { revision: 'draft' }), 'before');
    assert.deepEqual([again.editTarget, again.from], ['revision', 'draft']);
  });

  it('refuses edits while moderated, and of an archived offer', () => {
    refused('edit', state('submitted'));
    refused('edit', state('published', { revision: 'submitted' }));
    refused('edit', state('archived'));
  });

  it('submits a draft for moderation (before), or publishes it to review afterwards (after)', () => {
    const before = plan('submit', state('draft'), 'before');
    assert.deepEqual(
      [before.from, before.to, before.offer?.status, before.offer?.reviewComment],
      ['draft', 'submitted', 'submitted', 'clear'],
    );
    const after = plan('submit', state('draft'), 'after');
    assert.deepEqual(
      [after.to, after.offer?.status, after.offer?.needsReview, after.offer?.confirm],
      ['published', 'published', true, true],
    );
  });

  it('submits a revision (before), or applies it at once to review afterwards (after)', () => {
    const before = plan('submit', state('published', { revision: 'draft' }), 'before');
    assert.deepEqual([before.onRevision, before.revision, before.offer], [true, 'submit', undefined]);
    const after = plan('submit', state('published', { revision: 'draft' }), 'after');
    assert.deepEqual([after.onRevision, after.revision, after.offer?.needsReview], [true, 'apply', true]);
  });

  it('refuses to submit anything but a draft or a draft revision', () => {
    for (const s of [
      state('submitted'),
      state('published'),
      state('published', { revision: 'submitted' }),
      state('archived'),
    ])
      refused('submit', s);
  });

  it('asks for changes on a submitted offer, a submitted revision, or a post-moderated offer', () => {
    const offer = plan('request_changes', state('submitted'), 'before');
    assert.deepEqual(
      [offer.from, offer.to, offer.offer?.status, offer.offer?.reviewComment],
      ['submitted', 'draft', 'draft', 'set'],
    );
    const revision = plan('request_changes', state('published', { revision: 'submitted' }), 'before');
    assert.deepEqual([revision.onRevision, revision.revision, revision.offer], [true, 'back_to_draft', undefined]);
    const post = plan('request_changes', state('published', { needsReview: true }), 'after');
    assert.deepEqual([post.from, post.to, post.offer?.needsReview], ['published', 'draft', false]);
    for (const s of [state('draft'), state('published'), state('published', { revision: 'draft' }), state('archived')])
      refused('request_changes', s);
  });

  it('publishes a submitted offer, applies a submitted revision, marks a post-moderated offer reviewed', () => {
    const offer = plan('publish', state('submitted'), 'before');
    assert.deepEqual(
      [offer.to, offer.offer?.status, offer.offer?.confirm, offer.offer?.needsReview],
      ['published', 'published', true, false],
    );
    const revision = plan('publish', state('published', { revision: 'submitted', needsReview: true }), 'before');
    assert.deepEqual([revision.revision, revision.offer?.needsReview, revision.offer?.confirm], ['apply', false, true]);
    const post = plan('publish', state('published', { needsReview: true }), 'after');
    assert.deepEqual([post.from, post.to, post.offer], ['published', 'published', { needsReview: false }]);
    for (const s of [state('draft'), state('published'), state('published', { revision: 'draft' }), state('archived')])
      refused('publish', s);
  });

  it('archives a published offer only, dropping its pending revision', () => {
    assert.equal(plan('archive', state('published'), 'before').revision, undefined);
    assert.equal(plan('archive', state('published', { revision: 'draft' }), 'before').revision, 'drop');
    for (const s of [state('draft'), state('submitted'), state('archived')]) refused('archive', s);
  });

  it('confirms a published offer only', () => {
    assert.deepEqual(plan('confirm', state('published'), 'before').offer, { confirm: true });
    for (const s of [state('draft'), state('submitted'), state('archived')]) refused('confirm', s);
  });

  it('says where an offer waits in the moderation queue', () => {
    assert.equal(moderationKind(state('submitted')), 'new');
    assert.equal(moderationKind(state('published', { revision: 'submitted', needsReview: true })), 'revision');
    assert.equal(moderationKind(state('published', { needsReview: true })), 'post');
    assert.equal(moderationKind(state('published', { revision: 'draft' })), null);
    assert.equal(moderationKind(state('draft')), null);
  });
});
