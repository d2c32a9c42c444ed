// An application's form as the structure edits it (pure, unit-tested in node): the answers as
// typed (numbers kept as text until saved), turned into the API's answers, checked with the rules
// the API applies (answerErrors), and the API's field names turned into the ids of the page.
import {
  answerErrors,
  questionVisible,
  type AnswerValue,
  type Application,
  type ApplicationStatus,
  type Call,
  type CallQuestion,
  type FundingFieldError,
} from '@catalogue/contracts';
import { amountInput, parseDecimal } from './application-text.js';

/** A line of a budget table (`label`, `amount`) or of a repeat block (by field key), as typed. */
export type FormLine = Record<string, string>;
export type FormValue = string | boolean | string[] | FormLine[] | null;
export type AnswerForm = Record<string, FormValue>;

/** While the structure may change it: a draft, or when the département asked for a completion. */
export const isEditable = (s: ApplicationStatus): boolean => s === 'draft' || s === 'completion_requested';
/** Until the decision. */
export const canWithdraw = (s: ApplicationStatus): boolean =>
  s === 'draft' || s === 'submitted' || s === 'completion_requested';

const numberText = (v: unknown, amount: boolean): string =>
  typeof v === 'number' ? (amount ? amountInput(v) : String(v).replace('.', ',')) : typeof v === 'string' ? v : '';

function lineFrom(q: CallQuestion, line: unknown): FormLine {
  const l = (line && typeof line === 'object' ? line : {}) as Record<string, unknown>;
  if (q.type === 'budget_table')
    return { label: typeof l.label === 'string' ? l.label : '', amount: numberText(l.amount, true) };
  const out: FormLine = {};
  for (const f of q.fields ?? [])
    out[f.key] =
      f.type === 'number' || f.type === 'amount'
        ? numberText(l[f.key], f.type === 'amount')
        : typeof l[f.key] === 'string'
          ? (l[f.key] as string)
          : '';
  return out;
}

/** The form filled from the saved answers. */
export function formFromAnswers(questions: readonly CallQuestion[], answers: Record<string, AnswerValue>): AnswerForm {
  const form: AnswerForm = {};
  for (const q of questions) {
    const v = answers[q.key];
    switch (q.type) {
      case 'number':
      case 'amount':
        form[q.key] = numberText(v, q.type === 'amount');
        break;
      case 'yes_no':
        form[q.key] = typeof v === 'boolean' ? v : null;
        break;
      case 'multi_choice':
        form[q.key] = Array.isArray(v) ? (v as unknown[]).filter((o): o is string => typeof o === 'string') : [];
        break;
      case 'budget_table':
      case 'repeat':
        form[q.key] = Array.isArray(v) ? (v as unknown[]).map((l) => lineFrom(q, l)) : [];
        break;
      case 'file':
        break;
      default:
        form[q.key] = typeof v === 'string' ? v : '';
    }
  }
  return form;
}

/** A number as typed: the number, or the text itself when it is not one (the rules then say so). */
function typedNumber(text: string): number | string | undefined {
  const n = parseDecimal(text);
  return n === null ? undefined : n === 'invalid' ? text : n;
}

const blankLine = (l: FormLine): boolean => Object.values(l).every((v) => v.trim() === '');

/** The answers sent to the API: empty answers left out, numbers as numbers, blank lines dropped. */
export function answersFromForm(questions: readonly CallQuestion[], form: AnswerForm): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const q of questions) {
    const v = form[q.key];
    if (v === undefined || v === null || q.type === 'file') continue;
    if (q.type === 'number' || q.type === 'amount') {
      const n = typedNumber(v as string);
      if (n !== undefined) out[q.key] = n;
    } else if (q.type === 'budget_table' || q.type === 'repeat') {
      const lines = (v as FormLine[]).filter((l) => !blankLine(l));
      if (!lines.length) continue;
      out[q.key] = lines.map((l) => {
        if (q.type === 'budget_table') {
          const amount = typedNumber(l.amount ?? '');
          return { label: (l.label ?? '').trim(), amount: amount ?? '' } as never;
        }
        const line: Record<string, string | number> = {};
        for (const f of q.fields ?? []) {
          const raw = l[f.key] ?? '';
          if (raw.trim() === '') continue;
          line[f.key] = f.type === 'number' || f.type === 'amount' ? typedNumber(raw)! : raw.trim();
        }
        return line;
      }) as AnswerValue;
    } else if (typeof v === 'string') {
      if (v.trim() !== '') out[q.key] = q.type === 'long_text' ? v : v.trim();
    } else if (Array.isArray(v)) {
      if (v.length) out[q.key] = v as string[];
    } else out[q.key] = v;
  }
  return out;
}

/** The questions shown with these answers (their yes/no conditions). */
export function visibleQuestions(questions: readonly CallQuestion[], form: AnswerForm): CallQuestion[] {
  const answers = answersFromForm(questions, form);
  return questions.filter((q) => questionVisible(q, answers));
}

/** The amount requested as typed: the number, null when empty, 'invalid' otherwise. */
export const parseAmount = (text: string): number | null | 'invalid' => parseDecimal(text);

/**
 * What is wrong with the form: always the values' types; with `complete` (before submitting) what
 * a submission needs. The same rules and messages as the API's.
 */
export function formErrors(
  call: Pick<Call, 'questions' | 'documents'>,
  form: AnswerForm,
  amountText: string,
  documentKeys: ReadonlySet<string>,
  complete: boolean,
): FundingFieldError[] {
  const amount = parseAmount(amountText);
  const errors = answerErrors(call.questions, answersFromForm(call.questions, form), {
    complete,
    documentKeys,
    requiredDocuments: call.documents,
    amountRequested: amount === 'invalid' ? null : amount,
  });
  if (amount === 'invalid') {
    const at = errors.findIndex((e) => e.field === 'amountRequested');
    const message = { field: 'amountRequested', message: 'Montant demandé : un montant en euros, 2 décimales au plus' };
    if (at >= 0) errors[at] = message;
    else errors.push(message);
  }
  return errors;
}

/** The body of PATCH applications/{id}. */
export function saveBody(
  call: Pick<Call, 'questions'>,
  form: AnswerForm,
  amountText: string,
  version: number,
): { answers: Record<string, AnswerValue>; amountRequested: number | null; version: number } {
  const amount = parseAmount(amountText);
  return {
    answers: answersFromForm(call.questions, form),
    amountRequested: amount === 'invalid' ? null : amount,
    version,
  };
}

/** The id of the page's element for an API field: `answers.budget.2.amount` → `f-answers-budget-2-amount`. */
export const fieldDomId = (field: string): string => `f-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** One message per field (the first), in the order given. */
export function errorMap(errors: readonly FundingFieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) if (!(e.field in out)) out[e.field] = e.message;
  return out;
}

/** The `fields` of an API error (400), or none. */
export function apiFieldErrors(body: Record<string, unknown> | undefined): FundingFieldError[] {
  const fields = body?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is FundingFieldError =>
      typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string',
  );
}

/** The message of a field and of the lines within it (`answers.budget` also shows `answers.budget.2.amount`'s). */
export function errorsUnder(errors: Record<string, string>, field: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === field || k.startsWith(`${field}.`))
    .map(([, m]) => m);
}

/** Empty line of a budget table or repeat block. */
export function emptyLine(q: CallQuestion): FormLine {
  if (q.type === 'budget_table') return { label: '', amount: '' };
  return Object.fromEntries((q.fields ?? []).map((f) => [f.key, '']));
}

/** The budget lines as numbers (unreadable amounts count as 0), for `budgetTotal`. */
export function budgetLines(lines: readonly FormLine[]): { label: string; amount: number }[] {
  return lines.map((l) => {
    const n = parseDecimal(l.amount ?? '');
    return { label: l.label ?? '', amount: typeof n === 'number' && n >= 0 ? n : 0 };
  });
}

/** The application's documents for one key (a question of type `file` or a required document). */
export const documentsOf = (app: Pick<Application, 'documents'>, key: string) =>
  app.documents.filter((d) => d.key === key);

/**
 * The end (23:59:59) of a day in Paris as an ISO instant: a completion due date chosen as a day.
 * Null when the text is not a date.
 */
export function parisEndOfDay(day: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  if (Number.isNaN(guess) || new Date(guess).toISOString().slice(0, 10) !== day) return null;
  // Paris' offset at that moment: the wall-clock time there minus UTC.
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(guess));
  const p = (t: string) => Number(parts.find((x) => x.type === t)?.value);
  const wall = Date.UTC(p('year'), p('month') - 1, p('day'), p('hour'), p('minute'), p('second'));
  return new Date(guess - (wall - guess)).toISOString();
}

/** Today in Paris, `YYYY-MM-DD`. */
export const parisToday = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
