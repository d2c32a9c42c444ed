import { useSyncExternalStore } from 'react';

/** Phone layout: below DSFR's "md" breakpoint (48em). */
export const PHONE_QUERY = '(max-width: 47.98em)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
