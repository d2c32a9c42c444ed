// Offers used to name their plan measure in free text (`planMeasure`); they now point to a fiche.
// This reads the fiche such a text names, so existing offers can be linked when a plan is entered.

/** « Fiche action n°7 », « fiche 7 », « (fiche 1.2) », « Objectif 8 » (the Isère's objectives are its fiches). */
const FICHE_MENTION =
  /(?:fiches?(?:\s+actions?)?|objectifs?(?:\s+op[ée]rationnels?)?)\s*(?:n\s*[°ºo]\.?\s*)?(\d{1,3}(?:\.\d{1,3})?)(?![\d.]*\d)/giu;

/**
 * The number of the fiche that `text` names, among `knownNumbers` (the plan's fiches), or null.
 * When a text names several, the first one named wins (« Fiche action n°7 … ; Fiche action n°2 »).
 */
export function ficheNumberFor(text: string | null | undefined, knownNumbers: ReadonlySet<string>): string | null {
  if (!text) return null;
  for (const m of text.matchAll(FICHE_MENTION)) {
    const n = m[1]!;
    if (knownNumbers.has(n)) return n;
  }
  return null;
}

/** The demo's table of texts (libs/domain/data/demo/plans/plan-measures.json): per tenant slug, text → fiche number or null. */
export type PlanMeasureTable = Record<string, Record<string, string | null>>;
