import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  platform_admin: boolean;
  oidc_siret: string | null;
}

type Db = Pick<EntityManager, 'query'>;

/** Accounts are global: one person, one email, memberships in any number of tenants. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByEmail(email: string, db: Db = this.dataSource): Promise<UserRow | null> {
    const rows: UserRow[] = await db.query(
      `SELECT id, email, name, password_hash, email_verified_at, platform_admin, oidc_siret FROM app_user WHERE email = $1`,
      [email.trim().toLowerCase()],
    );
    return rows[0] ?? null;
  }

  async findById(id: string, db: Db = this.dataSource): Promise<UserRow | null> {
    const rows: UserRow[] = await db.query(
      `SELECT id, email, name, password_hash, email_verified_at, platform_admin, oidc_siret FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async create(
    db: Db,
    u: { email: string; name: string; passwordHash: string | null; verified: boolean; platformAdmin?: boolean },
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO app_user (email, name, password_hash, email_verified_at, platform_admin)
       VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END, $5) RETURNING id`,
      [u.email.trim().toLowerCase(), u.name, u.passwordHash, u.verified, u.platformAdmin ?? false],
    );
    return rows[0]!.id;
  }

  /** Creates the account unless the email is taken (by a concurrent sign-up too): its id, or null. */
  async createIfAbsent(
    db: Db,
    u: { email: string; name: string; passwordHash: string | null; verified: boolean },
  ): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO app_user (email, name, password_hash, email_verified_at)
       VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [u.email.trim().toLowerCase(), u.name, u.passwordHash, u.verified],
    );
    return rows[0]?.id ?? null;
  }

  async findByOidc(issuer: string, subject: string, db: Db = this.dataSource): Promise<UserRow | null> {
    const rows: UserRow[] = await db.query(
      `SELECT id, email, name, password_hash, email_verified_at, platform_admin, oidc_siret FROM app_user WHERE oidc_issuer = $1 AND oidc_subject = $2`,
      [issuer, subject],
    );
    return rows[0] ?? null;
  }

  /** Binds the account to a single sign-on identity and keeps the SIRET the provider gave (if any). */
  async linkOidc(db: Db, userId: string, o: { issuer: string; subject: string; siret: string | null }): Promise<void> {
    await db.query(
      `UPDATE app_user SET oidc_issuer = $2, oidc_subject = $3, oidc_siret = coalesce($4, oidc_siret), updated_at = now() WHERE id = $1`,
      [userId, o.issuer, o.subject, o.siret],
    );
  }

  /** Drops a password nobody proved to own (an unverified account taken over by a verified identity). */
  async clearPassword(db: Db, userId: string): Promise<void> {
    await db.query(`UPDATE app_user SET password_hash = NULL, updated_at = now() WHERE id = $1`, [userId]);
  }

  async setPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
    await db.query(`UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
  }

  /** What the person's data export says of the account. */
  async accountFacts(
    id: string,
    db: Db = this.dataSource,
  ): Promise<{ email: string; name: string; created_at: Date; email_verified_at: Date | null } | null> {
    const rows: { email: string; name: string; created_at: Date; email_verified_at: Date | null }[] = await db.query(
      `SELECT email, name, created_at, email_verified_at FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Deletes the account. Its sessions, links and memberships go with it (ON DELETE CASCADE); what
   * others keep that names it (who decided, who created) loses the reference (ON DELETE SET NULL).
   */
  async delete(db: Db, id: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH gone AS (DELETE FROM app_user WHERE id = $1 RETURNING id) SELECT id FROM gone`,
      [id],
    );
    return rows.length > 0;
  }

  async markVerified(db: Db, userId: string): Promise<void> {
    await db.query(
      `UPDATE app_user SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1`,
      [userId],
    );
  }
}
