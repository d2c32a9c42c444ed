// What a commune typed in « Où ? » but not picked from the suggestions stands for, once the API has
// answered its suggestions: one commune, several to choose from, or none. Pure (unit-tested in node).
import type { CommuneSummary } from '@catalogue/contracts';

export type TypedCommune =
  | { kind: 'found'; commune: CommuneSummary }
  | { kind: 'choose'; communes: CommuneSummary[]; message: string }
  | { kind: 'unknown'; message: string };

const POSTCODE = /^\d{5}$/;
/** A label as the field shows a chosen commune: "Crest (26400)". */
const LABEL = /^(.*\S)\s*\((\d{5})\)$/;
const nameCollator = new Intl.Collator('fr', { sensitivity: 'base' });
const spaced = (s: string) => s.replace(/[\s\-'’]+/g, ' ').trim();

/** Same name, case, accents, hyphens and apostrophes aside ("saint etienne" is "Saint-Étienne"). */
export function sameCommuneName(a: string, b: string): boolean {
  return nameCollator.compare(spaced(a), spaced(b)) === 0;
}

/** The text to send to the communes API: the name of a pasted label "Crest (26400)", else the text. */
export function communeQuery(text: string): string {
  const t = text.trim();
  return LABEL.exec(t)?.[1] ?? t;
}

/**
 * Resolves the typed text among the API's suggestions for communeQuery(text): a complete postcode
 * is the commune that has it (several: the user chooses); a name is the commune of that exact name
 * (of that postcode too, for a label); else the single suggestion; else the user chooses; none is unknown.
 */
export function resolveTypedCommune(text: string, suggestions: CommuneSummary[]): TypedCommune {
  const t = text.trim().replace(/\s+/g, ' ');
  const choose = (communes: CommuneSummary[], message: string): TypedCommune =>
    communes.length === 1 ? { kind: 'found', commune: communes[0]! } : { kind: 'choose', communes, message };
  if (POSTCODE.test(t)) {
    const withCode = suggestions.filter((c) => c.postcodes.includes(t));
    if (withCode.length)
      return choose(withCode, `Plusieurs communes ont le code postal ${t} : choisissez la vôtre dans la liste.`);
  } else {
    const label = LABEL.exec(t);
    const name = label?.[1] ?? t;
    const exact = suggestions.filter(
      (c) => sameCommuneName(c.name, name) && (!label || c.postcodes.includes(label[2]!)),
    );
    if (exact.length)
      return choose(exact, `Plusieurs communes s’appellent «\u00a0${name}\u00a0» : choisissez la vôtre dans la liste.`);
    if (suggestions.length)
      return choose(
        suggestions,
        `Plusieurs communes correspondent à «\u00a0${t}\u00a0» : choisissez la vôtre dans la liste.`,
      );
  }
  return {
    kind: 'unknown',
    message: `Aucune commune du département ne correspond à «\u00a0${t}\u00a0» : vérifiez l’orthographe, ou saisissez le code postal.`,
  };
}
