// Helpers of the tests that run real API processes (compiled with them; not used by the application):
// a small fetch client carrying a session cookie and its CSRF token, and sessions opened in the
// database as the sign-in does.
import type pg from 'pg';
import { hashToken, newToken, sessionCookieName } from '../../common/auth/session-cookie.js';

export interface Reply {
  status: number;
  headers: Headers;
  /** The JSON body's fields (the text itself, as `String(body)`, when it is not JSON). */
  body: Record<string, unknown>;
}

/** The PUBLIC_URL given to the processes; state-changing requests send it as their Origin. */
export const PUBLIC_URL = 'http://catalogue.test';

export async function call(
  base: string,
  method: string,
  path: string,
  o: { body?: unknown; cookie?: string; csrf?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Origin: PUBLIC_URL, ...o.headers };
  if (o.cookie) headers.Cookie = o.cookie;
  if (o.csrf) headers['X-CSRF-Token'] = o.csrf;
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: body as Record<string, unknown> };
}

/** `name=value` of the session cookie a response set (null when it cleared it or set none). */
export function sessionCookieOf(reply: Reply, secure = false): string | null {
  const name = sessionCookieName(secure);
  const line = reply.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  const pair = line?.split(';')[0];
  return pair && pair.length > name.length + 1 ? pair : null;
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** A session for `userId` written straight in the database (as the sign-in does, without argon2). */
export async function openSession(owner: pg.Client, userId: string): Promise<Session> {
  const token = newToken();
  const csrf = newToken();
  await owner.query(
    `INSERT INTO user_session (id, user_id, csrf_token, idle_seconds, expires_at) VALUES ($1, $2, $3, 28800, now() + interval '1 day')`,
    [hashToken(token), userId, csrf],
  );
  return { cookie: `${sessionCookieName(false)}=${token}`, csrf };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns true; fails after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms: ${what}`);
    await sleep(everyMs);
  }
}
