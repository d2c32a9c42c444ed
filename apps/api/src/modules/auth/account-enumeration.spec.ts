// Nothing tells whether an address has an account: not the answer of a reset or magic-link
// request, not its duration. The request does the same work either way (the same statements, none
// of which reads the account); the lookup comes after the answer. Proven on the statements, not on
// timings, which a shared machine makes too noisy to assert on.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { makeUser } from '../../testing/accounts.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { connect } from '../../testing/test-database.js';
import { AccountEmailRequests } from './account-email-requests.js';
import { emailsTo, uniqueEmail, uniqueIp } from './auth.test-helpers.js';

const PATHS = ['/auth/password-reset', '/auth/magic-link'] as const;

describe('account enumeration through reset and magic-link requests', () => {
  let t: TestApp;
  let owner: pg.Client;
  let requests: AccountEmailRequests;
  before(async () => {
    t = await startTestApp();
    owner = await connect('owner');
    requests = t.app.get(AccountEmailRequests);
  });
  after(async () => {
    await owner.end();
    await t.close();
  });

  const post = (path: string, email: string) =>
    t.http.post(`/api/v1${path}`).set('X-Forwarded-For', uniqueIp()).send({ email });

  /** The SQL statements (text only) that the application sends while it handles one request. */
  async function statementsOf(send: () => PromiseLike<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const q = args[0];
      seen.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
      return original.apply(this, args);
    };
    try {
      await send();
    } finally {
      proto.query = original;
    }
    return seen;
  }

  for (const path of PATHS) {
    it(`${path}: sends the same statements for a known and an unknown address, then emails only the account`, async () => {
      // Requests are held back here (handled below), so only the request's own work is recorded.
      const held: string[] = [];
      const schedule = requests.schedule.bind(requests);
      requests.schedule = (id: string) => void held.push(id);
      try {
        const known = (await makeUser(owner)).email;
        const unknown = uniqueEmail('inconnu');
        const forKnown = await statementsOf(() => post(path, known).expect(202));
        const forUnknown = await statementsOf(() => post(path, unknown).expect(202));
        assert.ok(forKnown.length > 0);
        assert.deepEqual(forUnknown, forKnown);
        assert.ok(
          !forKnown.some((s) => /app_user|auth_token|email_outbox/.test(s)),
          `the request itself looks nothing up: ${forKnown.join(' | ')}`,
        );

        assert.equal(held.length, 2);
        assert.equal(await requests.process(held), 2);
        assert.equal((await emailsTo(owner, known)).length, 1);
        assert.equal((await emailsTo(owner, unknown)).length, 0);
      } finally {
        requests.schedule = schedule;
      }
    });
  }

  it('sends a request that a stopped process left behind, and drops one older than an hour unsent', async () => {
    const left = (await makeUser(owner)).email;
    const stale = (await makeUser(owner)).email;
    await owner.query(
      `INSERT INTO account_email_request (purpose, email, created_at) VALUES ('magic_link', $1, now() - interval '20 seconds'), ('password_reset', $2, now() - interval '2 hours')`,
      [left, stale],
    );
    while ((await requests.process(null)) > 0);
    assert.equal((await emailsTo(owner, left))[0]?.subject, 'Votre lien de connexion');
    assert.equal((await emailsTo(owner, stale)).length, 0);
  });
});
