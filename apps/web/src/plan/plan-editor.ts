// The plan editor's state and its conversions to and from the API (pure, unit-tested in node).
// The form holds numbers as typed; its error keys are the API's field names
// (`axes.1.fiches.0.number`), so a 400 from the API lands on the same fields as the checks here,
// which are the API's own cross-field rule (planWriteErrors) plus what the form must hold.
import {
  INDICATOR_MEASURES,
  PLAN_LIMITS,
  periodYears,
  planWriteErrors,
  type FicheRef,
  type IndicatorMeasure,
  type Plan,
  type PlanWrite,
} from '@catalogue/contracts';

export interface IndicatorForm {
  key: string;
  id?: string | undefined;
  label: string;
  unit: string;
  measure: IndicatorMeasure;
  /** Year → value as typed ('' or missing: no target). */
  targets: Record<string, string>;
}
export interface FicheForm {
  key: string;
  id?: string | undefined;
  number: string;
  title: string;
  objective: string;
  description: string;
  /** « Public visé ». */
  publicText: string;
  /** « Moyens et partenaires ». */
  means: string;
  indicators: IndicatorForm[];
  /** Published offers of the fiche (shown, not sent). */
  offerCount: number;
}
export interface AxisForm {
  key: string;
  id?: string | undefined;
  number: string;
  title: string;
  description: string;
  fiches: FicheForm[];
}
export interface PlanForm {
  name: string;
  periodStart: string;
  periodEnd: string;
  source: string;
  axes: AxisForm[];
  /** The version read (sent back as `expectedUpdatedAt`); null for a new plan. */
  updatedAt: string | null;
}

export const MEASURE_LABELS: Record<IndicatorMeasure, string> = {
  manual: 'Saisi par le Département',
  registrations: 'Compté à partir des inscriptions',
  bilans: 'Tiré des bilans des porteurs',
};
export const MEASURES = INDICATOR_MEASURES;

let counter = 0;
const newKey = (): string => `p${++counter}`;

export function emptyPlanForm(now = new Date()): PlanForm {
  const year = now.getFullYear();
  return { name: '', periodStart: String(year), periodEnd: String(year + 3), source: '', axes: [], updatedAt: null };
}

export function planFormFromPlan(plan: Plan): PlanForm {
  return {
    name: plan.name,
    periodStart: String(plan.periodStart),
    periodEnd: String(plan.periodEnd),
    source: plan.source ?? '',
    updatedAt: plan.updatedAt,
    axes: plan.axes.map((a) => ({
      key: newKey(),
      id: a.id,
      number: String(a.number),
      title: a.title,
      description: a.description ?? '',
      fiches: a.fiches.map((f) => ({
        key: newKey(),
        id: f.id,
        number: f.number,
        title: f.title,
        objective: f.objective ?? '',
        description: f.description ?? '',
        publicText: f.publicText ?? '',
        means: f.means ?? '',
        offerCount: f.offerCount,
        indicators: f.indicators.map((i) => ({
          key: newKey(),
          id: i.id,
          label: i.label,
          unit: i.unit,
          measure: i.measure,
          targets: Object.fromEntries(Object.entries(i.targets).map(([y, v]) => [y, String(v)])),
        })),
      })),
    })),
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
/** A number as typed in French or English (« 1 200,5 »); NaN when it is not one. */
export const parseNumber = (s: string): number => {
  const t = s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return t === '' || !/^-?\d+(\.\d+)?$/.test(t) ? Number.NaN : Number(t);
};
const int = (s: string): number => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : Number.NaN);

/** The body of PUT …/plan: ids kept, targets only for the years of the period that have a value. */
export function planWriteFromForm(f: PlanForm): PlanWrite & { expectedUpdatedAt: string | null } {
  const years = new Set(periodYears(int(f.periodStart), int(f.periodEnd)).map(String));
  return {
    name: f.name.trim(),
    periodStart: int(f.periodStart),
    periodEnd: int(f.periodEnd),
    source: orNull(f.source),
    expectedUpdatedAt: f.updatedAt,
    axes: f.axes.map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      number: int(a.number),
      title: a.title.trim(),
      description: orNull(a.description),
      fiches: a.fiches.map((fi) => ({
        ...(fi.id ? { id: fi.id } : {}),
        number: fi.number.trim(),
        title: fi.title.trim(),
        objective: orNull(fi.objective),
        description: orNull(fi.description),
        publicText: orNull(fi.publicText),
        means: orNull(fi.means),
        indicators: fi.indicators.map((i) => ({
          ...(i.id ? { id: i.id } : {}),
          label: i.label.trim(),
          unit: i.unit.trim(),
          measure: i.measure,
          targets: Object.fromEntries(
            Object.entries(i.targets)
              .filter(([y, v]) => years.has(y) && v.trim() !== '')
              .map(([y, v]) => [y, parseNumber(v)]),
          ),
        })),
      })),
    })),
  };
}

/** French messages by field (the API's names); empty when the plan can be sent. */
export function validatePlanForm(f: PlanForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const need = (key: string, value: string, what: string, max: number) => {
    if (value.trim() === '') errors[key] = `${what} : à renseigner`;
    else if (value.trim().length > max) errors[key] = `${what} : ${max} caractères au plus`;
  };
  need('name', f.name, 'Nom du plan', PLAN_LIMITS.name);
  for (const k of ['periodStart', 'periodEnd'] as const) {
    const y = int(f[k]);
    if (!Number.isInteger(y) || y < 1990 || y > 2100)
      errors[k] = `${k === 'periodStart' ? 'Début' : 'Fin'} de la période : une année entre 1990 et 2100`;
  }
  if (f.source.length > PLAN_LIMITS.source) errors.source = `Source : ${PLAN_LIMITS.source} caractères au plus`;
  if (f.axes.length > PLAN_LIMITS.axes) errors.axes = `${PLAN_LIMITS.axes} axes au plus`;
  f.axes.forEach((a, ai) => {
    const at = `axes.${ai}`;
    const n = int(a.number);
    if (!Number.isInteger(n) || n < 1 || n > 99) errors[`${at}.number`] = 'Numéro d’axe : un entier de 1 à 99';
    need(`${at}.title`, a.title, 'Titre de l’axe', PLAN_LIMITS.title);
    if (a.fiches.length > PLAN_LIMITS.fichesPerAxis)
      errors[`${at}.fiches`] = `${PLAN_LIMITS.fichesPerAxis} fiches au plus par axe`;
    a.fiches.forEach((fi, i) => {
      const ft = `${at}.fiches.${i}`;
      if (fi.number.trim() === '') errors[`${ft}.number`] = 'Numéro de fiche : à renseigner';
      need(`${ft}.title`, fi.title, 'Titre de la fiche', PLAN_LIMITS.title);
      if (fi.objective.length > PLAN_LIMITS.objective)
        errors[`${ft}.objective`] = `Objectif : ${PLAN_LIMITS.objective} caractères au plus`;
      if (fi.description.length > PLAN_LIMITS.ficheDescription)
        errors[`${ft}.description`] = `Description : ${PLAN_LIMITS.ficheDescription} caractères au plus`;
      if (fi.publicText.length > PLAN_LIMITS.publicText)
        errors[`${ft}.publicText`] = `Public visé : ${PLAN_LIMITS.publicText} caractères au plus`;
      if (fi.means.length > PLAN_LIMITS.means)
        errors[`${ft}.means`] = `Moyens et partenaires : ${PLAN_LIMITS.means} caractères au plus`;
      fi.indicators.forEach((ind, ii) => {
        const it = `${ft}.indicators.${ii}`;
        need(`${it}.label`, ind.label, 'Libellé de l’indicateur', PLAN_LIMITS.indicatorLabel);
        need(`${it}.unit`, ind.unit, 'Unité', PLAN_LIMITS.unit);
        for (const [y, v] of Object.entries(ind.targets))
          if (v.trim() !== '' && Number.isNaN(parseNumber(v)))
            errors[`${it}.targets.${y}`] = `Cible ${y} : nombre attendu`;
      });
    });
  });
  if (errors.periodStart || errors.periodEnd) return errors;
  for (const e of planWriteErrors(planWriteFromForm(f))) errors[e.field] ??= e.message;
  return errors;
}

// ---- Editing -------------------------------------------------------------------------------------

/** The list with item `i` moved by `delta` (unchanged at the ends). */
export function move<T>(list: readonly T[], i: number, delta: -1 | 1): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** Axes are shown by number: moving one swaps its number with its neighbour's. */
export function moveAxis(f: PlanForm, i: number, delta: -1 | 1): PlanForm {
  const j = i + delta;
  if (j < 0 || j >= f.axes.length) return f;
  const axes = move(f.axes, i, delta);
  const [a, b] = [axes[j]!, axes[i]!];
  axes[j] = { ...a, number: b.number };
  axes[i] = { ...b, number: a.number };
  return { ...f, axes };
}

const nextNumber = (numbers: string[]): string => {
  const ints = numbers.map(int).filter(Number.isInteger);
  return String(ints.length ? Math.max(...ints) + 1 : 1);
};

export function addAxis(f: PlanForm): PlanForm {
  return {
    ...f,
    axes: [
      ...f.axes,
      { key: newKey(), number: nextNumber(f.axes.map((a) => a.number)), title: '', description: '', fiches: [] },
    ],
  };
}

/** A new fiche numbered after the plan's highest plain number (« 1.2 » numbering: left to the person). */
export function addFiche(f: PlanForm, axisIndex: number): PlanForm {
  const all = f.axes.flatMap((a) => a.fiches.map((fi) => fi.number));
  const dotted = all.some((n) => n.includes('.'));
  const fiche: FicheForm = {
    key: newKey(),
    number: dotted ? '' : nextNumber(all),
    title: '',
    objective: '',
    description: '',
    publicText: '',
    means: '',
    indicators: [],
    offerCount: 0,
  };
  return updateAxis(f, axisIndex, (a) => ({ ...a, fiches: [...a.fiches, fiche] }));
}

export const newIndicator = (): IndicatorForm => ({
  key: newKey(),
  label: '',
  unit: '',
  measure: 'manual',
  targets: {},
});

export function updateAxis(f: PlanForm, i: number, change: (a: AxisForm) => AxisForm): PlanForm {
  return { ...f, axes: f.axes.map((a, k) => (k === i ? change(a) : a)) };
}
export function updateFiche(f: PlanForm, ai: number, fi: number, change: (x: FicheForm) => FicheForm): PlanForm {
  return updateAxis(f, ai, (a) => ({ ...a, fiches: a.fiches.map((x, k) => (k === fi ? change(x) : x)) }));
}

// ---- Reading -------------------------------------------------------------------------------------

/** The offer editor's select: one group per axis. */
export function ficheOptionGroups(plan: Plan): { label: string; options: { value: string; label: string }[] }[] {
  return plan.axes.map((a) => ({
    label: `Axe ${a.number} – ${a.title}`,
    options: a.fiches.map((f) => ({ value: f.id, label: `Fiche ${f.number} – ${f.title}` })),
  }));
}

/** « axe 2, fiche 7 – Titre », as the offer page names its fiche. */
export const ficheRefLabel = (f: FicheRef): string => `axe ${f.axis.number}, fiche ${f.number} – ${f.title}`;

/** The element id of an error key (`axes.0.fiches.1.number` → `plan-axes-0-fiches-1-number`). */
export const planFieldId = (key: string): string => `plan-${key.replace(/\./g, '-')}`;

/** A target value shown in French (« 1 200 », « 60,5 »). */
export const formatTarget = (v: number): string => v.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
