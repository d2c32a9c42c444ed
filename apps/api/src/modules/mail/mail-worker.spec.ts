// The outbox worker against the real database: memory mailbox and /dev/mailbox, a rolled-back
// change that sends nothing, a real SMTP server that refuses once then accepts, several workers.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { MailboxMessage } from '@catalogue/contracts';
import { connect } from '../../testing/test-database.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { Mailbox } from './mailbox.js';
import { backoffMs, DEFAULT_RETRY, MailWorker, shortError } from './mail-worker.js';
import { Outbox, type EmailMessage } from '../../common/outbox/outbox.js';
import { renderEmail } from './render.js';
import { readMessage, startSmtpServer, waitFor, type TestSmtpServer } from './mail.test-helpers.js';

const address = (prefix = 'destinataire') => `${prefix}-${randomUUID().slice(0, 12)}@test.local`;

const message = (to: string, subject = 'Votre accès au catalogue — Drôme'): EmailMessage => ({
  to,
  ...renderEmail(subject, {
    paragraphs: ['Un compte a été créé pour vous.'],
    action: {
      label: 'Choisir mon mot de passe',
      url: 'http://localhost:3000/connexion/nouveau-mot-de-passe?jeton=abc',
    },
  }),
});

/** A small calendar file, as an accepted session's email carries one. */
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Catalogue//FR',
  'BEGIN:VEVENT',
  'UID:seance-1@catalogue.test',
  'DTSTART:20270301T090000Z',
  'SUMMARY:Atelier « vélo » à Valence',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');
const withCalendar = (m: EmailMessage): EmailMessage => ({
  ...m,
  attachments: [{ filename: 'seance.ics', contentType: 'text/calendar; charset=utf-8', content: ICS }],
});

/**
 * Queues a message due before anything else: other test files queue emails in the same database
 * without a worker, and this worker would otherwise send their backlog first.
 */
async function enqueue(t: TestApp, m: EmailMessage): Promise<void> {
  await t.dataSource.transaction(async (db) => {
    await t.app.get(Outbox).enqueue(db, m);
    await db.query(
      `UPDATE email_outbox SET next_attempt_at = now() - interval '1 day' WHERE to_address = $1 AND sent_at IS NULL`,
      [m.to],
    );
  });
}

/**
 * Puts off what other test files queued and left unsent (they run without a worker, on the same
 * database): this file's workers then deliver and retry its own emails without waiting behind them.
 */
async function putOffBacklog(owner: pg.Client): Promise<void> {
  await owner.query(
    `UPDATE email_outbox SET next_attempt_at = now() + interval '1 day' WHERE sent_at IS NULL AND failed_at IS NULL`,
  );
}

async function row(owner: pg.Client, to: string) {
  const { rows } = await owner.query<{
    attempts: number;
    sent_at: Date | null;
    failed_at: Date | null;
    last_error: string | null;
    next_attempt_at: Date;
  }>(`SELECT attempts, sent_at, failed_at, last_error, next_attempt_at FROM email_outbox WHERE to_address = $1`, [to]);
  return rows;
}

describe('retry policy', () => {
  it('backs off exponentially from 30 s, capped at one hour, and gives up after 8 attempts', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => backoffMs(n)),
      [30_000, 60_000, 120_000, 240_000],
    );
    assert.equal(backoffMs(12), 3_600_000);
    assert.equal(DEFAULT_RETRY.maxAttempts, 8);
  });

  it('keeps a short error without the SMTP password', () => {
    const e = Object.assign(new Error('Invalid login for smtp://user:s3cr%C3%A9t@mail.example:587 with s3crét\nmore'), {
      code: 'EAUTH',
      responseCode: 535,
    });
    const text = shortError(e, 'smtp://user:s3cr%C3%A9t@mail.example:587');
    assert.ok(!text.includes('s3cr'), text);
    assert.ok(text.startsWith('EAUTH 535 '), text);
    assert.ok(!text.includes('\n'));
    assert.ok(shortError(new Error('x'.repeat(1000))).length <= 300);
  });
});

describe('mail worker with the memory mailbox', () => {
  let t: TestApp;
  let owner: pg.Client;

  before(async () => {
    t = await startTestApp({ settings: { mailWorker: true, mailPollMs: 500 } });
    owner = await connect('owner');
  });
  beforeEach(() => putOffBacklog(owner));
  after(async () => {
    await owner.end();
    await t.close();
  });

  const inMailbox = async (to: string) => {
    const res = await t.http.get('/dev/mailbox.json');
    assert.equal(res.status, 200);
    return (res.body as MailboxMessage[]).find((m) => m.to === to);
  };

  it('delivers a committed outbox row, marks it sent and lists it at /dev/mailbox.json, newest first', async () => {
    const first = address();
    const second = address();
    await enqueue(t, message(first, 'Premier message'));
    await waitFor('first email', () => inMailbox(first));
    await enqueue(t, message(second, 'Deuxième message — « accentué »'));
    const got = await waitFor('second email', () => inMailbox(second));
    assert.equal(got.subject, 'Deuxième message — « accentué »');
    assert.match(got.text, /Choisir mon mot de passe : http/);
    assert.match(got.html, /<a href="http:\/\/localhost:3000\/connexion/);
    assert.ok(!Number.isNaN(Date.parse(got.at)));
    const list = (await t.http.get('/dev/mailbox.json')).body as MailboxMessage[];
    assert.ok(list.findIndex((m) => m.to === second) < list.findIndex((m) => m.to === first), 'newest first');
    const [r] = await row(owner, second);
    assert.ok(r?.sent_at, 'sent_at is set');
    assert.equal(r.attempts, 1);
  });

  it('sends nothing for a transaction that rolls back', async () => {
    const lost = address('annule');
    const kept = address('garde');
    await assert.rejects(
      t.dataSource.transaction(async (db) => {
        await t.app.get(Outbox).enqueue(db, message(lost));
        throw new Error('the change fails after writing its email');
      }),
      /the change fails/,
    );
    await enqueue(t, message(kept));
    await waitFor('the committed email', () => inMailbox(kept));
    assert.equal(await inMailbox(lost), undefined);
    assert.deepEqual(await row(owner, lost), []);
  });

  it('delivers the attachments: listed at /dev/mailbox.json, a download link each at /dev/mailbox', async () => {
    const to = address('piece-jointe');
    await enqueue(t, withCalendar(message(to, 'Votre inscription est confirmée')));
    const got = await waitFor('the email', () => inMailbox(to));
    assert.deepEqual(got.attachments, [
      { filename: 'seance.ics', contentType: 'text/calendar; charset=utf-8', content: ICS },
    ]);
    const page = (await t.http.get('/dev/mailbox')).text;
    const link =
      /<a href="data:text\/calendar;base64,([A-Za-z0-9+/=]+)" download="seance.ics">Télécharger seance.ics<\/a>/.exec(
        page,
      );
    assert.ok(link, 'a download link named after the file');
    assert.equal(Buffer.from(link[1]!, 'base64').toString('utf8'), ICS, 'the link carries the file as sent');
    // An email without attachment lists none.
    const plain = address('sans-piece');
    await enqueue(t, message(plain));
    assert.deepEqual((await waitFor('the plain email', () => inMailbox(plain))).attachments, []);
  });

  it('shows the emails at /dev/mailbox in French, with their content escaped', async () => {
    const to = address('page');
    const m = renderEmail('<script>alert(1)</script> Évaluation « test »', {
      paragraphs: ['<img src=x onerror=alert(2)> texte'],
      action: { label: 'Ouvrir', url: 'http://localhost:3000/espace?a=1&b=2' },
    });
    await enqueue(t, { to, ...m });
    await waitFor('the email', () => inMailbox(to));
    const res = await t.http.get('/dev/mailbox');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.text, /<html lang="fr">/);
    assert.match(res.text, /Boîte aux lettres de démonstration/);
    assert.ok(!res.text.includes('<script>alert(1)</script>'), 'the subject is escaped');
    assert.ok(!res.text.includes('<img src=x'), 'the text is escaped');
    assert.ok(res.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; Évaluation « test »'));
    // The text part's link is clickable; the HTML part is shown in a sandboxed frame, escaped in srcdoc.
    assert.ok(res.text.includes('<a href="http://localhost:3000/espace?a=1&amp;b=2">'));
    assert.match(res.text, /<iframe sandbox [^>]*srcdoc="&lt;!doctype html&gt;/);
    assert.match(res.headers['content-security-policy'] as string, /default-src 'none'/);
    assert.equal(res.headers['cache-control'], 'no-store');
  });
});

describe('mail worker through SMTP', () => {
  let t: TestApp;
  let owner: pg.Client;
  let smtp: TestSmtpServer;

  before(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      settings: {
        mailWorker: true,
        mailPollMs: 60_000,
        smtpUrl: smtp.url,
        mailFrom: 'Catalogue de l’offre d’insertion <ne-pas-repondre@catalogue.test>',
      },
    });
    t.app.get(MailWorker).retry = { baseMs: 400, maxMs: 2_000, maxAttempts: 3 };
    owner = await connect('owner');
  });
  beforeEach(() => putOffBacklog(owner));
  after(async () => {
    await owner.end();
    await t.close();
    await smtp.close();
  });

  it('retries a refused email with backoff, then delivers it with a text and an HTML part and its French subject intact', async () => {
    const to = address('smtp');
    smtp.refuse.set(to, 1);
    const subject = 'Votre accès au catalogue de l’offre d’insertion — Ardèche « été »';
    await enqueue(t, message(to, subject));

    // First attempt refused: counted, kept short, rescheduled.
    const failed = await waitFor('the first failure', async () =>
      (await row(owner, to)).find((r) => r.attempts === 1 && !r.sent_at),
    );
    assert.match(failed.last_error ?? '', /450/);
    assert.equal(failed.failed_at, null);

    const mail = await waitFor('the delivery', () => smtp.received.find((m) => m.to.includes(to)), 30_000);
    const times = smtp.attempts.get(to)!;
    assert.equal(times.length, 2, 'one refused attempt, one accepted');
    assert.ok(times[1]! - times[0]! >= 350, `waited ${times[1]! - times[0]!} ms before retrying`);

    const read = readMessage(mail.raw);
    assert.equal(read.subject, subject);
    assert.match(read.contentType, /multipart\/alternative/);
    assert.match(read.text ?? '', /Un compte a été créé pour vous\./);
    assert.match(
      read.text ?? '',
      /Choisir mon mot de passe : http:\/\/localhost:3000\/connexion\/nouveau-mot-de-passe\?jeton=abc/,
    );
    assert.match(read.html ?? '', /<html lang="fr">/);
    assert.match(read.html ?? '', /Un compte a été créé pour vous\./);
    assert.equal(read.from, 'Catalogue de l’offre d’insertion <ne-pas-repondre@catalogue.test>');

    const sent = await waitFor('sent_at', async () => (await row(owner, to)).find((r) => r.sent_at));
    assert.equal(sent.attempts, 2);
  });

  it('sends the attachments as parts of their own, named, with their content intact', async () => {
    const to = address('smtp-ics');
    await enqueue(t, withCalendar(message(to, 'Votre inscription est confirmée')));
    const mail = await waitFor('the delivery', () => smtp.received.find((m) => m.to.includes(to)), 30_000);
    const read = readMessage(mail.raw);
    assert.match(read.contentType, /multipart\/mixed/);
    assert.match(read.text ?? '', /Un compte a été créé pour vous\./);
    assert.match(read.html ?? '', /<html lang="fr">/);
    assert.equal(read.attachments.length, 1);
    assert.equal(read.attachments[0]!.filename, 'seance.ics');
    assert.match(read.attachments[0]!.contentType, /^text\/calendar/);
    assert.equal(read.attachments[0]!.content.replace(/\r?\n$/, ''), ICS.replace(/\r?\n$/, ''));
  });

  it('gives up after the last attempt (failed_at) and sends it no more', async () => {
    const to = address('abandon');
    smtp.refuse.set(to, 100);
    await enqueue(t, message(to));
    const gaveUp = await waitFor('failed_at', async () => (await row(owner, to)).find((r) => r.failed_at), 30_000);
    assert.equal(gaveUp.attempts, 3);
    assert.equal(gaveUp.sent_at, null);
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(smtp.attempts.get(to)!.length, 3);
  });

  it('has no mailbox page in production mode, with or without the web app', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'catalogue-web-'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><html lang="fr"><head><title>Catalogue</title></head><body></body></html>',
    );
    const prod = await startTestApp({
      webDir,
      settings: { production: true, smtpUrl: smtp.url, publicUrl: 'https://catalogue.example' },
    });
    const demo = await startTestApp({ webDir });
    try {
      for (const path of ['/dev/mailbox', '/dev/mailbox.json']) {
        const res = await prod.http.get(path);
        assert.equal(res.status, 404, path);
        assert.equal(res.body.code, 'not_found', `${path}: the API's 404, not the web app's page`);
        // Outside production the page is served, not swallowed by the web app's fallback.
        const shown = await demo.http.get(path);
        assert.equal(shown.status, 200, path);
        assert.ok(!shown.text.includes('<title>Catalogue</title>'), path);
      }
      assert.equal((await prod.http.get('/api/v1/dev/mailbox.json')).status, 404);
    } finally {
      await prod.close();
      await demo.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  });
});

describe('several workers on one outbox', () => {
  it('send each email exactly once (rows are claimed with SKIP LOCKED)', async () => {
    const a = await startTestApp({ settings: { mailWorker: true, mailPollMs: 100 } });
    const b = await startTestApp({ settings: { mailWorker: true, mailPollMs: 100 } });
    const owner = await connect('owner');
    try {
      const batch = Array.from({ length: 30 }, () => address('lot'));
      // Written from both instances at once.
      await Promise.all(batch.map((to, i) => enqueue(i % 2 ? a : b, message(to))));
      const delivered = () =>
        [...a.app.get(Mailbox).list(), ...b.app.get(Mailbox).list()].filter((m) => batch.includes(m.to));
      await waitFor('all 30 emails', () => delivered().length >= 30);
      await new Promise((r) => setTimeout(r, 300));
      const counts = new Map<string, number>();
      for (const m of delivered()) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
      assert.equal(counts.size, 30);
      assert.ok(
        [...counts.values()].every((n) => n === 1),
        'no email sent twice',
      );
      const { rows } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM email_outbox WHERE to_address = ANY($1) AND sent_at IS NOT NULL AND attempts = 1`,
        [batch],
      );
      assert.equal(rows[0]!.n, 30);
    } finally {
      await owner.end();
      await a.close();
      await b.close();
    }
  });
});
