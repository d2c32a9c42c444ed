// The rules of a bilan, written once: the API refuses with them (400 naming each field) and the
// web form shows the same messages while the structure types.
import type { FundingFieldError } from './funding-rules.js';
import { toCents } from './funding.js';
import { BILAN_FIGURE_KEYS, BILAN_LIMITS, type Bilan, type BilanFigureKey, type BilanWrite } from './bilans.js';

const FIGURE_KEYS: ReadonlySet<string> = new Set(BILAN_FIGURE_KEYS);
/** A budget line's amount: euros, at most 2 decimals (the cap of a bilan's granted amount). */
const AMOUNT_MAX = 1_000_000_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A declared figure: a whole count, or for the fill rate a percentage (decimals allowed). */
function declaredValueError(key: string, v: unknown): string | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'nombre attendu';
  if (key === 'fill_rate') return v < 0 || v > 100 ? 'pourcentage entre 0 et 100' : null;
  if (!Number.isInteger(v) || v < 0) return 'nombre entier positif ou nul attendu';
  return v > BILAN_LIMITS.valueMax ? `${BILAN_LIMITS.valueMax.toLocaleString('fr-FR')} au plus` : null;
}

function text(errors: FundingFieldError[], field: string, v: unknown, max: number, what: string, required = false) {
  if (v === undefined || v === null) {
    if (required) errors.push({ field, message: `${what} : à renseigner` });
    return;
  }
  if (typeof v !== 'string') return errors.push({ field, message: `${what} : texte attendu` });
  if (required && !v.trim()) return errors.push({ field, message: `${what} : à renseigner` });
  if (v.length > max) errors.push({ field, message: `${what} : ${max} caractères au plus` });
}

/**
 * PATCH …/bilans/{id}, against the figures the platform computes now (null: it cannot know).
 * A justification is required when a declared value differs from a computed number; when the
 * platform knows nothing (computed null) the declared value stands alone, no justification asked.
 * Fields: `declared.sex.female.value`, `budgetLines.2.spent`, `indicators.0.value`…
 */
export function bilanWriteErrors(
  write: Partial<BilanWrite>,
  figures: Partial<Record<BilanFigureKey, number | null>>,
): FundingFieldError[] {
  const errors: FundingFieldError[] = [];
  if (write.declared !== undefined) {
    if (!isObject(write.declared)) errors.push({ field: 'declared', message: 'Valeurs déclarées : objet attendu' });
    else
      for (const [key, entry] of Object.entries(write.declared)) {
        const f = `declared.${key}`;
        if (!FIGURE_KEYS.has(key)) {
          errors.push({ field: f, message: `Chiffre inconnu : « ${key.slice(0, 50)} »` });
          continue;
        }
        if (!isObject(entry)) {
          errors.push({ field: f, message: 'Valeur et justification attendues' });
          continue;
        }
        for (const k of Object.keys(entry))
          if (k !== 'value' && k !== 'justification')
            errors.push({
              field: `${f}.${k.slice(0, 50)}`,
              message: 'Champ inconnu : seuls « value » et « justification »',
            });
        if (!('value' in entry))
          errors.push({ field: `${f}.value`, message: 'Valeur déclarée : à renseigner (null pour l’effacer)' });
        const valueError = 'value' in entry ? declaredValueError(key, entry.value) : null;
        if (valueError) errors.push({ field: `${f}.value`, message: `Valeur déclarée : ${valueError}` });
        text(errors, `${f}.justification`, entry.justification, BILAN_LIMITS.justification, 'Justification');
        const computed = figures[key as BilanFigureKey];
        if (
          !valueError &&
          typeof entry.value === 'number' &&
          typeof computed === 'number' &&
          entry.value !== computed &&
          (typeof entry.justification !== 'string' || !entry.justification.trim())
        )
          errors.push({
            field: `${f}.justification`,
            message: `Justification : à renseigner, la valeur déclarée diffère de celle calculée (${computed.toLocaleString('fr-FR')})`,
          });
      }
  }
  if (write.indicators !== undefined) {
    if (!Array.isArray(write.indicators)) errors.push({ field: 'indicators', message: 'Indicateurs : liste attendue' });
    else if (write.indicators.length > BILAN_LIMITS.indicators)
      errors.push({ field: 'indicators', message: `Indicateurs : ${BILAN_LIMITS.indicators} au plus` });
    else
      write.indicators.forEach((ind, i) => {
        const f = `indicators.${i}`;
        if (!isObject(ind)) return errors.push({ field: f, message: `Indicateur ${i + 1} : objet attendu` });
        const v = ind.value;
        if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > BILAN_LIMITS.valueMax))
          errors.push({ field: `${f}.value`, message: `Indicateur ${i + 1} : nombre attendu` });
        text(errors, `${f}.label`, ind.label, BILAN_LIMITS.budgetLabel, `Indicateur ${i + 1}, libellé`, true);
        text(errors, `${f}.comment`, ind.comment, BILAN_LIMITS.comment, `Indicateur ${i + 1}, commentaire`);
      });
  }
  if (write.budgetLines !== undefined) {
    if (!Array.isArray(write.budgetLines)) errors.push({ field: 'budgetLines', message: 'Budget : liste attendue' });
    else if (write.budgetLines.length > BILAN_LIMITS.budgetLines)
      errors.push({ field: 'budgetLines', message: `Budget : ${BILAN_LIMITS.budgetLines} lignes au plus` });
    else
      write.budgetLines.forEach((line, i) => {
        const f = `budgetLines.${i}`;
        if (!isObject(line)) return errors.push({ field: f, message: `Ligne ${i + 1} : objet attendu` });
        text(errors, `${f}.label`, line.label, BILAN_LIMITS.budgetLabel, `Ligne ${i + 1}, libellé`, true);
        if (toCents(line.spent, AMOUNT_MAX) === null)
          errors.push({
            field: `${f}.spent`,
            message: `Ligne ${i + 1} : montant dépensé en euros, positif ou nul, à deux décimales au plus`,
          });
        if (line.planned !== undefined && line.planned !== null && toCents(line.planned, AMOUNT_MAX) === null)
          errors.push({
            field: `${f}.planned`,
            message: `Ligne ${i + 1} : montant prévu en euros, positif ou nul, à deux décimales au plus`,
          });
      });
  }
  text(errors, 'whatWorked', write.whatWorked, BILAN_LIMITS.text, 'Ce qui a fonctionné');
  text(errors, 'difficulties', write.difficulties, BILAN_LIMITS.text, 'Difficultés');
  text(errors, 'outlook', write.outlook, BILAN_LIMITS.text, 'Perspectives');
  return errors;
}

/**
 * What must be filled before submitting: « ce qui a fonctionné » (the one qualitative part every
 * bilan needs; difficulties and outlook may honestly be empty), the spent budget lines when the
 * agreement granted money (the funder must see where it went), and a justification for every
 * declared value that differs from the computed one now (the computed figures move until the
 * submission freezes them, so a value written earlier is checked again). Indicator values may
 * stay empty: some are not known at the time of the bilan.
 */
export function bilanSubmitErrors(
  bilan: Pick<Bilan, 'whatWorked' | 'figures'> & { money: Pick<Bilan['money'], 'granted' | 'lines'> },
): FundingFieldError[] {
  const errors: FundingFieldError[] = [];
  if (!bilan.whatWorked.trim()) errors.push({ field: 'whatWorked', message: 'Ce qui a fonctionné : à renseigner' });
  if (bilan.money.granted > 0 && bilan.money.lines.length === 0)
    errors.push({
      field: 'budgetLines',
      message: 'Budget : au moins une ligne de dépenses, la convention a attribué un financement',
    });
  for (const f of bilan.figures)
    if (f.declared !== null && f.computed !== null && f.declared !== f.computed && !f.justification?.trim())
      errors.push({
        field: `declared.${f.key}.justification`,
        message: `${f.label} : justification à renseigner, la valeur déclarée diffère de celle calculée (${f.computed.toLocaleString('fr-FR')})`,
      });
  return errors;
}
