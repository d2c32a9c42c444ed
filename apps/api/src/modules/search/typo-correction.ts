// Reading a misspelt word as the closest word of the tenant's catalogue ("mobilté" → mobilité), and
// telling the user which query was searched. Pure: PostgreSQL proposes the candidates (trigram
// neighbours in the lexicon, with their stems), the in-memory index gives their frequency.
import { foldText, isFieldAcronym } from '@catalogue/domain';

/** A word of the tenant's lexicon close to an unknown query word. */
export interface CorrectionCandidate {
  /** Folded (a-z, 0-9), as in the lexicon. */
  word: string;
  /** Its stem (French configuration), as in the offers' search vectors. */
  stem: string;
  /** Trigram similarity to the query word (0..1). */
  similarity: number;
}

/** What the index knows of lexemes. */
export interface Lexicon {
  /** Some indexed lexeme starts with this one. */
  hasPrefix(lexeme: string): boolean;
  /** Offers containing exactly this lexeme. */
  frequency(lexeme: string): number;
}

/**
 * Edit distance counting an insertion, a deletion, a substitution or the swap of two neighbouring
 * letters as one edit (optimal string alignment): "mobilte" → "mobilite" is 1, → "mobiliser" is 3.
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Int32Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The correction of an unknown word: among the candidates that some published offer contains, the
 * fewest edits away; then the most frequent in the catalogue; then the most similar. Null when no
 * candidate is in the catalogue.
 */
export function chooseCorrection(
  token: string,
  candidates: CorrectionCandidate[],
  lexicon: Lexicon,
): CorrectionCandidate | null {
  let best: { c: CorrectionCandidate; edits: number; frequency: number } | null = null;
  for (const c of candidates) {
    const frequency = lexicon.frequency(c.stem);
    if (frequency === 0) continue;
    const edits = editDistance(token, c.word);
    if (
      !best ||
      edits < best.edits ||
      (edits === best.edits &&
        (frequency > best.frequency || (frequency === best.frequency && c.similarity > best.c.similarity)))
    ) {
      best = { c, edits, frequency };
    }
  }
  return best?.c ?? null;
}

/**
 * A query word to correct: four letters or more, not a stop word nor a field acronym, that starts
 * no word of the lexicon (not being typed) and whose own stem finds nothing ("garages" finds garage
 * by its stem: not a typo).
 */
export function needsCorrection(
  t: { token: string; stop: boolean; known: boolean; stem: string | null },
  lexicon: Lexicon,
): boolean {
  return (
    !t.known && !t.stop && t.token.length >= 4 && !isFieldAcronym(t.token) && !(t.stem && lexicon.hasPrefix(t.stem))
  );
}

/**
 * How the catalogue writes a folded word: its most frequent spelling in these texts, in lower case
 * ("mobilite" → "mobilité"); the folded word itself when none of them has it.
 */
export function writtenForm(word: string, texts: string[]): string {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const [w] of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (foldText(w) === word) counts.set(w.toLowerCase(), (counts.get(w.toLowerCase()) ?? 0) + 1);
    }
  }
  let best = word;
  let bestCount = 0;
  for (const [form, count] of counts) if (count > bestCount) [best, bestCount] = [form, count];
  return best;
}

/**
 * The query as typed with each corrected word replaced (folded typed word → written correction),
 * keeping the typed capitals ("Mobilté" → "Mobilité") and everything else as it was.
 */
export function correctQuery(query: string, corrections: Map<string, string>): string {
  return query.normalize('NFKC').replace(/[\p{L}\p{N}]+/gu, (typed) => {
    const written = corrections.get(foldText(typed));
    if (written === undefined) return typed;
    if (typed.length > 1 && typed === typed.toUpperCase()) return written.toUpperCase();
    return typed[0] === typed[0]!.toUpperCase() ? written[0]!.toUpperCase() + written.slice(1) : written;
  });
}
