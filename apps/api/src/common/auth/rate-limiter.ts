import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

export class TooManyRequests extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      { code: 'too_many_requests', message: 'Trop de tentatives : réessayez plus tard', retryAfter: retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Fixed-window counters kept in PostgreSQL, so limits hold across restarts and API instances.
 * `check` refuses once a key has reached its maximum; `hit` counts one more event.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  /** Throws 429 (with the seconds to wait) if any of the limits is reached. */
  async check(limits: Limit[]): Promise<void> {
    const rows: { key: string; hits: number; wait: number }[] = await this.dataSource.query(
      `SELECT key, hits, ceil(extract(epoch FROM window_ends_at - now()))::int AS wait
         FROM rate_limit WHERE key = ANY($1) AND window_ends_at > now()`,
      [limits.map((l) => l.key)],
    );
    let wait = 0;
    for (const r of rows) {
      const limit = limits.find((l) => l.key === r.key)!;
      if (r.hits >= limit.max) wait = Math.max(wait, r.wait, 1);
    }
    if (wait > 0) throw new TooManyRequests(wait);
  }

  /** Counts one event for each limit (a new window starts when the last one ended). */
  async hit(limits: Limit[]): Promise<void> {
    for (const l of limits) {
      await this.dataSource.query(
        `INSERT INTO rate_limit AS r (key, hits, window_ends_at) VALUES ($1, 1, now() + make_interval(secs => $2))
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END,
           window_ends_at = CASE WHEN r.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE r.window_ends_at END`,
        [l.key, l.windowSeconds],
      );
    }
  }

  /** Checks, then counts: for requests limited whatever their outcome (reset, magic link). */
  async consume(limits: Limit[]): Promise<void> {
    await this.check(limits);
    await this.hit(limits);
  }

  async clear(keys: string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit WHERE key = ANY($1)`, [keys]);
  }
}
