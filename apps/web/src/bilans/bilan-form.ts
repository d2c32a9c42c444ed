// The bilan form's logic (pure, unit-tested in node): the state the inputs hold (text as typed),
// the BilanWrite sent to the API, what differs from the platform's figures, the budget's totals,
// and the errors shown beside each field before the API is asked.
import {
  BILAN_FIGURE_GROUPS,
  bilanSubmitErrors,
  bilanWriteErrors,
  toCents,
  type FundingFieldError,
  type Bilan,
  type BilanBudgetLine,
  type BilanFigure,
  type BilanFigureKey,
  type BilanWrite,
} from '@catalogue/contracts';
import { amountInput, parseEuros } from '../agreements/agreement-text.js';

export interface FigureInput {
  /** As typed; prefilled with the declared value, else the computed one. */
  value: string;
  justification: string;
}

export interface IndicatorInput {
  indicatorId: string | null;
  label: string;
  unit: string;
  target: number | null;
  value: string;
  comment: string;
}

export interface BudgetLineInput {
  label: string;
  planned: string;
  spent: string;
}

export interface BilanForm {
  figures: Partial<Record<BilanFigureKey, FigureInput>>;
  indicators: IndicatorInput[];
  budgetLines: BudgetLineInput[];
  whatWorked: string;
  difficulties: string;
  outlook: string;
}

const num = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
/** A number as an input shows it (« 45,5 »), no grouping so it reads back as typed. */
export const numberInput = (n: number | null): string => (n === null ? '' : String(n).replace('.', ','));
/** A figure for reading (« 1 234 », « 45,5 % »); « — » when unknown. */
export const figureLabel = (n: number | null, unit?: string): string =>
  n === null ? '—' : `${num.format(n)}${unit === '%' ? '\u202f%' : ''}`;

/** « 12 », « 45,5 », « 1 234 » → a number; null when empty; NaN when it is not a number ≥ 0. */
export function parseNumber(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  if (t === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : NaN;
}

export function formOf(b: Bilan): BilanForm {
  const figures: BilanForm['figures'] = {};
  for (const f of b.figures)
    figures[f.key] = { value: numberInput(f.declared ?? f.computed), justification: f.justification ?? '' };
  return {
    figures,
    indicators: b.indicators.map((i) => ({
      indicatorId: i.indicatorId,
      label: i.label,
      unit: i.unit,
      target: i.target,
      value: numberInput(i.value),
      comment: i.comment,
    })),
    budgetLines: b.money.lines.map((l) => ({
      label: l.label,
      planned: l.planned === null ? '' : amountInput(l.planned),
      spent: amountInput(l.spent),
    })),
    whatWorked: b.whatWorked,
    difficulties: b.difficulties,
    outlook: b.outlook,
  };
}

/** The declared value as the API keeps it: null when the structure keeps the computed one. */
export function declaredOf(input: FigureInput | undefined, computed: number | null): number | null {
  const v = parseNumber(input?.value ?? '');
  // NaN goes on to the shared rule, which names the field.
  return v === null || v === computed ? null : v;
}

/** The declared value differs from what the platform computed (a justification is due). */
export const differs = (f: Pick<BilanFigure, 'computed' | 'declared'>): boolean =>
  f.declared !== null && f.declared !== f.computed;

export const budgetLineOf = (l: BudgetLineInput): BilanBudgetLine => ({
  label: l.label.trim(),
  planned: l.planned.trim() === '' ? null : parseEuros(l.planned),
  spent: l.spent.trim() === '' ? 0 : parseEuros(l.spent),
});

/** What « Enregistrer » sends (every part, with the version read). */
export function writeOf(form: BilanForm, bilan: Pick<Bilan, 'figures' | 'version'>): BilanWrite {
  const declared: NonNullable<BilanWrite['declared']> = {};
  for (const f of bilan.figures) {
    const input = form.figures[f.key];
    const value = declaredOf(input, f.computed);
    declared[f.key] = { value, justification: value === null ? null : (input?.justification.trim() ?? '') || null };
  }
  return {
    version: bilan.version,
    declared,
    indicators: form.indicators.map((i) => {
      const v = parseNumber(i.value);
      return { indicatorId: i.indicatorId, label: i.label, value: v, comment: i.comment.trim() };
    }),
    budgetLines: form.budgetLines.map(budgetLineOf),
    whatWorked: form.whatWorked,
    difficulties: form.difficulties,
    outlook: form.outlook,
  };
}

/** The budget's sums to the cent (euros), planned and spent, for the line under the editor. */
export function budgetTotals(lines: readonly BudgetLineInput[]): { planned: number; spent: number } {
  let planned = 0;
  let spent = 0;
  for (const l of lines.map(budgetLineOf)) {
    planned += toCents(l.planned ?? 0) ?? 0;
    spent += toCents(l.spent) ?? 0;
  }
  return { planned: planned / 100, spent: spent / 100 };
}

const FIGURE_LABEL = new Map(BILAN_FIGURE_GROUPS.flatMap((g) => g.figures.map((f) => [f.key, f.label] as const)));

/** The field a key of the errors stands for, as an element id (« declared.sex.female.value » → …). */
export const fieldIdOf = (key: string): string => `bilan-${key.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;

const byField = (errors: readonly FundingFieldError[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= e.message;
  return out;
};

/** The shared rule's errors (the API's own messages) for what the form holds, keyed by field. */
export function formErrors(form: BilanForm, bilan: Pick<Bilan, 'figures' | 'version'>): Record<string, string> {
  const computed = Object.fromEntries(bilan.figures.map((f) => [f.key, f.computed]));
  return byField(bilanWriteErrors(writeOf(form, bilan), computed));
}

/** What still stops the submission of the bilan as saved (the API's own check). */
export const submitErrors = (bilan: Bilan): Record<string, string> => byField(bilanSubmitErrors(bilan));

/** A message for the error summary: a figure's errors say which figure. */
export function summaryMessage(field: string, message: string): string {
  const m = /^declared\.(.+)\.(value|justification)$/.exec(field);
  const label = m ? FIGURE_LABEL.get(m[1] as BilanFigureKey) : undefined;
  return label && !message.startsWith(label) ? `${label} — ${message}` : message;
}
