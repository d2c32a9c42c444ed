// The rules of a call's form and grid and of an application's answers, written once: the API
// refuses with them (400 naming each field) and the web forms show the same messages before
// sending. Messages are in French: they are shown as they are, next to the field.
import { textProblem } from './input.js';
import {
  CALL_LIMITS,
  KEY_PATTERN,
  QUESTION_TYPES,
  questionVisible,
  toCents,
  type AnswerValue,
  type CallQuestion,
  type CallWrite,
  type GridCriterion,
} from './funding.js';

/** One problem, named by its API field (`questions.2.options`, `answers.budget.3.amount`). */
export interface FundingFieldError {
  field: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A commune's INSEE code or an EPCI's SIREN. */
export const COMMUNE_OR_EPCI_PATTERN = /^([0-9][0-9AB][0-9]{3}|[0-9]{9})$/;

export const isIsoDate = (v: unknown): v is string =>
  typeof v === 'string' &&
  DATE.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

function text(errors: FundingFieldError[], field: string, v: unknown, max: number, required: boolean, what: string) {
  if (v === undefined || v === null || v === '') {
    if (required) errors.push({ field, message: `${what} : à renseigner` });
    return;
  }
  if (typeof v !== 'string') return errors.push({ field, message: `${what} : texte attendu` });
  if (required && !v.trim()) return errors.push({ field, message: `${what} : à renseigner` });
  if (v.length > max) return errors.push({ field, message: `${what} : ${max} caractères au plus` });
  const problem = textProblem(v);
  if (problem) errors.push({ field, message: `${what} : caractères invalides` });
}

function key(errors: FundingFieldError[], field: string, v: unknown, seen: Set<string>) {
  if (typeof v !== 'string' || !KEY_PATTERN.test(v))
    return errors.push({ field, message: 'Identifiant : lettres minuscules, chiffres et « _ » (64 au plus)' });
  if (seen.has(v)) errors.push({ field, message: `Identifiant « ${v} » déjà utilisé` });
  seen.add(v);
}

function questionErrors(errors: FundingFieldError[], questions: readonly CallQuestion[]) {
  const keys = new Set<string>();
  questions.forEach((q, i) => {
    const at = `questions.${i}`;
    key(errors, `${at}.key`, q.key, keys);
    text(errors, `${at}.label`, q.label, CALL_LIMITS.questionLabel, true, 'Intitulé de la question');
    text(errors, `${at}.help`, q.help, CALL_LIMITS.help, false, 'Aide');
    if (!QUESTION_TYPES.includes(q.type)) errors.push({ field: `${at}.type`, message: 'Type de question inconnu' });
    if (typeof q.required !== 'boolean') errors.push({ field: `${at}.required`, message: 'Obligatoire : oui ou non' });
    const choice = q.type === 'choice' || q.type === 'multi_choice';
    if (choice) {
      const options = q.options ?? [];
      if (options.length < 2 || options.length > CALL_LIMITS.options)
        errors.push({ field: `${at}.options`, message: `Entre 2 et ${CALL_LIMITS.options} choix` });
      options.forEach((o, j) => text(errors, `${at}.options.${j}`, o, CALL_LIMITS.optionLabel, true, 'Choix'));
      if (new Set(options).size !== options.length) errors.push({ field: `${at}.options`, message: 'Choix en double' });
    } else if (q.options !== undefined && q.options.length)
      errors.push({ field: `${at}.options`, message: 'Des choix seulement pour une question à choix' });
    if (q.type === 'repeat') {
      const fields = q.fields ?? [];
      if (!fields.length || fields.length > CALL_LIMITS.repeatFields)
        errors.push({ field: `${at}.fields`, message: `Entre 1 et ${CALL_LIMITS.repeatFields} colonnes` });
      const fieldKeys = new Set<string>();
      fields.forEach((f, j) => {
        key(errors, `${at}.fields.${j}.key`, f.key, fieldKeys);
        text(errors, `${at}.fields.${j}.label`, f.label, CALL_LIMITS.optionLabel, true, 'Intitulé de la colonne');
        if (!['short_text', 'long_text', 'number', 'amount', 'date'].includes(f.type))
          errors.push({ field: `${at}.fields.${j}.type`, message: 'Type de colonne inconnu' });
      });
    } else if (q.fields !== undefined && q.fields.length)
      errors.push({ field: `${at}.fields`, message: 'Des colonnes seulement pour un bloc répétable' });
    if (q.showIf) {
      const target = questions.findIndex((o) => o.key === q.showIf!.key);
      if (target < 0 || target >= i || questions[target]!.type !== 'yes_no')
        errors.push({
          field: `${at}.showIf`,
          message: 'La condition doit porter sur une question oui/non placée avant',
        });
      if (typeof q.showIf.equals !== 'boolean') errors.push({ field: `${at}.showIf.equals`, message: 'Oui ou non' });
    }
  });
}

function gridErrors(errors: FundingFieldError[], grid: readonly GridCriterion[]) {
  const keys = new Set<string>();
  grid.forEach((c, i) => {
    const at = `grid.${i}`;
    key(errors, `${at}.key`, c.key, keys);
    text(errors, `${at}.label`, c.label, CALL_LIMITS.questionLabel, true, 'Intitulé du critère');
    text(errors, `${at}.help`, c.help, CALL_LIMITS.help, false, 'Aide');
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100)
      errors.push({ field: `${at}.weight`, message: 'Poids : un entier de 1 à 100' });
    if (!Number.isInteger(c.scale) || c.scale < 1 || c.scale > 20)
      errors.push({ field: `${at}.scale`, message: 'Barème : un entier de 1 à 20' });
  });
}

/**
 * A call's problems. A draft may be incomplete; `forPublication` adds what a published call needs:
 * a context, dates in order with the deadline to come, an envelope, at least one question or
 * document, and a grid.
 */
export function callWriteErrors(c: CallWrite, opts: { forPublication: boolean; now?: Date }): FundingFieldError[] {
  const errors: FundingFieldError[] = [];
  text(errors, 'title', c.title, CALL_LIMITS.title, true, 'Titre');
  text(errors, 'context', c.context, CALL_LIMITS.context, opts.forPublication, 'Contexte');
  if (toCents(c.envelope) === null)
    errors.push({ field: 'envelope', message: 'Enveloppe : un montant en euros (2 décimales au plus)' });
  else if (opts.forPublication && c.envelope <= 0)
    errors.push({ field: 'envelope', message: 'Enveloppe : un montant supérieur à 0' });
  const opens = c.opensAt ? Date.parse(c.opensAt) : NaN;
  const closes = c.closesAt ? Date.parse(c.closesAt) : NaN;
  if (c.opensAt && Number.isNaN(opens)) errors.push({ field: 'opensAt', message: 'Date d’ouverture invalide' });
  if (c.closesAt && Number.isNaN(closes)) errors.push({ field: 'closesAt', message: 'Date de clôture invalide' });
  if (opens >= closes) errors.push({ field: 'closesAt', message: 'La clôture doit suivre l’ouverture' });
  if (opts.forPublication) {
    if (!c.opensAt) errors.push({ field: 'opensAt', message: 'Date d’ouverture : à renseigner' });
    if (!c.closesAt) errors.push({ field: 'closesAt', message: 'Date de clôture : à renseigner' });
    else if (closes <= (opts.now ?? new Date()).getTime())
      errors.push({ field: 'closesAt', message: 'La date de clôture est passée' });
    if (!c.questions.length && !c.documents.length)
      errors.push({ field: 'questions', message: 'Le dossier doit comporter au moins une question ou une pièce' });
    if (!c.grid.length)
      errors.push({ field: 'grid', message: 'La grille d’analyse doit comporter au moins un critère' });
  }
  if (c.territory.kind !== 'department' && !c.territory.codes.length)
    errors.push({ field: 'territory.codes', message: 'Choisissez au moins un territoire' });
  c.territory.codes.forEach((code, i) => {
    if (!COMMUNE_OR_EPCI_PATTERN.test(code)) errors.push({ field: `territory.codes.${i}`, message: 'Code inconnu' });
  });
  if (c.questions.length > CALL_LIMITS.questions)
    errors.push({ field: 'questions', message: `${CALL_LIMITS.questions} questions au plus` });
  questionErrors(errors, c.questions);
  if (c.documents.length > CALL_LIMITS.documents)
    errors.push({ field: 'documents', message: `${CALL_LIMITS.documents} pièces au plus` });
  const docKeys = new Set(c.questions.map((q) => q.key));
  c.documents.forEach((d, i) => {
    key(errors, `documents.${i}.key`, d.key, docKeys);
    text(errors, `documents.${i}.label`, d.label, CALL_LIMITS.questionLabel, true, 'Intitulé de la pièce');
  });
  if (c.grid.length > CALL_LIMITS.criteria)
    errors.push({ field: 'grid', message: `${CALL_LIMITS.criteria} critères au plus` });
  gridErrors(errors, c.grid);
  return errors;
}

function numberProblem(type: 'number' | 'amount', v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return type === 'amount' ? 'un montant en euros' : 'un nombre';
  if (type === 'amount') return toCents(v) === null ? 'un montant en euros positif, 2 décimales au plus' : null;
  return Math.abs(v) > 1e12 ? 'un nombre plus petit' : null;
}

function valueErrors(errors: FundingFieldError[], field: string, q: CallQuestion, v: AnswerValue) {
  const bad = (message: string) => errors.push({ field, message: `${q.label} : ${message}` });
  switch (q.type) {
    case 'short_text':
    case 'long_text':
      return text(
        errors,
        field,
        v,
        q.type === 'short_text' ? CALL_LIMITS.shortText : CALL_LIMITS.longText,
        false,
        q.label,
      );
    case 'number':
    case 'amount': {
      const p = numberProblem(q.type, v);
      return p ? bad(p) : undefined;
    }
    case 'date':
      return isIsoDate(v) ? undefined : bad('une date (AAAA-MM-JJ)');
    case 'yes_no':
      return typeof v === 'boolean' ? undefined : bad('oui ou non');
    case 'choice':
      return typeof v === 'string' && q.options?.includes(v) ? undefined : bad('un des choix proposés');
    case 'multi_choice':
      return Array.isArray(v) &&
        v.every((o) => typeof o === 'string' && q.options?.includes(o)) &&
        new Set(v as unknown[]).size === v.length
        ? undefined
        : bad('des choix proposés, sans doublon');
    case 'commune':
      return typeof v === 'string' && COMMUNE_OR_EPCI_PATTERN.test(v) ? undefined : bad('une commune ou un EPCI');
    case 'file':
      return bad('un fichier se joint comme pièce, pas comme réponse');
    case 'budget_table':
    case 'repeat': {
      if (!Array.isArray(v)) return bad('une liste de lignes');
      if (v.length > CALL_LIMITS.lines) return bad(`${CALL_LIMITS.lines} lignes au plus`);
      v.forEach((line, i) => {
        const at = `${field}.${i}`;
        if (typeof line !== 'object' || line === null || Array.isArray(line))
          return errors.push({ field: at, message: `${q.label}, ligne ${i + 1} : ligne invalide` });
        const l = line as Record<string, unknown>;
        if (q.type === 'budget_table') {
          const extra = Object.keys(l).filter((k) => k !== 'label' && k !== 'amount');
          if (extra.length)
            errors.push({ field: `${at}.${extra[0]}`, message: `${q.label}, ligne ${i + 1} : champ inconnu` });
          text(errors, `${at}.label`, l.label, CALL_LIMITS.optionLabel, true, `${q.label}, ligne ${i + 1}, libellé`);
          const p = numberProblem('amount', l.amount);
          if (p) errors.push({ field: `${at}.amount`, message: `${q.label}, ligne ${i + 1} : ${p}` });
          return;
        }
        const fields = q.fields ?? [];
        const extra = Object.keys(l).filter((k) => !fields.some((f) => f.key === k));
        if (extra.length)
          errors.push({ field: `${at}.${extra[0]}`, message: `${q.label}, ligne ${i + 1} : champ inconnu` });
        for (const f of fields) {
          const fv = l[f.key];
          const what = `${q.label}, ligne ${i + 1}, ${f.label}`;
          if (f.type === 'short_text' || f.type === 'long_text')
            text(
              errors,
              `${at}.${f.key}`,
              fv,
              f.type === 'short_text' ? CALL_LIMITS.shortText : CALL_LIMITS.longText,
              f.required,
              what,
            );
          else if (fv === undefined || fv === null || fv === '') {
            if (f.required) errors.push({ field: `${at}.${f.key}`, message: `${what} : à renseigner` });
          } else if (f.type === 'date') {
            if (!isIsoDate(fv)) errors.push({ field: `${at}.${f.key}`, message: `${what} : une date (AAAA-MM-JJ)` });
          } else {
            const p = numberProblem(f.type, fv);
            if (p) errors.push({ field: `${at}.${f.key}`, message: `${what} : ${p}` });
          }
        }
      });
      return;
    }
  }
}

const empty = (v: AnswerValue | undefined) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'string' && !v.trim());

/**
 * An application's problems. Always: no unknown key, each value of its question's type. With
 * `complete` (submission): every visible required question answered, every required document and
 * every visible required `file` question joined (`documentKeys`: the keys of the joined documents),
 * and an amount requested. Answers to hidden questions are ignored (and dropped on save by the API).
 */
export function answerErrors(
  questions: readonly CallQuestion[],
  answers: Record<string, AnswerValue>,
  opts: {
    complete: boolean;
    documentKeys?: ReadonlySet<string>;
    requiredDocuments?: readonly { key: string; label: string; required: boolean }[];
    amountRequested?: number | null;
  },
): FundingFieldError[] {
  const errors: FundingFieldError[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const k of Object.keys(answers))
    if (!byKey.has(k)) errors.push({ field: `answers.${k}`, message: 'Question inconnue' });
  for (const q of questions) {
    if (!questionVisible(q, answers)) continue;
    const v = answers[q.key];
    const field = `answers.${q.key}`;
    if (q.type === 'file') {
      if (v !== undefined && v !== null) valueErrors(errors, field, q, v);
      if (opts.complete && q.required && !opts.documentKeys?.has(q.key))
        errors.push({ field, message: `${q.label} : fichier à joindre` });
      continue;
    }
    if (empty(v)) {
      if (opts.complete && q.required) errors.push({ field, message: `${q.label} : à renseigner` });
      continue;
    }
    valueErrors(errors, field, q, v!);
  }
  if (opts.complete) {
    for (const d of opts.requiredDocuments ?? [])
      if (d.required && !opts.documentKeys?.has(d.key))
        errors.push({ field: `documents.${d.key}`, message: `${d.label} : pièce à joindre` });
    if (opts.amountRequested === null || opts.amountRequested === undefined)
      errors.push({ field: 'amountRequested', message: 'Montant demandé : à renseigner' });
  }
  if (opts.amountRequested !== null && opts.amountRequested !== undefined && toCents(opts.amountRequested) === null)
    errors.push({ field: 'amountRequested', message: 'Montant demandé : un montant en euros, 2 décimales au plus' });
  return errors;
}

/** Answers without those of the questions their condition hides. */
export function visibleAnswers(
  questions: readonly CallQuestion[],
  answers: Record<string, AnswerValue>,
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const q of questions) if (q.key in answers && questionVisible(q, answers)) out[q.key] = answers[q.key]!;
  return out;
}
