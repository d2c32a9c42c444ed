// Who is signed in: GET /me once per page load, then kept here (sign-in, sign-out and changes of
// memberships update it). The CSRF token of the session goes to the API client.
import type { Me } from '@catalogue/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { request, setCsrfToken } from './api.js';

export type Session = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; me: Me };

let current: Session = { status: 'loading' };
let loading: Promise<Session> | null = null;
/** Whether the API was asked during this page load. */
let probed = false;
const listeners = new Set<() => void>();

/**
 * Whether this browser signed in lately. The session cookie is httpOnly, so public pages rely on
 * this hint: without it they show "Se connecter" and never ask /me (no 401 for every visitor).
 */
const HINT = 'catalogue:connecte';
const hasHint = (): boolean => {
  try {
    return window.localStorage.getItem(HINT) === '1';
  } catch {
    return false;
  }
};
const setHint = (on: boolean): void => {
  try {
    if (on) window.localStorage.setItem(HINT, '1');
    else window.localStorage.removeItem(HINT);
  } catch {
    /* private mode: public pages just show "Se connecter" */
  }
};

export function setSession(me: Me | null): void {
  probed = true;
  current = me ? { status: 'signed-in', me } : { status: 'signed-out' };
  setCsrfToken(me?.csrfToken ?? null);
  setHint(me !== null);
  listeners.forEach((l) => l());
}

/** Asks the API again (after a change of memberships); a 401 means signed out. */
export function refreshSession(): Promise<Session> {
  probed = true;
  loading = request<Me>('GET', '/me').then(
    (me) => {
      setSession(me);
      return current;
    },
    () => {
      setSession(null);
      return current;
    },
  );
  return loading;
}

/**
 * The session; `probe` (back-office pages) asks the API even without the hint, e.g. right after a
 * single sign-on that set the cookie.
 */
export function useSession({ probe = true }: { probe?: boolean } = {}): Session {
  const session = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
  useEffect(() => {
    if (loading || (current.status !== 'loading' && !(probe && !probed))) return;
    if (probe || hasHint()) {
      probed = true;
      void refreshSession();
    } else if (current.status === 'loading') {
      // Not asked: signed out for the public pages, still to be asked by a back-office page.
      current = { status: 'signed-out' };
      listeners.forEach((l) => l());
    }
  }, [probe]);
  // A back-office page waits for the API's answer; a public page without the hint is signed out.
  if (probe && !probed) return { status: 'loading' };
  return session.status === 'loading' && !probe && !hasHint() ? { status: 'signed-out' } : session;
}

export async function signOut(everywhere = false): Promise<void> {
  await request('POST', everywhere ? '/auth/logout-everywhere' : '/auth/logout').catch(() => undefined);
  setSession(null);
}
