import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RegisterJob, type BackgroundJob } from '../../common/jobs/background-job.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AUTH_LIMITS, RETENTION } from '@catalogue/contracts';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { magicLinkEmail, passwordResetEmail } from './auth-emails.js';
import { AuthTokensRepository } from './auth-tokens.repository.js';
import { UsersRepository } from './users.repository.js';

export type EmailRequestPurpose = 'password_reset' | 'magic_link';

/** Left by a stopped process or another instance: looked for this often, once this old. */
const SWEEP_INTERVAL_MS = 30_000;
const STALE_AFTER_SECONDS = 10;
/** A request this old is dropped unsent: nobody is waiting for that link any more. */
const DROP_AFTER_SECONDS = RETENTION.pendingEmailRequestMaxMinutes * 60;
const BATCH = 50;

const TTL_SECONDS: Record<EmailRequestPurpose, number> = {
  password_reset: AUTH_LIMITS.resetTokenMinutes * 60,
  magic_link: AUTH_LIMITS.magicLinkMinutes * 60,
};

/**
 * Password-reset and magic-link requests, handled after the answer has gone. While the client
 * waits, the request does the same work whatever the address (one INSERT here, after the rate
 * limits): its duration cannot tell whether an account exists. Right after the response, this
 * process takes its own request (FOR UPDATE SKIP LOCKED, so no two workers take one row), looks
 * the address up and, for an account, issues the token and writes the email, all in one
 * transaction: the row goes only with the email. A periodic sweep (run by the JobScheduler) takes rows
 * that a stopped process left behind.
 */
@Injectable()
@RegisterJob()
export class AccountEmailRequests implements BackgroundJob, OnApplicationShutdown {
  readonly jobName = 'reprise des demandes de lien';
  readonly intervalMs = SWEEP_INTERVAL_MS;
  private readonly log = new Logger('Comptes');
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: AuthTokensRepository,
    private readonly outbox: Outbox,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  /** Writes the request (committed on return) and has it handled once the response is on its way. */
  async enqueue(purpose: EmailRequestPurpose, email: string, ip: string | null): Promise<void> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO account_email_request (purpose, email, ip) VALUES ($1, $2, $3) RETURNING id`,
      [purpose, email, ip],
    );
    this.schedule(rows[0]!.id);
  }

  /** setImmediate runs after the microtasks that write the response. */
  schedule(id: string): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.process([id]))
      .then(
        () => undefined,
        (e: unknown) =>
          this.log.warn(
            `demande de lien non traitée (reprise au prochain passage) : ${e instanceof Error ? e.message : String(e)}`,
          ),
      );
    this.inflight.add(run);
    void run.then(() => this.inflight.delete(run));
  }

  /** Handles the given requests, or (null) those left behind; returns how many rows were taken. */
  async process(ids: string[] | null): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const taken: { purpose: EmailRequestPurpose; email: string; fresh: boolean }[] = await m.query(
        `WITH taken AS (
           DELETE FROM account_email_request WHERE id IN (
             SELECT id FROM account_email_request
              WHERE CASE WHEN $1::bigint[] IS NULL THEN created_at < now() - make_interval(secs => $2) ELSE id = ANY($1::bigint[]) END
              ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
           RETURNING purpose, email, created_at > now() - make_interval(secs => $3) AS fresh)
         SELECT purpose, email, fresh FROM taken`,
        [ids, STALE_AFTER_SECONDS, DROP_AFTER_SECONDS],
      );
      for (const request of taken) if (request.fresh) await this.handle(m, request.purpose, request.email);
      return taken.length;
    });
  }

  private async handle(m: EntityManager, purpose: EmailRequestPurpose, email: string): Promise<void> {
    const user = await this.users.findByEmail(email, m);
    if (!user) return;
    const token = await this.tokens.issue(m, purpose, user.id, TTL_SECONDS[purpose]);
    const render = purpose === 'password_reset' ? passwordResetEmail : magicLinkEmail;
    await this.outbox.enqueue(m, { to: user.email, ...render(this.settings.publicUrl, user.name, token) });
  }

  /** Takes what stopped processes left behind (the JobScheduler runs it every 30 seconds). */
  async run(): Promise<void> {
    while ((await this.process(null)) === BATCH);
  }

  /** Resolves when the requests handed to this process are done (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }
}
