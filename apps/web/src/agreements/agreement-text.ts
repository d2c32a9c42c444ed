// The agreements' words and the schedule editor's logic (pure, unit-tested in node): status labels,
// French dates and amounts, and the lines an agent types checked by the shared schedule rule.
import {
  formatEuros,
  scheduleErrors,
  scheduleTotalCents,
  toCents,
  type AgreementStatus,
  type PaymentTranche,
} from '@catalogue/contracts';

export const AGREEMENT_STATUS: Record<AgreementStatus, { label: string; badge: string }> = {
  draft: { label: 'Brouillon', badge: 'fr-badge--new' },
  sent: { label: 'Envoyée pour signature', badge: 'fr-badge--info' },
  signed: { label: 'Signée', badge: 'fr-badge--success' },
  running: { label: 'En cours', badge: 'fr-badge--success' },
  closed: { label: 'Close', badge: '' },
};

const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** « 1er février 2027 » from « 2027-02-01 » (a calendar day, never shifted by a time zone). */
export const dayLabel = (iso: string): string => day.format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');

export const eurosLabel = formatEuros;

/** A line of the schedule as typed: the amount as the person writes it (« 7 500,50 »). */
export interface TrancheLine {
  label: string;
  amount: string;
  dueOn: string;
}

/** « 7 500,50 », « 7500.5 », « 7 500 € » → 7500.5; NaN when it is not an amount in euros. */
export function parseEuros(text: string): number {
  const t = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : NaN;
}

/** An amount as the input shows it: « 7500,5 » → « 7 500,50 » is for display; inputs keep « 7500,50 ». */
export const amountInput = (amount: number): string => amount.toFixed(2).replace('.', ',').replace(/,00$/, '');

export const linesOf = (schedule: readonly PaymentTranche[]): TrancheLine[] =>
  schedule.map((t) => ({ label: t.label, amount: amountInput(t.amount), dueOn: t.dueOn }));

export const tranchesOf = (lines: readonly TrancheLine[]): PaymentTranche[] =>
  lines.map((l) => ({ label: l.label, amount: parseEuros(l.amount), dueOn: l.dueOn }));

/** What the editor shows under the lines: the sum, what is left to share out, the rule's errors by field. */
export function scheduleState(lines: readonly TrancheLine[], amount: number) {
  const tranches = tranchesOf(lines);
  const total = scheduleTotalCents(tranches);
  const left = (toCents(amount) ?? 0) - total;
  const errors = Object.fromEntries(scheduleErrors(tranches, amount).map((e) => [e.field, e.message]));
  return {
    totalLabel: eurosLabel(total / 100),
    balanced: left === 0,
    leftLabel:
      left === 0
        ? 'La somme des échéances est égale au montant.'
        : left > 0
          ? `Reste à répartir : ${eurosLabel(left / 100)}`
          : `Dépassement : ${eurosLabel(-left / 100)}`,
    errors,
  };
}

/** Adds a line with what is left to share out (nothing when it is all shared). */
export function addLine(lines: readonly TrancheLine[], amount: number, dueOn: string): TrancheLine[] {
  const left = (toCents(amount) ?? 0) - scheduleTotalCents(tranchesOf(lines));
  return [...lines, { label: '', amount: left > 0 ? amountInput(left / 100) : '', dueOn }];
}
