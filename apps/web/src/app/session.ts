// Who is signed in: GET /me once per page load, then kept here (sign-in, sign-out and changes of
// memberships update it). The CSRF token of the session goes to the API client.
import type { Me } from '@catalogue/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { request, setCsrfToken } from './api.js';

export type Session = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; me: Me };

let current: Session = { status: 'loading' };
let loading: Promise<Session> | null = null;
const listeners = new Set<() => void>();

export function setSession(me: Me | null): void {
  current = me ? { status: 'signed-in', me } : { status: 'signed-out' };
  setCsrfToken(me?.csrfToken ?? null);
  listeners.forEach((l) => l());
}

/** Asks the API again (after a change of memberships); a 401 means signed out. */
export function refreshSession(): Promise<Session> {
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

export function useSession(): Session {
  const session = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
  useEffect(() => {
    if (current.status === 'loading' && !loading) void refreshSession();
  }, []);
  return session;
}

export async function signOut(everywhere = false): Promise<void> {
  await request('POST', everywhere ? '/auth/logout-everywhere' : '/auth/logout').catch(() => undefined);
  setSession(null);
}
