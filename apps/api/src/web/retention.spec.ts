// The personal-data page (apps/web/src/info) states how long the platform keeps what it stores
// about people, from AUTH_LIMITS and RETENTION: this checks those numbers are what the API does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RETENTION } from '@catalogue/contracts';
import { SESSION_ABSOLUTE_DAYS } from '../common/auth/sessions.repository.js';
import { EMAIL_REQUEST_LIMITS, REGISTER_LIMITS } from '../modules/auth/account.service.js';
import { AuthHousekeeping } from '../modules/auth/auth-housekeeping.js';
import { WELCOME_LINK_DAYS } from '../modules/platform/staff-emails.js';
import { makeUser } from '../testing/accounts.js';
import { startApiTest, type ApiTest } from '../testing/test-app.js';

describe('retention stated on the personal-data page', () => {
  let api: ApiTest;
  before(async () => {
    api = await startApiTest();
  });
  after(() => api.close());

  it('matches the API’s own durations', () => {
    assert.equal(RETENTION.sessionMaxDays, SESSION_ABSOLUTE_DAYS);
    assert.equal(RETENTION.welcomeLinkDays, WELCOME_LINK_DAYS);
    assert.equal(RETENTION.emailRequestWindowMinutes * 60, EMAIL_REQUEST_LIMITS.windowSeconds);
    assert.equal(RETENTION.emailRequestWindowMinutes * 60, REGISTER_LIMITS.windowSeconds);
  });

  it('deletes a single-use link the stated delay after it expired, not before', async () => {
    const user = await makeUser(api.owner);
    const expired = (hours: number, hash: string) =>
      api.owner.query(`INSERT INTO auth_token (token_hash, purpose, user_id, expires_at) VALUES ($1, 'magic_link', $2, now() - make_interval(hours => $3))`, [hash, user.id, hours]);
    const hours = RETENTION.expiredLinkDays * 24;
    await expired(hours - 1, 'a'.repeat(64));
    await expired(hours + 1, 'b'.repeat(64));
    await api.t.app.get(AuthHousekeeping).run();
    const { rows } = await api.owner.query<{ token_hash: string }>(`SELECT token_hash FROM auth_token WHERE user_id = $1`, [user.id]);
    assert.deepEqual(rows.map((r) => r.token_hash[0]), ['a']);
  });
});
