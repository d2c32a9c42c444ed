/** Lower case, without accents or ligatures, compatibility forms folded (ｍｏｂｉｌｉｔｅ → mobilite). */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

/** Maximum number of meaningful words of a query that are used (stop words not counted). */
export const MAX_QUERY_WORDS = 8;
/** Maximum number of words read from a query, stop words included. */
export const MAX_QUERY_TOKENS = 24;

export interface QueryToken {
  /** As typed, in lower case with its accents: what stop words are recognised on. */
  raw: string;
  /** Folded: only a-z and 0-9, so it can go into a tsquery as is. */
  folded: string;
}

/**
 * Splits a user's query into words. Apostrophes split words ("l'emploi" gives "l", "emploi");
 * words that fold to anything but a-z and 0-9 (other scripts, symbols) are left out.
 */
export function searchTokens(query: string): QueryToken[] {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map((raw) => ({ raw, folded: foldText(raw) }))
    .filter((t) => /^[a-z0-9]+$/.test(t.folded))
    .slice(0, MAX_QUERY_TOKENS);
}

/** A commune name as stored for prefix search: folded, hyphens and apostrophes as spaces. */
export function foldCommuneName(value: string): string {
  return foldText(value)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
