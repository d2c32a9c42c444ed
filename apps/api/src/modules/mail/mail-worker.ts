// Sends the outbox: woken by the NOTIFY of each commit that wrote an email (LISTEN on a dedicated
// connection) and by a poll, it claims due rows with FOR UPDATE SKIP LOCKED, so several API
// instances share the work without sending an email twice. Delivery is at least once: a crash
// between the SMTP answer and the commit sends that email again.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import type { EmailAttachment } from '../../common/outbox/outbox.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';

export const OUTBOX_CHANNEL = 'email_outbox';

export interface RetryPolicy {
  /** Delay after the first failure; doubled after each further one. */
  baseMs: number;
  maxMs: number;
  /** After this many failed attempts the email is given up (failed_at). */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 8 };

/** Wait before the next attempt once `attempts` have failed: base × 2^(attempts − 1), capped. */
export const backoffMs = (attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number =>
  Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));

/** What is kept of a failure: short, one line, without the SMTP credentials. */
export function shortError(e: unknown, smtpUrl: string | null = null): string {
  const err = (e ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  let text = [err.code, err.responseCode, typeof err.message === 'string' ? err.message : String(e)]
    .filter((p) => p !== undefined && p !== null && p !== '')
    .join(' ');
  let password = '';
  try {
    password = smtpUrl ? decodeURIComponent(new URL(smtpUrl).password) : '';
  } catch {
    /* not a URL: nothing to hide */
  }
  if (password) text = text.split(password).join('***');
  return text
    .replace(/\/\/[^/\s@]*@/g, '//***@')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attachments: EmailAttachment[];
  attempts: number;
}

@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  /** Replaceable (tests use a short one). */
  retry: RetryPolicy = DEFAULT_RETRY;
  batchSize = 10;
  private readonly log = new Logger('Courriel');
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.mailWorker) return;
    this.stopped = false;
    await this.listen();
    this.wake();
  }

  // On shutdown (main.ts, after the HTTP drain): the batch in progress is finished and committed
  // (each email is marked sent in the transaction that claimed it), no new batch starts (round()
  // and wake() read `stopped`), then the pool may close. What is left is sent by the next start.
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const t of [this.timer, this.reconnectTimer]) if (t) clearTimeout(t);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.running;
    this.transport.close();
  }

  /** Looks for due emails now, or right after the round in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Whether a round is in progress (tests wait for it to settle). */
  get busy(): boolean {
    return this.running !== null;
  }

  private async round(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    let next = this.settings.mailPollMs;
    try {
      while (!this.stopped && (await this.sendBatch()) === this.batchSize);
      // A retry due before the next poll wakes the worker on time.
      const due = await this.nextDueInMs();
      if (due !== null) next = Math.min(next, Math.max(due, 0) + 10);
    } catch (e) {
      this.log.warn(`Outbox inaccessible (${shortError(e)})`);
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => this.wake(), next);
      this.timer.unref();
    }
  }

  /** Claims up to batchSize due emails, sends them and records the outcome; returns how many were claimed. */
  async sendBatch(): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      const rows: OutboxRow[] = await db.query(
        `SELECT id, to_address, subject, text_body, html_body, attachments, attempts FROM email_outbox
          WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      let sent = 0;
      for (const row of rows) {
        try {
          await this.transport.send({
            to: row.to_address,
            subject: row.subject,
            text: row.text_body,
            html: row.html_body,
            attachments: row.attachments,
          });
          await db.query(
            `UPDATE email_outbox SET sent_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
            [row.id],
          );
          sent++;
        } catch (e) {
          const attempts = row.attempts + 1;
          const giveUp = attempts >= this.retry.maxAttempts;
          await db.query(
            `UPDATE email_outbox SET attempts = $2, last_error = $3,
                    next_attempt_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000),
                    failed_at = CASE WHEN $5 THEN clock_timestamp() END
              WHERE id = $1`,
            [row.id, attempts, shortError(e, this.settings.smtpUrl), backoffMs(attempts, this.retry), giveUp],
          );
          // Ids and counts only: bodies and links carry tokens, addresses are personal data.
          const code =
            (e as { responseCode?: unknown; code?: unknown }).responseCode ??
            (e as { code?: unknown }).code ??
            'erreur';
          this.log.warn(
            `E-mail ${row.id} : échec de l’envoi n° ${attempts} (${String(code)})${giveUp ? ', abandonné' : ''}`,
          );
        }
      }
      if (sent) this.log.log(`${sent} e-mail(s) envoyé(s) (${this.transport.kind})`);
      return rows.length;
    });
  }

  private async nextDueInMs(): Promise<number | null> {
    const rows: { ms: number | null }[] = await this.dataSource.query(
      `SELECT (extract(epoch FROM min(next_attempt_at) - clock_timestamp()) * 1000)::float8 AS ms
         FROM email_outbox WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
    return rows[0]?.ms ?? null;
  }

  /** A connection of its own that LISTENs: each commit that wrote an email wakes the worker at once. */
  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) {
      this.log.warn('Pas d’URL de base de données : l’outbox est seulement interrogée périodiquement');
      return;
    }
    const client = new pg.Client({ connectionString: url, application_name: 'catalogue-mail-worker' });
    const lost = (e?: unknown) => {
      if (this.listener !== client) return;
      this.listener = null;
      if (this.stopped) return;
      this.log.warn(`Écoute de l’outbox interrompue${e ? ` (${shortError(e)})` : ''} : nouvelle tentative dans 5 s`);
      void client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.listen().then(() => this.wake()), 5_000);
      this.reconnectTimer.unref();
    };
    client.on('notification', () => this.wake());
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      this.listener = client;
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (e) {
      lost(e);
    }
  }
}
