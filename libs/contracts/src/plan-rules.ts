// The rules of a plan as a whole (what a field's own shape cannot tell), written once: the API
// refuses with them (400 naming each field) and the web's plan editor shows the same messages
// before sending. Messages are in French: they are shown as they are, next to the field.
import { FICHE_NUMBER_PATTERN, PLAN_LIMITS, type Plan, type PlanWrite } from './funding.js';

/** One problem, named by its API field (`axes.1.fiches.0.number`). */
export interface PlanFieldError {
  field: string;
  message: string;
}

/** PUT /tenants/{slug}/plan: the plan as saved, and what happened to the offers that point to it. */
export interface PlanSaved {
  plan: Plan;
  /** Offers whose legacy text (`planMeasure`) named a fiche and that now point to it. */
  offersLinked: number;
  /** Offers that pointed to a fiche the new plan leaves out (they now point to none). */
  offersUnlinked: number;
}

/** A plan covers at most this many years (the targets grid has a column per year). */
export const PLAN_PERIOD_MAX_YEARS = 20;

/** Target years are four-digit years: the key of `targets`. */
export const TARGET_YEAR_PATTERN = /^[0-9]{4}$/;

/**
 * Cross-field problems of a plan: unique axis and fiche numbers, fiche numbers of the expected
 * form, target years within the period and target values that make sense. Shape problems
 * (missing titles, too long texts, wrong types) are the DTO's business, but a wrong type here is
 * skipped rather than thrown on, so the web may call this on a form being edited.
 */
export function planWriteErrors(plan: PlanWrite): PlanFieldError[] {
  const errors: PlanFieldError[] = [];
  const { periodStart, periodEnd } = plan;
  const periodKnown = Number.isInteger(periodStart) && Number.isInteger(periodEnd);
  if (periodKnown && periodStart > periodEnd)
    errors.push({ field: 'periodEnd', message: 'Fin de la période : pas avant son début' });
  else if (periodKnown && periodEnd - periodStart > PLAN_PERIOD_MAX_YEARS - 1)
    errors.push({ field: 'periodEnd', message: `Période : ${PLAN_PERIOD_MAX_YEARS} ans au plus` });
  const axisNumbers = new Set<number>();
  const ficheNumbers = new Set<string>();
  (Array.isArray(plan.axes) ? plan.axes : []).forEach((axis, a) => {
    const at = `axes.${a}`;
    if (Number.isInteger(axis.number)) {
      if (axisNumbers.has(axis.number))
        errors.push({ field: `${at}.number`, message: `Axe ${axis.number} : numéro déjà utilisé` });
      axisNumbers.add(axis.number);
    }
    (Array.isArray(axis.fiches) ? axis.fiches : []).forEach((fiche, f) => {
      const ft = `${at}.fiches.${f}`;
      if (typeof fiche.number === 'string') {
        if (!FICHE_NUMBER_PATTERN.test(fiche.number))
          errors.push({ field: `${ft}.number`, message: 'Numéro de fiche : « 7 » ou « 1.2 »' });
        else if (ficheNumbers.has(fiche.number))
          errors.push({ field: `${ft}.number`, message: `Fiche ${fiche.number} : numéro déjà utilisé dans le plan` });
        ficheNumbers.add(fiche.number);
      }
      (Array.isArray(fiche.indicators) ? fiche.indicators : []).forEach((indicator, i) => {
        const targets = indicator.targets;
        if (!targets || typeof targets !== 'object' || Array.isArray(targets)) return;
        for (const [year, value] of Object.entries(targets)) {
          const field = `${ft}.indicators.${i}.targets.${year}`;
          const y = Number(year);
          if (!TARGET_YEAR_PATTERN.test(year))
            errors.push({ field, message: `Cible : « ${year} » n’est pas une année` });
          else if (periodKnown && (y < periodStart || y > periodEnd))
            errors.push({ field, message: `Cible ${year} : hors de la période ${periodStart}–${periodEnd}` });
          if (typeof value !== 'number' || !Number.isFinite(value))
            errors.push({ field, message: `Cible ${year} : nombre attendu` });
          else if (value < 0) errors.push({ field, message: `Cible ${year} : pas de valeur négative` });
          else if (value > PLAN_LIMITS.targetMax)
            errors.push({
              field,
              message: `Cible ${year} : ${PLAN_LIMITS.targetMax.toLocaleString('fr-FR')} au plus`,
            });
        }
      });
    });
  });
  return errors;
}

/** The years of a plan's period, in order (the columns of the targets grid). */
export function periodYears(periodStart: number, periodEnd: number): number[] {
  if (!Number.isInteger(periodStart) || !Number.isInteger(periodEnd) || periodEnd < periodStart) return [];
  const years: number[] = [];
  for (let y = periodStart; y <= Math.min(periodEnd, periodStart + PLAN_PERIOD_MAX_YEARS - 1); y++) years.push(y);
  return years;
}

/** The plan as PUT takes it back: every element with its id (so that it is kept). */
export function planToWrite(plan: Plan): PlanWrite & { expectedUpdatedAt: string } {
  return {
    name: plan.name,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    source: plan.source,
    expectedUpdatedAt: plan.updatedAt,
    axes: plan.axes.map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      description: a.description,
      fiches: a.fiches.map((f) => ({
        id: f.id,
        number: f.number,
        title: f.title,
        objective: f.objective,
        description: f.description,
        publicText: f.publicText,
        means: f.means,
        indicators: f.indicators.map((i) => ({
          id: i.id,
          label: i.label,
          unit: i.unit,
          measure: i.measure,
          targets: { ...i.targets },
        })),
      })),
    })),
  };
}
