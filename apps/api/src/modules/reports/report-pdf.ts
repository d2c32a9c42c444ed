// The execution report as a PDF, through the shared document layout: title, the summary table,
// then per axe a heading and per fiche its sections and its indicator table.
import {
  FIGURE_SOURCE_LABELS,
  formatFigure,
  formatProgress,
  formatReportEuros,
  type ExecutionReport,
  type ReportSummaryLine,
} from '@catalogue/contracts';
import { renderPdf, type PdfBlock } from '../../common/pdf/pdf-document.js';

const dateFr = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(new Date(iso));

const summaryCells = (l: ReportSummaryLine): string[] => [
  l.label,
  String(l.indicators),
  `${l.reached} / ${l.measured}`,
  formatReportEuros(l.funding.voted),
  formatReportEuros(l.funding.committed),
  formatReportEuros(l.funding.paid),
];

export function reportPdfBlocks(r: ExecutionReport): PdfBlock[] {
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: 'Synthèse' },
    {
      kind: 'table',
      columns: ['Axe / fiche', 'Indicateurs', 'Cibles atteintes', 'Voté', 'Engagé', 'Versé'],
      widths: [163, 50, 55, 70, 75, 70],
      rows: [
        ...r.summary.axes.flatMap((a) => [summaryCells(a), ...a.fiches.map(summaryCells)]),
        summaryCells(r.summary.total),
      ],
    },
  ];
  for (const axis of r.axes) {
    blocks.push({ kind: 'heading', text: `Axe ${axis.number} – ${axis.title}` });
    if (axis.description) blocks.push({ kind: 'paragraph', text: axis.description });
    for (const f of axis.fiches) {
      blocks.push({ kind: 'heading', text: `Fiche ${f.number} – ${f.title}` });
      const fields: [string, string][] = [];
      if (f.description) fields.push(['Description', f.description]);
      if (f.objective) fields.push(['Objectif', f.objective]);
      if (f.publicText) fields.push(['Public visé', f.publicText]);
      if (f.means) fields.push(['Moyens et partenaires', f.means]);
      fields.push([
        `Financement ${r.year}`,
        `voté ${formatReportEuros(f.funding.voted)} ; engagé ${formatReportEuros(f.funding.committed)} ; versé ${formatReportEuros(f.funding.paid)}`,
      ]);
      blocks.push({ kind: 'fields', rows: fields });
      if (f.indicators.length)
        blocks.push({
          kind: 'table',
          columns: ['Indicateur', 'Cible', 'Réalisé', 'Avancement', 'Source'],
          widths: [203, 65, 65, 70, 80],
          rows: f.indicators.map((i) => [
            `${i.label} (${i.unit})`,
            formatFigure(i.target),
            formatFigure(i.achieved, i.hidden),
            formatProgress(i.progress),
            FIGURE_SOURCE_LABELS[i.source],
          ]),
        });
      blocks.push({
        kind: 'paragraph',
        text: `État d’avancement : ${f.progress.trim() || 'non renseigné.'}`,
      });
    }
  }
  return blocks;
}

export function renderReportPdf(r: ExecutionReport): Promise<Buffer> {
  return renderPdf({
    issuer: r.tenant.name,
    placeAndDate: `Édité le ${dateFr(r.generatedAt)}`,
    title: `Rapport d’exécution ${r.year}`,
    reference: `${r.plan.name} (${r.plan.periodStart}–${r.plan.periodEnd})`,
    blocks: reportPdfBlocks(r),
    footer: `Rapport d’exécution ${r.year} — ${r.tenant.name}`,
  });
}
