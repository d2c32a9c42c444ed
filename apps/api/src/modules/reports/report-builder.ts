// Assembles the execution report from the plan's rows, the agreements that fund it and the
// indicator figures: pure, so that the funding split is tested without a database.
import {
  fromCents,
  reportSummary,
  splitCents,
  type ExecutionReport,
  type PlanIndicatorFigure,
  type ReportAxis,
} from '@catalogue/contracts';
import type { FicheRow, FundedAgreementRow, PlanRow } from './reports.repository.js';

/** Per fiche: the agreements' cents committed and paid, each agreement split equally between its fiches. */
export function fundingByFiche(agreements: FundedAgreementRow[]): Map<string, { committed: number; paid: number }> {
  const out = new Map<string, { committed: number; paid: number }>();
  for (const g of agreements) {
    const committed = splitCents(Number(g.amount_cents), g.fiche_ids.length);
    const paid = splitCents(Number(g.paid_cents), g.fiche_ids.length);
    g.fiche_ids.forEach((id, i) => {
      const s = out.get(id) ?? { committed: 0, paid: 0 };
      s.committed += committed[i]!;
      s.paid += paid[i]!;
      out.set(id, s);
    });
  }
  return out;
}

export function buildReport(input: {
  tenant: { slug: string; name: string };
  plan: PlanRow;
  year: number;
  fiches: FicheRow[];
  agreements: FundedAgreementRow[];
  figures: PlanIndicatorFigure[];
  now: Date;
}): ExecutionReport {
  const funding = fundingByFiche(input.agreements);
  const axes: ReportAxis[] = [];
  for (const f of input.fiches) {
    let axis = axes.at(-1);
    if (!axis || axis.id !== f.axis_id) {
      axis = { id: f.axis_id, number: f.axis_number, title: f.axis_title, description: f.axis_description, fiches: [] };
      axes.push(axis);
    }
    const money = funding.get(f.id) ?? { committed: 0, paid: 0 };
    axis.fiches.push({
      id: f.id,
      number: f.number,
      title: f.title,
      description: f.description,
      objective: f.objective,
      publicText: f.public_text,
      means: f.means,
      funding: { voted: fromCents(f.voted_cents), committed: money.committed / 100, paid: money.paid / 100 },
      indicators: input.figures
        .filter((i) => i.ficheId === f.id)
        .map((i) => ({
          indicatorId: i.indicatorId,
          label: i.label,
          unit: i.unit,
          measure: i.measure,
          source: i.source,
          target: i.target,
          achieved: i.achieved,
          hidden: i.hidden,
          progress: i.progress,
          note: i.note,
        })),
      progress: f.progress ?? '',
      progressUpdatedAt: f.updated_at ? new Date(f.updated_at).toISOString() : null,
      progressUpdatedBy: f.updated_by,
    });
  }
  return {
    tenant: input.tenant,
    plan: {
      id: input.plan.id,
      name: input.plan.name,
      periodStart: input.plan.period_start,
      periodEnd: input.plan.period_end,
    },
    year: input.year,
    generatedAt: input.now.toISOString(),
    summary: reportSummary(axes),
    axes,
  };
}
