// The editor's state of a call's form and grid (pure, unit-tested in node): keys made from labels
// so that agents never type one, questions added, moved and removed with their conditions kept
// coherent, and the French names of types and states.
import { isoToParis, parisToIso, parseEuros } from './call-time.js';
import type {
  CallQuestion,
  CallStatus,
  CallWrite,
  GridCriterion,
  QuestionType,
  RepeatField,
} from '@catalogue/contracts';

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  short_text: 'Texte court',
  long_text: 'Texte long',
  number: 'Nombre',
  amount: 'Montant (€)',
  date: 'Date',
  yes_no: 'Oui / non',
  choice: 'Choix unique',
  multi_choice: 'Choix multiples',
  commune: 'Commune ou EPCI du département',
  file: 'Fichier',
  budget_table: 'Tableau budgétaire (lignes et montants, total calculé)',
  repeat: 'Bloc répétable (partenaires…)',
};

export const REPEAT_FIELD_LABELS: Record<RepeatField['type'], string> = {
  short_text: 'Texte court',
  long_text: 'Texte long',
  number: 'Nombre',
  amount: 'Montant (€)',
  date: 'Date',
};

export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  draft: 'Brouillon',
  published: 'Ouvert',
  closed: 'Clos',
  decided: 'Résultats publiés',
  withdrawn: 'Retiré',
};

/** A key from a label: lower-case ASCII words joined by « _ », unique among `taken` (« budget_2 »). */
export function keyFromLabel(label: string, taken: Iterable<string>, fallback = 'question'): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40)
      .replace(/_+$/, '') || fallback;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A new question of `type`, with a key no other question holds. */
export function newQuestion(type: QuestionType, questions: readonly CallQuestion[]): CallQuestion {
  const label = QUESTION_TYPE_LABELS[type].replace(/ \(.*\)$/, '');
  const q: CallQuestion = {
    key: keyFromLabel(
      label,
      questions.map((x) => x.key),
    ),
    label,
    type,
    required: false,
  };
  if (type === 'choice' || type === 'multi_choice') q.options = ['Premier choix', 'Second choix'];
  if (type === 'repeat') q.fields = [{ key: 'nom', label: 'Nom', type: 'short_text', required: true }];
  return q;
}

/** The question at `i` relabelled, its key following the label (unique among the others). */
export function relabel(questions: readonly CallQuestion[], i: number, label: string): CallQuestion[] {
  const others = questions.filter((_, j) => j !== i).map((q) => q.key);
  const old = questions[i]!.key;
  const key = keyFromLabel(label, others);
  return questions.map((q, j) =>
    j === i ? { ...q, label, key } : q.showIf?.key === old ? { ...q, showIf: { ...q.showIf, key } } : q,
  );
}

/**
 * Questions with the one at `i` moved by `by` (−1 up, +1 down). A condition that would then point
 * to a later question is dropped (the rule: a condition is on a yes/no question placed before).
 */
export function moveQuestion(questions: readonly CallQuestion[], i: number, by: -1 | 1): CallQuestion[] {
  const j = i + by;
  if (j < 0 || j >= questions.length) return [...questions];
  const out = [...questions];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return dropBrokenConditions(out);
}

/** Questions without the one at `i`, and without the conditions that pointed to it. */
export function removeQuestion(questions: readonly CallQuestion[], i: number): CallQuestion[] {
  return dropBrokenConditions(questions.filter((_, j) => j !== i));
}

/** A question's type changed: what the new type does not take goes (options, columns, conditions on it). */
export function retype(questions: readonly CallQuestion[], i: number, type: QuestionType): CallQuestion[] {
  const fresh = newQuestion(type, []);
  const { options: _o, fields: _f, ...rest } = questions[i]!;
  const q: CallQuestion = {
    ...rest,
    type,
    ...(fresh.options ? { options: questions[i]!.options ?? fresh.options } : {}),
    ...(fresh.fields ? { fields: questions[i]!.fields ?? fresh.fields } : {}),
  };
  return dropBrokenConditions(questions.map((x, j) => (j === i ? q : x)));
}

/** The yes/no questions placed before `i`: what its condition may point to. */
export const conditionTargets = (questions: readonly CallQuestion[], i: number): CallQuestion[] =>
  questions.slice(0, i).filter((q) => q.type === 'yes_no');

function dropBrokenConditions(questions: CallQuestion[]): CallQuestion[] {
  return questions.map((q, i) => {
    if (!q.showIf || conditionTargets(questions, i).some((t) => t.key === q.showIf!.key)) return q;
    const { showIf: _s, ...rest } = q;
    return rest;
  });
}

/** A new grid criterion with a unique key. */
export function newCriterion(grid: readonly GridCriterion[], label = 'Nouveau critère'): GridCriterion {
  return {
    key: keyFromLabel(
      label,
      grid.map((c) => c.key),
      'critere',
    ),
    label,
    weight: 10,
    scale: 5,
  };
}

/** A new required document with a unique key (also unique among the questions' keys). */
export function newDocument(call: Pick<CallWrite, 'documents' | 'questions'>, label = 'Nouvelle pièce') {
  return {
    key: keyFromLabel(label, [...call.documents.map((d) => d.key), ...call.questions.map((q) => q.key)], 'piece'),
    label,
    required: true,
  };
}

/** A list with the item at `i` moved by `by`. */
export function move<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** The form's field of an API error field (`questions.2.options` → `questions.2`, the question's block). */
export function fieldAnchor(field: string): string {
  const m = /^(questions|documents|grid)\.(\d+)/.exec(field);
  if (m) return `call-${m[1]}-${m[2]}`;
  return `call-${field.split('.')[0]}`;
}

/** Errors by anchor, first message kept (the summary lists one line per field block). */
export function errorsByAnchor(errors: readonly { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[fieldAnchor(e.field)] ??= e.message;
  return out;
}

// ---- The editor's form ------------------------------------------------------------------------

/** What the editor holds: the call, with its dates as Paris date + time and its envelope as typed. */
export interface CallEditorForm extends Omit<CallWrite, 'opensAt' | 'closesAt' | 'envelope'> {
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  envelopeText: string;
}

export const EMPTY_EDITOR_FORM: CallEditorForm = {
  title: '',
  context: '',
  fiches: [],
  eligibleKinds: [],
  eligiblePublics: [],
  territory: { kind: 'department', codes: [] },
  envelopeText: '',
  opensDate: '',
  opensTime: '09:00',
  closesDate: '',
  closesTime: '23:59',
  questions: [],
  documents: [],
  grid: [],
};

/** The editor's form of a call. */
export function formFromCall(c: CallWrite): CallEditorForm {
  const opens = isoToParis(c.opensAt);
  const closes = isoToParis(c.closesAt);
  return {
    ...c,
    opensDate: opens.date,
    opensTime: opens.time || '09:00',
    closesDate: closes.date,
    closesTime: closes.time || '23:59',
    envelopeText: c.envelope ? String(c.envelope).replace('.', ',') : '',
  };
}

/**
 * The call the form says, and what cannot even be sent (a date that is no date, an amount that is
 * no amount) as errors named like the API's fields.
 */
export function writeFromForm(f: CallEditorForm): { write: CallWrite; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const instant = (field: 'opensAt' | 'closesAt', date: string, time: string): string | null => {
    if (!date) return null;
    const iso = parisToIso(date, time);
    if (!iso)
      errors.push({ field, message: field === 'opensAt' ? 'Date d’ouverture invalide' : 'Date limite invalide' });
    return iso;
  };
  const envelope = f.envelopeText.trim() ? parseEuros(f.envelopeText) : 0;
  if (envelope === null)
    errors.push({ field: 'envelope', message: 'Enveloppe : un montant en euros (2 décimales au plus)' });
  const { opensDate, opensTime, closesDate, closesTime, envelopeText: _e, ...rest } = f;
  return {
    write: {
      ...rest,
      envelope: envelope ?? 0,
      opensAt: instant('opensAt', opensDate, opensTime),
      closesAt: instant('closesAt', closesDate, closesTime),
    },
    errors,
  };
}
