// The instructors' forms on an application (pure, unit-tested in node): a completion request, a
// score on the call's grid, a decision. Each checks what the API would refuse, in French.
import {
  CALL_LIMITS,
  toCents,
  weightedTotal,
  type ApplicationScore,
  type CallDecision,
  type GridCriterion,
} from '@catalogue/contracts';
import { euros, parseDecimal } from './application-text.js';
import { parisEndOfDay } from './application-form.js';

const TEXT_MAX = 5000;

// ---- Completion request -------------------------------------------------------------------------

export interface CompletionForm {
  message: string;
  /** `YYYY-MM-DD`, the last day (Paris) to answer. */
  dueOn: string;
}

export function completionErrors(f: CompletionForm, today: string): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.message.trim()) e.message = 'Précisez ce qui manque au dossier';
  else if (f.message.length > TEXT_MAX) e.message = `${TEXT_MAX} caractères au plus`;
  if (!f.dueOn) e.dueAt = 'Indiquez la date limite de réponse';
  else if (!parisEndOfDay(f.dueOn)) e.dueAt = 'Date invalide';
  else if (f.dueOn < today) e.dueAt = 'La date limite ne peut pas être passée';
  return e;
}

export const completionBody = (f: CompletionForm): { message: string; dueAt: string } => ({
  message: f.message.trim(),
  dueAt: parisEndOfDay(f.dueOn)!,
});

// ---- Scores -------------------------------------------------------------------------------------

export interface ScoreForm {
  values: Record<string, string>;
  comment: string;
  noConflictOfInterest: boolean;
}

/** Empty, or filled from the instructor's own earlier score. */
export function scoreFormFrom(grid: readonly GridCriterion[], mine: ApplicationScore | undefined): ScoreForm {
  return {
    values: Object.fromEntries(
      grid.map((c) => [c.key, mine?.scores[c.key] !== undefined ? String(mine.scores[c.key]) : '']),
    ),
    comment: mine?.comment ?? '',
    noConflictOfInterest: false,
  };
}

const scoreOf = (text: string | undefined): number | null => {
  const n = parseDecimal(text ?? '');
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
};

/** Errors keyed `scores.<criterion>`, `comment`, `noConflictOfInterest` (the API's field names). */
export function scoreErrors(grid: readonly GridCriterion[], f: ScoreForm): Record<string, string> {
  const e: Record<string, string> = {};
  for (const c of grid) {
    const v = scoreOf(f.values[c.key]);
    if (v === null || v < 0 || v > c.scale) e[`scores.${c.key}`] = `${c.label} : une note entière de 0 à ${c.scale}`;
  }
  if (!f.comment.trim()) e.comment = 'Commentaire : à renseigner';
  else if (f.comment.length > TEXT_MAX) e.comment = `Commentaire : ${TEXT_MAX} caractères au plus`;
  if (!f.noConflictOfInterest)
    e.noConflictOfInterest = 'Déclarez n’avoir aucun conflit d’intérêts avec ce porteur de projet pour noter';
  return e;
}

export function scoreBody(
  grid: readonly GridCriterion[],
  f: ScoreForm,
): { scores: Record<string, number>; comment: string; noConflictOfInterest: true } {
  return {
    scores: Object.fromEntries(grid.map((c) => [c.key, scoreOf(f.values[c.key]) ?? 0])),
    comment: f.comment.trim(),
    noConflictOfInterest: true,
  };
}

/** The total on 100 of what is typed so far (unreadable scores count as 0). */
export function scorePreview(grid: readonly GridCriterion[], f: ScoreForm): { total: number; eliminated: boolean } {
  const scores: Record<string, number> = {};
  for (const c of grid) {
    const v = scoreOf(f.values[c.key]);
    if (v !== null && v >= 0 && v <= c.scale) scores[c.key] = v;
  }
  const r = weightedTotal(grid, scores);
  // An eliminatory criterion left empty is not yet a 0.
  const eliminated = grid.some((c) => c.eliminatory && scores[c.key] === 0);
  return { total: r.total, eliminated };
}

/** « 72,5 / 100 ». */
export const scoreLabel = (total: number | null): string =>
  total === null
    ? '—'
    : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(total)}\u00a0/\u00a0100`;

// ---- Decision -----------------------------------------------------------------------------------

export interface DecisionForm {
  decision: CallDecision | '';
  amount: string;
  reasons: string;
}

export function decisionErrors(f: DecisionForm, requested: number | null): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.decision) e.decision = 'Choisissez la décision';
  if (f.decision === 'selected') {
    const a = parseDecimal(f.amount);
    if (a === null) e.amountGranted = 'Montant accordé : à renseigner';
    else if (a === 'invalid' || toCents(a) === null || a <= 0)
      e.amountGranted = 'Montant accordé : un montant en euros, 2 décimales au plus';
    else if (requested !== null && a > requested)
      e.amountGranted = `Montant accordé : au plus le montant demandé (${euros(requested)})`;
  }
  if (!f.reasons.trim()) e.reasons = f.decision === 'selected' ? 'Motivation : à renseigner' : 'Motifs : à renseigner';
  else if (f.reasons.length > CALL_LIMITS.reason) e.reasons = `${CALL_LIMITS.reason} caractères au plus`;
  return e;
}

export function decisionBody(f: DecisionForm): { decision: CallDecision; amountGranted?: number; reasons: string } {
  const a = parseDecimal(f.amount);
  return f.decision === 'selected'
    ? { decision: 'selected', amountGranted: typeof a === 'number' ? a : 0, reasons: f.reasons.trim() }
    : { decision: 'rejected', reasons: f.reasons.trim() };
}
