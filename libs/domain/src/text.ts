/** Lower case, without accents or ligatures: the form search compares words in. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

/** Maximum number of words of a search query that are used. */
export const MAX_QUERY_TOKENS = 8;

/**
 * Splits a user's query into folded words made only of letters and digits, so each can go
 * into a tsquery as is. Apostrophes split words ("l'emploi" gives "l", "emploi").
 */
export function searchTokens(query: string): string[] {
  return foldText(query)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0)
    .slice(0, MAX_QUERY_TOKENS);
}

/** A commune name as stored for prefix search: folded, hyphens and apostrophes as spaces. */
export function foldCommuneName(value: string): string {
  return foldText(value)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
