import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { makeUser, signedIn } from '../../testing/accounts.js';
import { AuthHousekeeping } from './auth-housekeeping.js';

describe('accounts housekeeping', () => {
  let api: ApiTest;
  before(async () => {
    api = await startApiTest();
  });
  after(() => api.close());

  it('removes idle-expired sessions and keeps live ones working', async () => {
    const idle = await signedIn(api.owner, api.t.http, await makeUser(api.owner));
    const live = await signedIn(api.owner, api.t.http, await makeUser(api.owner));
    await api.owner.query(`UPDATE user_session SET last_seen_at = now() - interval '9 hours' WHERE user_id = $1`, [
      idle.user.id,
    ]);
    await api.owner.query(
      `INSERT INTO rate_limit (key, hits, window_ends_at) VALUES ('test:old-window', 3, now() - interval '1 minute')`,
    );
    const removed = await api.t.app.get(AuthHousekeeping).run();
    assert.ok(removed.sessions >= 1 && removed.limits >= 1);
    const left = await api.owner.query(`SELECT user_id FROM user_session WHERE user_id = ANY($1)`, [
      [idle.user.id, live.user.id],
    ]);
    assert.deepEqual(
      left.rows.map((r: { user_id: string }) => r.user_id),
      [live.user.id],
    );
    await live.get('/api/v1/me').expect(200);
    await idle.get('/api/v1/me').expect(401);
  });
});
