// A new call for projects started from the coverage map carries its communes and theme in the
// address (`?communes=26001,26002&theme=mobilite`): the call editor reads them to prefill the draft.
import type { CallTerritory } from '@catalogue/contracts';

/** More communes than this in the address are ignored (a call targets a few communes, not a list). */
export const MAX_PREFILLED_COMMUNES = 50;

const INSEE = /^[0-9][0-9AB][0-9]{3}$/;

export interface CallPrefill {
  territory: CallTerritory | null;
  theme: string | null;
}

/** The prefill the address asks for; invalid codes are left out. */
export function callPrefillFrom(search: string): CallPrefill {
  const q = new URLSearchParams(search);
  const codes = [...new Set((q.get('communes') ?? '').split(',').map((c) => c.trim().toUpperCase()))]
    .filter((c) => INSEE.test(c))
    .slice(0, MAX_PREFILLED_COMMUNES);
  const theme = q.get('theme')?.trim();
  return {
    territory: codes.length ? { kind: 'communes', codes } : null,
    theme: theme && /^[a-z0-9-]{1,100}$/.test(theme) ? theme : null,
  };
}

/** The context a call started from the coverage map opens with. */
export const prefilledContext = (themeLabel: string): string =>
  `Thématique : ${themeLabel}. Ces communes sont éloignées de toute offre de cette thématique (zones blanches du catalogue) : l’appel vise à y créer une offre.`;

/** The new call's address with these communes and theme. */
export function newCallSearch(communes: string[], theme: string): string {
  return `?communes=${communes.map(encodeURIComponent).join(',')}&theme=${encodeURIComponent(theme)}`;
}
