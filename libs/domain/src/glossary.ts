import { foldText } from './text.js';

/**
 * Acronyms of the field and the phrases they stand for. An offer whose text spells out the phrase
 * is also indexed under the acronym (and the reverse), so "FLE" finds "français langue étrangère".
 */
export const FIELD_ACRONYMS: readonly { acronym: string; phrases: readonly string[] }[] = [
  { acronym: 'RSA', phrases: ['revenu de solidarite active'] },
  { acronym: 'BRSA', phrases: ['beneficiaire du rsa', 'beneficiaires du rsa'] },
  { acronym: 'FLE', phrases: ['francais langue etrangere'] },
  { acronym: 'ASL', phrases: ['ateliers sociolinguistiques', 'atelier sociolinguistique'] },
  { acronym: 'IAE', phrases: ["insertion par l'activite economique", 'insertion par lactivite economique'] },
  {
    acronym: 'SIAE',
    phrases: ["structure d'insertion par l'activite economique", "structures d'insertion par l'activite economique"],
  },
  {
    acronym: 'ACI',
    phrases: [
      "atelier chantier d'insertion",
      "ateliers et chantiers d'insertion",
      "chantier d'insertion",
      "chantiers d'insertion",
    ],
  },
  { acronym: 'EI', phrases: ["entreprise d'insertion"] },
  { acronym: 'ETTI', phrases: ["entreprise de travail temporaire d'insertion"] },
  { acronym: 'AI', phrases: ['association intermediaire'] },
  {
    acronym: 'PMSMP',
    phrases: [
      'periode de mise en situation en milieu professionnel',
      'immersion professionnelle',
      'immersion en entreprise',
    ],
  },
  { acronym: 'CCAS', phrases: ["centre communal d'action sociale"] },
  { acronym: 'CIAS', phrases: ["centre intercommunal d'action sociale"] },
  { acronym: 'QPV', phrases: ['quartier prioritaire', 'quartiers prioritaires'] },
  { acronym: 'MDPH', phrases: ['maison departementale des personnes handicapees'] },
  { acronym: 'RQTH', phrases: ['reconnaissance de la qualite de travailleur handicape'] },
  { acronym: 'CEJ', phrases: ["contrat d'engagement jeune"] },
  { acronym: 'PDI', phrases: ["programme departemental d'insertion"] },
  { acronym: 'VAE', phrases: ["validation des acquis de l'experience"] },
];

/** The acronyms and phrases an offer's text implies but does not spell, to add to its index. */
export function impliedGlossaryTerms(text: string): string[] {
  const folded = foldText(text);
  const words = new Set(folded.split(/[^a-z0-9]+/));
  const out: string[] = [];
  for (const { acronym, phrases } of FIELD_ACRONYMS) {
    const hasAcronym = words.has(acronym.toLowerCase());
    const hasPhrase = phrases.some((p) => folded.includes(p));
    if (hasPhrase && !hasAcronym) out.push(acronym);
    if (hasAcronym && !hasPhrase) out.push(phrases[0]!);
  }
  return out;
}

const ACRONYMS = new Set(FIELD_ACRONYMS.map((a) => a.acronym.toLowerCase()));

/** True for an acronym of the field ("rsa", "ai"): searched as written, never stemmed or dropped. */
export const isFieldAcronym = (folded: string): boolean => ACRONYMS.has(folded);

/** The field acronyms a text uses or spells out, in lower case ("ai", "rsa"…). */
export function glossaryAcronyms(text: string): string[] {
  const folded = foldText(text);
  const words = new Set(folded.split(/[^a-z0-9]+/));
  return FIELD_ACRONYMS.filter(
    ({ acronym, phrases }) => words.has(acronym.toLowerCase()) || phrases.some((p) => folded.includes(p)),
  ).map((a) => a.acronym.toLowerCase());
}
