// What every request input must be, before any field's own rule: the API refuses anything else
// with a 400 naming the field (apps/api/src/common/validation/request-input.ts), and a client
// that checks a text itself uses the same rule.

export const INPUT_LIMITS = {
  /** Largest JSON body, in bytes (413 beyond). */
  bodyBytes: 1024 * 1024,
  /** Deepest nesting of objects and arrays in a JSON body, the body itself counting as one. */
  jsonDepth: 32,
  /** Largest page number of any paged list. */
  maxPage: 10_000,
} as const;

/** Field names no input may use: they would reach objects' prototypes. */
export const FORBIDDEN_FIELD_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

// With the `u` flag a well-formed surrogate pair is one code point, so only lone halves match.
const NUL_OR_LONE_SURROGATE = /[\u0000\uD800-\uDFFF]/u;

/**
 * Why `text` is not acceptable input, or null when it is: it must be valid Unicode (no lone
 * UTF-16 surrogate, which no encoding can carry) without NUL (which PostgreSQL cannot store).
 */
export function textProblem(text: string): string | null {
  const bad = NUL_OR_LONE_SURROGATE.exec(text);
  if (!bad) return null;
  return bad[0] === '\u0000' ? 'must not contain a NUL character' : 'must be valid Unicode text (lone surrogate)';
}
