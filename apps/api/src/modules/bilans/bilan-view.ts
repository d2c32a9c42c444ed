// What a bilan answers, from its row: the figures (computed beside declared), the money, the
// summary. Pure: the service gives the live figures (or the row's frozen ones) and today.
import { BILAN_FIGURE_GROUPS, type BilanFigure, type BilanMoney, type BilanSummary } from '@catalogue/contracts';
import { isOverdue } from './bilan-lifecycle.js';
import type { BilanListRow, BilanRow, StoredFigures } from './bilans.repository.js';

export function summaryOf(r: BilanListRow, today: string): BilanSummary {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    agreementTitle: r.agreement_title,
    offerId: r.offer_id,
    offerTitle: r.offer_title,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    year: Number(r.year),
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueOn: r.due_on,
    status: r.status,
    overdue: isOverdue(r.status, r.due_on, today),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    validatedAt: r.validated_at?.toISOString() ?? null,
  };
}

/**
 * The computed figures are frozen at submission: live while the structure writes (including after
 * a request for changes: the next submission freezes them again), the stored ones after.
 */
export const frozen = (r: Pick<BilanRow, 'status' | 'computed'>): boolean =>
  (r.status === 'submitted' || r.status === 'validated') && r.computed !== null;

/** Every figure, in the groups' order, computed beside declared. */
export function figuresOf(r: Pick<BilanRow, 'declared'>, computed: StoredFigures): BilanFigure[] {
  return BILAN_FIGURE_GROUPS.flatMap((g) =>
    g.figures.map((f) => {
      const d = r.declared[f.key];
      return {
        key: f.key,
        label: f.label,
        unit: f.unit,
        computed: computed[f.key] ?? null,
        declared: d?.value ?? null,
        justification: d?.justification ?? null,
      };
    }),
  );
}

/**
 * Granted: the agreement's amount (kept on the bilan at its creation). Paid: the tranches of the
 * agreement's schedule due by today; the schedule is the payment record until payments are
 * recorded on their own. Spent: the sum of the declared budget lines. Summed in cents.
 */
export function moneyOf(
  r: Pick<BilanRow, 'granted_cents' | 'payment_schedule' | 'budget_lines'>,
  today: string,
): BilanMoney {
  const paid = (r.payment_schedule ?? []).filter((t) => t.dueOn <= today).reduce((s, t) => s + t.amountCents, 0);
  const spent = r.budget_lines.reduce((s, l) => s + l.spentCents, 0);
  return {
    granted: Number(r.granted_cents) / 100,
    paid: paid / 100,
    spent: spent / 100,
    lines: r.budget_lines.map((l) => ({
      label: l.label,
      planned: l.plannedCents === null ? null : l.plannedCents / 100,
      spent: l.spentCents / 100,
    })),
  };
}
