// Helpers of the account tests (compiled with them; not used by the application).
import type pg from 'pg';
import { randomInt, randomUUID } from 'node:crypto';

export interface OutboxEmail {
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
}

/**
 * Waits until the reset and magic-link requests for an address have been handled (the app handles
 * them right after answering, see AccountEmailRequests); fails after 5 seconds.
 */
export async function requestsHandled(owner: pg.Client, to: string): Promise<void> {
  for (let waited = 0; ; waited += 10) {
    const { rowCount } = await owner.query(`SELECT 1 FROM account_email_request WHERE email = $1`, [to.toLowerCase()]);
    if (!rowCount) return;
    if (waited > 5000) throw new Error(`requests for ${to} still pending after 5 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Emails written to the outbox for an address, oldest first (read with the owner connection), once its requests are handled. */
export async function emailsTo(owner: pg.Client, to: string): Promise<OutboxEmail[]> {
  await requestsHandled(owner, to);
  const { rows } = await owner.query<OutboxEmail>(
    `SELECT to_address, subject, text_body, html_body FROM email_outbox WHERE to_address = $1 ORDER BY created_at, id`,
    [to.toLowerCase()],
  );
  return rows;
}

export async function lastEmailTo(owner: pg.Client, to: string): Promise<OutboxEmail> {
  const all = await emailsTo(owner, to);
  if (!all.length) throw new Error(`no email to ${to}`);
  return all.at(-1)!;
}

/** The `jeton` of the link in an email that goes to `path`. */
export function tokenIn(email: OutboxEmail, path: string): string {
  const m = new RegExp(`${path.replace(/[/.]/g, '\\$&')}\\?jeton=([A-Za-z0-9_-]+)`).exec(email.text_body);
  if (!m) throw new Error(`no ${path} link in: ${email.text_body}`);
  return m[1]!;
}

export const uniqueEmail = (prefix = 'compte') => `${prefix}-${randomUUID().slice(0, 12)}@test.local`;

/** A client address of its own (test apps trust X-Forwarded-For from loopback): per-IP limits never mix tests. */
export const uniqueIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** `name=value` of a Set-Cookie header, by cookie name. */
export function cookieFrom(setCookie: string[] | string | undefined, name: string): string | null {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = list.find((c) => c.startsWith(`${name}=`));
  if (!line) return null;
  const pair = line.split(';')[0]!;
  return pair.slice(name.length + 1) ? pair : null;
}

export const setCookies = (res: { headers: Record<string, unknown> }): string[] => {
  const h = res.headers['set-cookie'];
  return Array.isArray(h) ? (h as string[]) : typeof h === 'string' ? [h] : [];
};

/**
 * Audit lines outside any tenant (sign-ins, resets): row-level security shows them to no role of
 * the application, so they are read as the database superuser (null when the tests run without one).
 */
export async function platformAudit(sql: string, params: unknown[]): Promise<Record<string, unknown>[] | null> {
  const url = process.env.TEST_DATABASE_SUPERUSER_URL;
  if (!url) return null;
  const { default: pgModule } = await import('pg');
  const target = new URL(url);
  target.pathname = new URL(process.env.TEST_DATABASE_URL!).pathname; // the test database, not `postgres`
  const client = new pgModule.Client({ connectionString: target.href });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
