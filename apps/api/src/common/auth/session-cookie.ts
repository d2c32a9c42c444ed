import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

/** `__Host-` binds the cookie to our origin (Secure, Path=/, no Domain): only possible over HTTPS. */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-catalogue_session' : 'catalogue_session');

/** A random token for a cookie or a link (256 bits, URL-safe). */
export const newToken = () => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256, so a leaked table opens no session. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function readSessionCookie(req: Request, secure: boolean): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const name = sessionCookieName(secure);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function setSessionCookie(res: Response, token: string, secure: boolean, maxAgeSeconds: number): void {
  res.cookie(sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: maxAgeSeconds * 1000,
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(sessionCookieName(secure), { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
