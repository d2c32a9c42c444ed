// `npm run admin:create`: creates or promotes a platform admin, straight in the database (the
// first admin of a fresh install has nobody to invite them). scripts/admin-create.mjs is the CLI.
import pg from 'pg';
import { AUTH_LIMITS, isEmailAddress } from '@catalogue/contracts';
import { hashToken, newToken } from '../../common/auth/session-cookie.js';
import { runningEmbeddedUrls } from '../../common/database/embedded-postgres.js';
import type { AppConfig } from '../../config/env.js';
import { prepareDatabase } from '../../database/prepare.js';
import { hashPassword } from '../auth/password.js';
import { setPasswordUrl, WELCOME_LINK_DAYS } from './staff-emails.js';

/** A wrong argument: the CLI prints the message, no stack. */
export class AdminCreateError extends Error {}

export interface AdminCreateInput {
  email: string;
  name?: string;
  /** Without it, the result carries a one-time link to choose the password. */
  password?: string;
  publicUrl: string;
}

export interface AdminCreateResult {
  userId: string;
  email: string;
  created: boolean;
  /** The account existed and was not a platform admin yet. */
  promoted: boolean;
  passwordSet: boolean;
  /** One-time link to choose the password (only when the account has none). */
  link: string | null;
}

export async function createPlatformAdmin(db: pg.ClientBase, input: AdminCreateInput): Promise<AdminCreateResult> {
  const email = input.email.trim().toLowerCase();
  if (!isEmailAddress(email)) throw new AdminCreateError(`Adresse e-mail invalide : « ${input.email} »`);
  const name = input.name?.trim();
  if (name !== undefined && name.length > AUTH_LIMITS.nameMaxLength)
    throw new AdminCreateError(`Nom trop long (${AUTH_LIMITS.nameMaxLength} caractères au plus)`);
  if (
    input.password !== undefined &&
    (input.password.length < AUTH_LIMITS.passwordMinLength || input.password.length > AUTH_LIMITS.passwordMaxLength)
  ) {
    throw new AdminCreateError(
      `Le mot de passe doit compter de ${AUTH_LIMITS.passwordMinLength} à ${AUTH_LIMITS.passwordMaxLength} caractères`,
    );
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;

  await db.query('BEGIN');
  try {
    const { rows: found } = await db.query<{ id: string; platform_admin: boolean }>(
      `SELECT id, platform_admin FROM app_user WHERE email = $1 FOR UPDATE`,
      [email],
    );
    const before = found[0];
    // The operator vouches for the address: it counts as verified.
    const { rows } = before
      ? await db.query<{ id: string; has_password: boolean }>(
          `UPDATE app_user SET platform_admin = true, name = coalesce($2, name), password_hash = coalesce($3, password_hash),
                  email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
            WHERE id = $1 RETURNING id, password_hash IS NOT NULL AS has_password`,
          [before.id, name ?? null, passwordHash],
        )
      : await db.query<{ id: string; has_password: boolean }>(
          `INSERT INTO app_user (email, name, password_hash, email_verified_at, platform_admin) VALUES ($1, $2, $3, now(), true)
           RETURNING id, password_hash IS NOT NULL AS has_password`,
          [email, name ?? '', passwordHash],
        );
    const user = rows[0]!;
    let link: string | null = null;
    if (!user.has_password) {
      const token = newToken();
      await db.query(
        `INSERT INTO auth_token (token_hash, purpose, user_id, data, expires_at) VALUES ($1, 'password_reset', $2, '{"platformAdmin": true}', now() + make_interval(days => $3))`,
        [hashToken(token), user.id, WELCOME_LINK_DAYS],
      );
      link = setPasswordUrl(input.publicUrl, token);
    }
    if (!before?.platform_admin) {
      await db.query(
        `INSERT INTO audit_log (tenant_id, actor_id, actor_email, action, target_type, target_id, summary) VALUES (NULL, NULL, NULL, 'platform_admin.granted', 'user', $1, $2)`,
        [user.id, `${email} devient administrateur de la plateforme (ligne de commande)`],
      );
    }
    await db.query('COMMIT');
    return {
      userId: user.id,
      email,
      created: !before,
      promoted: !!before && !before.platform_admin,
      passwordSet: passwordHash !== null,
      link,
    };
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * The database `npm start` uses: DATABASE_URL, or the embedded server of DATA_DIR (the running
 * one if `npm start` is up, else started here, migrated and prepared as at start-up).
 */
export async function openConfiguredDatabase(
  config: AppConfig,
  log: (m: string) => void,
): Promise<{ client: pg.Client; close: () => Promise<void> }> {
  const running = config.databaseUrl ? null : runningEmbeddedUrls(config.dataDir);
  const db = running ? { appUrl: running.appUrl, stop: async () => undefined } : await prepareDatabase(config, log);
  const client = new pg.Client({ connectionString: db.appUrl, application_name: 'catalogue-admin-create' });
  try {
    await client.connect();
  } catch (e) {
    await db.stop();
    throw e;
  }
  return {
    client,
    close: async () => {
      await client.end().catch(() => undefined);
      await db.stop();
    },
  };
}
