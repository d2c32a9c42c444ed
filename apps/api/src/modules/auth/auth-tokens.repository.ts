import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hashToken, newToken } from '../../common/auth/session-cookie.js';

export type TokenPurpose = 'verify_email' | 'password_reset' | 'magic_link' | 'oidc_state';

export interface ConsumedToken {
  userId: string | null;
  data: Record<string, unknown>;
}

type Db = Pick<EntityManager, 'query'>;

/**
 * Single-use, short-lived tokens sent by email (or kept for a sign-on round trip). Only their
 * SHA-256 is stored; consuming one is a single UPDATE, so two requests cannot both use it.
 */
@Injectable()
export class AuthTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new token; returns the clear value (for the link), never stored. */
  async issue(
    db: Db,
    purpose: TokenPurpose,
    userId: string | null,
    ttlSeconds: number,
    data: Record<string, unknown> = {},
    token = newToken(),
  ): Promise<string> {
    await db.query(
      `INSERT INTO auth_token (token_hash, purpose, user_id, data, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [hashToken(token), purpose, userId, JSON.stringify(data), ttlSeconds],
    );
    return token;
  }

  /** Whether the token is live (unused, unexpired), without using it: to refuse early before costly work. */
  async isLive(purpose: TokenPurpose, token: string, db: Db = this.dataSource): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM auth_token WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [hashToken(token), purpose],
    );
    return rows.length > 0;
  }

  /** Uses the token once: its owner and data, or null when unknown, used, expired or of another purpose. */
  async consume(db: Db, purpose: TokenPurpose, token: string): Promise<ConsumedToken | null> {
    const rows: { user_id: string | null; data: Record<string, unknown> }[] = await db.query(
      // In a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with its rows.
      `WITH used AS (
         UPDATE auth_token SET used_at = now()
          WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
          RETURNING user_id, data)
       SELECT user_id, data FROM used`,
      [hashToken(token), purpose],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, data: row.data } : null;
  }

  /** Every other live token of that purpose for the user stops working (after a password reset). */
  async revokeAll(db: Db, userId: string, purpose: TokenPurpose): Promise<void> {
    await db.query(`UPDATE auth_token SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [
      userId,
      purpose,
    ]);
  }
}
