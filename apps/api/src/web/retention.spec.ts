// The personal-data page (apps/web/src/info) states how long the platform keeps what it stores
// about people, from AUTH_LIMITS and RETENTION: this checks those numbers are what the API does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RETENTION } from '@catalogue/contracts';
import { SESSION_ABSOLUTE_DAYS } from '../common/auth/sessions.repository.js';
import { EMAIL_REQUEST_LIMITS, REGISTER_LIMITS } from '../modules/auth/account.service.js';
import { AuthHousekeeping } from '../modules/auth/auth-housekeeping.js';
import { AccountEmailRequests } from '../modules/auth/account-email-requests.js';
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

  it('gives a new département the stated default delay for registered people', async () => {
    const { rows } = await api.owner.query<{ months: number }>(
      `SELECT personal_data_retention_months AS months FROM tenant WHERE id = $1`,
      [api.tenant.id],
    );
    assert.equal(rows[0]!.months, RETENTION.registrationPersonDefaultMonths);
  });

  it('deletes a single-use link the stated delay after it expired, not before', async () => {
    const user = await makeUser(api.owner);
    const expired = (hours: number, hash: string) =>
      api.owner.query(
        `INSERT INTO auth_token (token_hash, purpose, user_id, expires_at) VALUES ($1, 'magic_link', $2, now() - make_interval(hours => $3))`,
        [hash, user.id, hours],
      );
    const hours = RETENTION.expiredLinkDays * 24;
    await expired(hours - 1, 'a'.repeat(64));
    await expired(hours + 1, 'b'.repeat(64));
    await api.t.app.get(AuthHousekeeping).run();
    const { rows } = await api.owner.query<{ token_hash: string }>(
      `SELECT token_hash FROM auth_token WHERE user_id = $1`,
      [user.id],
    );
    assert.deepEqual(
      rows.map((r) => r.token_hash[0]),
      ['a'],
    );
  });

  it('sends a pending link request within the stated delay, and drops it unsent after', async () => {
    const [early, late] = [await makeUser(api.owner), await makeUser(api.owner)];
    const minutes = RETENTION.pendingEmailRequestMaxMinutes;
    await api.owner.query(
      `INSERT INTO account_email_request (purpose, email, created_at) VALUES ('magic_link', $1, now() - make_interval(mins => $3)), ('magic_link', $2, now() - make_interval(mins => $4))`,
      [early.email, late.email, minutes - 1, minutes + 1],
    );
    while ((await api.t.app.get(AccountEmailRequests).process(null)) > 0);
    const { rows } = await api.owner.query<{ to_address: string }>(
      `SELECT to_address FROM email_outbox WHERE to_address = ANY($1)`,
      [[early.email, late.email]],
    );
    assert.deepEqual(
      rows.map((r) => r.to_address),
      [early.email],
    );
    assert.equal(
      (await api.owner.query(`SELECT 1 FROM account_email_request WHERE email = ANY($1)`, [[early.email, late.email]]))
        .rowCount,
      0,
      'nothing kept',
    );
  });
});
