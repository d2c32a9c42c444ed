// A small client-side router over the History API: the address bar is the state of the app.
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const snapshot = (): string => window.location.pathname + window.location.search;

export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return { pathname: q < 0 ? href : href.slice(0, q), search: q < 0 ? '' : href.slice(q) };
}

export function navigate(to: string, { replace = false, keepScroll = false } = {}): void {
  if (to === snapshot()) return;
  const samePage = to.split('?')[0] === window.location.pathname;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!samePage && !keepScroll) window.scrollTo(0, 0);
  notify();
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; children: ReactNode };

/** An ordinary link (new tab, copy address… work) that navigates in-page on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}

/** Sets the document title; after a page change, moves focus to the page's title for screen readers. */
export function usePageTitle(title: string | null, focusKey: string): void {
  useEffect(() => {
    if (title) document.title = `${title} — Catalogue de l'offre d'insertion`;
  }, [title]);
  useEffect(() => {
    if (!initialRender) document.getElementById('contenu')?.focus({ preventScroll: true });
    initialRender = false;
  }, [focusKey]);
}
let initialRender = true;
