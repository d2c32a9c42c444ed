// The demo mailbox holds live sign-in links: it answers this machine only, judged by the socket.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { makeUser } from '../../testing/accounts.js';
import { connect } from '../../testing/test-database.js';
import { request, startListeningApp, type ListeningApp } from '../../testing/remote-client.js';
import { AccountEmailRequests } from '../auth/account-email-requests.js';
import { Mailbox } from './mailbox.js';

describe('demo mailbox', () => {
  let t: ListeningApp;
  let owner: pg.Client;
  let email: string;
  before(async () => {
    // Trusting the peer as a proxy shows that even a believed X-Forwarded-For cannot open the mailbox.
    // No outbox worker (it would take other test files' emails): this address's are delivered below.
    t = await startListeningApp({ settings: { trustProxy: 1 } });
    owner = await connect('owner');
    email = (await makeUser(owner, { platformAdmin: true })).email;
  });
  after(async () => {
    await owner.end();
    await t.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => request(t.base, path, { headers });

  /** The magic link sent for the address shows in the mailbox of this machine. */
  async function magicLinkDelivered(): Promise<void> {
    const res = await request(t.base, '/api/v1/auth/magic-link', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.10' },
      body: JSON.stringify({ email }),
    });
    assert.equal(res.status, 202);
    await t.app.get(AccountEmailRequests).idle();
    // What the outbox worker does with npm start, for this address only.
    const [rows] = (await t.dataSource.query(
      `UPDATE email_outbox SET sent_at = clock_timestamp(), attempts = attempts + 1 WHERE to_address = $1 AND sent_at IS NULL RETURNING to_address, subject, text_body, html_body`,
      [email],
    )) as [{ to_address: string; subject: string; text_body: string; html_body: string }[], number];
    for (const r of rows)
      t.app.get(Mailbox).deliver({ to: r.to_address, subject: r.subject, text: r.text_body, html: r.html_body });
    const list = JSON.parse((await get('/dev/mailbox.json')).text) as { to: string; text: string }[];
    assert.ok(
      list.some((m) => m.to === email && m.text.includes('jeton=')),
      'the magic link is in the mailbox',
    );
  }

  it('shows the emails to a client on this machine', async () => {
    await magicLinkDelivered();
    assert.equal((await get('/dev/mailbox')).status, 200);
  });

  it('answers 404 to a remote client, whatever its headers claim', async () => {
    await magicLinkDelivered();
    t.peerSeenAs('192.0.2.10');
    try {
      for (const path of ['/dev/mailbox.json', '/dev/mailbox']) {
        const forged: Record<string, string>[] = [
          {},
          { 'x-forwarded-for': '127.0.0.1' },
          { 'x-real-ip': '127.0.0.1', host: 'localhost', forwarded: 'for=127.0.0.1' },
        ];
        for (const headers of forged) {
          const res = await get(path, headers);
          assert.equal(res.status, 404, `${path} ${JSON.stringify(headers)}`);
          const body = res.text;
          assert.ok(!body.includes(email) && !body.includes('jeton'), 'nothing of the messages leaks');
          assert.equal(JSON.parse(body).code, 'not_found');
        }
      }
    } finally {
      t.peerSeenAs(null);
    }
  });

  it('counts an IPv4-mapped loopback peer as local, and a look-alike as remote', async () => {
    for (const [peer, status] of [
      ['::ffff:127.0.0.1', 200],
      ['::1', 200],
      ['127.8.9.10', 200],
      ['::ffff:128.0.0.1', 404],
      ['1270.0.0.1', 404],
    ] as const) {
      t.peerSeenAs(peer);
      try {
        assert.equal((await get('/dev/mailbox.json')).status, status, peer);
      } finally {
        t.peerSeenAs(null);
      }
    }
  });
});
