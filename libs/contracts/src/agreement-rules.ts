// The rules of an agreement's terms, written once: the API refuses with them (400 naming each
// field) and the web editor shows the same messages while the agent types. The schedule's rule is
// the one that matters: its tranches add up to the agreement's amount exactly, in cents.
import { isIsoDate, type FundingFieldError } from './funding-rules.js';
import { toCents, type PaymentTranche } from './funding.js';

export const AGREEMENT_LIMITS = {
  title: 300,
  tranches: 24,
  trancheLabel: 200,
  bilanDueDates: 12,
  indicatorTargetMax: 1_000_000_000,
} as const;

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
/** « 12 500,00 € » (French separators). */
export const formatEuros = (amount: number): string => euros.format(amount);

/** The tranches' sum in cents (invalid amounts count as 0: their own line says why). */
export const scheduleTotalCents = (schedule: readonly Pick<PaymentTranche, 'amount'>[]): number =>
  schedule.reduce((sum, t) => sum + (toCents(t.amount) ?? 0), 0);

/**
 * A payment schedule against the agreement's amount (euros): at least one tranche, each with a
 * label, an amount in euros (at most 2 decimals) and a due date; the sum equals the amount to the
 * cent. Fields: `paymentSchedule`, `paymentSchedule.2.amount`…
 */
export function scheduleErrors(schedule: readonly PaymentTranche[], amount: number): FundingFieldError[] {
  const errors: FundingFieldError[] = [];
  if (!Array.isArray(schedule) || schedule.length === 0)
    return [{ field: 'paymentSchedule', message: 'Échéancier : au moins une échéance' }];
  if (schedule.length > AGREEMENT_LIMITS.tranches)
    return [{ field: 'paymentSchedule', message: `Échéancier : ${AGREEMENT_LIMITS.tranches} échéances au plus` }];
  schedule.forEach((t, i) => {
    const f = `paymentSchedule.${i}`;
    if (typeof t?.label !== 'string' || !t.label.trim())
      errors.push({ field: `${f}.label`, message: `Échéance ${i + 1} : libellé à renseigner` });
    else if (t.label.length > AGREEMENT_LIMITS.trancheLabel)
      errors.push({
        field: `${f}.label`,
        message: `Échéance ${i + 1} : libellé de ${AGREEMENT_LIMITS.trancheLabel} caractères au plus`,
      });
    const cents = toCents(t?.amount);
    if (cents === null || cents === 0)
      errors.push({
        field: `${f}.amount`,
        message: `Échéance ${i + 1} : montant en euros, positif, à deux décimales au plus`,
      });
    if (!isIsoDate(t?.dueOn)) errors.push({ field: `${f}.dueOn`, message: `Échéance ${i + 1} : date invalide` });
  });
  const total = scheduleTotalCents(schedule);
  const expected = toCents(amount);
  if (errors.length === 0 && expected !== null && total !== expected)
    errors.push({
      field: 'paymentSchedule',
      message: `La somme des échéances (${formatEuros(total / 100)}) doit être égale au montant de la convention (${formatEuros(expected / 100)})`,
    });
  return errors;
}

/** PATCH /agreements/{id}: the terms an agent adjusts while the agreement is a draft. */
export interface AgreementWrite {
  title?: string;
  startsOn?: string;
  endsOn?: string;
  paymentSchedule?: PaymentTranche[];
  /** The indicators' targets, in the agreement's order (null: no target). */
  indicatorTargets?: (number | null)[];
  bilanDueDates?: string[];
  /** The version read: a stale one is refused (409 `stale`). */
  version: number;
}

/**
 * The whole terms once merged (the stored ones with what the body changes), against the amount:
 * the schedule's rule, the period (start ≤ end), the targets, and the bilans due within or after
 * the period (never before it starts).
 */
export function agreementTermsErrors(
  t: {
    title: string;
    startsOn: string;
    endsOn: string;
    paymentSchedule: PaymentTranche[];
    indicatorTargets: (number | null)[];
    bilanDueDates: string[];
  },
  amount: number,
  indicatorCount: number,
): FundingFieldError[] {
  const errors: FundingFieldError[] = [];
  if (typeof t.title !== 'string' || !t.title.trim()) errors.push({ field: 'title', message: 'Titre : à renseigner' });
  else if (t.title.length > AGREEMENT_LIMITS.title)
    errors.push({ field: 'title', message: `Titre : ${AGREEMENT_LIMITS.title} caractères au plus` });
  const startOk = isIsoDate(t.startsOn);
  const endOk = isIsoDate(t.endsOn);
  if (!startOk) errors.push({ field: 'startsOn', message: 'Début : date invalide' });
  if (!endOk) errors.push({ field: 'endsOn', message: 'Fin : date invalide' });
  if (startOk && endOk && t.endsOn < t.startsOn)
    errors.push({ field: 'endsOn', message: 'Fin : pas avant le début de la convention' });
  errors.push(...scheduleErrors(t.paymentSchedule, amount));
  if (!Array.isArray(t.indicatorTargets) || t.indicatorTargets.length !== indicatorCount)
    errors.push({ field: 'indicatorTargets', message: `Cibles : une valeur par indicateur (${indicatorCount})` });
  else
    t.indicatorTargets.forEach((v, i) => {
      if (
        v !== null &&
        (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > AGREEMENT_LIMITS.indicatorTargetMax)
      )
        errors.push({ field: `indicatorTargets.${i}`, message: `Cible ${i + 1} : nombre positif attendu` });
    });
  if (!Array.isArray(t.bilanDueDates) || t.bilanDueDates.length > AGREEMENT_LIMITS.bilanDueDates)
    errors.push({ field: 'bilanDueDates', message: `Bilans : ${AGREEMENT_LIMITS.bilanDueDates} dates au plus` });
  else
    t.bilanDueDates.forEach((d, i) => {
      if (!isIsoDate(d)) errors.push({ field: `bilanDueDates.${i}`, message: `Bilan ${i + 1} : date invalide` });
      else if (startOk && d < t.startsOn)
        errors.push({
          field: `bilanDueDates.${i}`,
          message: `Bilan ${i + 1} : pendant ou après la période de la convention, pas avant son début`,
        });
    });
  return errors;
}
