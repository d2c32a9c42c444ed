import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RegisterJob, type BackgroundJob } from '../../common/jobs/background-job.js';

const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

/**
 * Removes what can no longer serve: sessions past their idle or absolute expiry, tokens expired
 * for a day, rate-limit windows that ended. Nothing here changes who may do what (expired rows
 * are already refused); it keeps the tables small. Run periodically by the JobScheduler (main.ts), called directly in tests.
 */
@Injectable()
@RegisterJob()
export class AuthHousekeeping implements BackgroundJob {
  readonly jobName = 'nettoyage des comptes';
  readonly intervalMs = HOUSEKEEPING_INTERVAL_MS;

  constructor(private readonly dataSource: DataSource) {}

  /** Returns how many rows of each kind went. */
  async run(): Promise<{ sessions: number; tokens: number; limits: number }> {
    const count = async (sql: string) =>
      (
        (await this.dataSource.query(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`)) as {
          n: number;
        }[]
      )[0]!.n;
    return {
      sessions: await count(
        `DELETE FROM user_session WHERE expires_at < now() OR last_seen_at + make_interval(secs => idle_seconds) < now()`,
      ),
      tokens: await count(`DELETE FROM auth_token WHERE expires_at < now() - interval '1 day'`),
      limits: await count(`DELETE FROM rate_limit WHERE window_ends_at < now()`),
    };
  }
}
