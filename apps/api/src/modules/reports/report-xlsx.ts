// The execution report as a spreadsheet (exceljs): a « Synthèse » sheet, one sheet per axe with its
// fiches and their indicators, and the raw « Indicateurs » table (one row per indicator). Numbers
// stay numbers; a hidden figure (1 to 4 people) is an empty cell with the note « < 5 ».
import ExcelJS from 'exceljs';
import { FIGURE_SOURCE_LABELS, type ExecutionReport, type ReportIndicator } from '@catalogue/contracts';

const EUROS = '#,##0.00 "€"';
const PERCENT = '0%';

/** Writes an indicator's achieved value: empty with a note when hidden (an empty text: exceljs drops a null cell's note). */
function achievedCell(cell: ExcelJS.Cell, i: ReportIndicator): void {
  if (i.hidden) {
    cell.value = '';
    cell.note = '< 5';
  } else cell.value = i.achieved;
}

function header(sheet: ExcelJS.Worksheet, columns: { header: string; width: number }[]): void {
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function renderReportXlsx(r: ExecutionReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = r.tenant.name;
  book.title = `Rapport d’exécution ${r.year}`;
  book.created = new Date(r.generatedAt);

  const summary = book.addWorksheet('Synthèse');
  header(summary, [
    { header: 'Axe / fiche', width: 60 },
    { header: 'Indicateurs', width: 12 },
    { header: 'Mesurés', width: 10 },
    { header: 'Cibles atteintes', width: 16 },
    { header: 'Voté (€)', width: 16 },
    { header: 'Engagé (€)', width: 16 },
    { header: 'Versé (€)', width: 16 },
  ]);
  const summaryRow = (l: ExecutionReport['summary']['total'], bold: boolean) => {
    const row = summary.addRow([
      l.label,
      l.indicators,
      l.measured,
      l.reached,
      l.funding.voted,
      l.funding.committed,
      l.funding.paid,
    ]);
    if (bold) row.font = { bold: true };
    for (const c of [5, 6, 7]) row.getCell(c).numFmt = EUROS;
  };
  for (const a of r.summary.axes) {
    summaryRow(a, true);
    for (const f of a.fiches) summaryRow(f, false);
  }
  summaryRow(r.summary.total, true);

  for (const axis of r.axes) {
    const sheet = book.addWorksheet(`Axe ${axis.number}`);
    header(sheet, [
      { header: 'Fiche', width: 8 },
      { header: 'Intitulé', width: 40 },
      { header: 'Voté (€)', width: 14 },
      { header: 'Engagé (€)', width: 14 },
      { header: 'Versé (€)', width: 14 },
      { header: 'Indicateur', width: 45 },
      { header: 'Unité', width: 12 },
      { header: 'Cible', width: 10 },
      { header: 'Réalisé', width: 10 },
      { header: 'Avancement', width: 12 },
      { header: 'Source', width: 14 },
      { header: 'État d’avancement', width: 80 },
    ]);
    for (const f of axis.fiches) {
      const lines = f.indicators.length ? f.indicators : [null];
      lines.forEach((i, k) => {
        const row = sheet.addRow([
          f.number,
          f.title,
          k === 0 ? f.funding.voted : null,
          k === 0 ? f.funding.committed : null,
          k === 0 ? f.funding.paid : null,
          i?.label ?? null,
          i?.unit ?? null,
          i?.target ?? null,
          null,
          i?.progress ?? null,
          i ? FIGURE_SOURCE_LABELS[i.source] : null,
          k === 0 ? f.progress || null : null,
        ]);
        if (i) achievedCell(row.getCell(9), i);
        for (const c of [3, 4, 5]) row.getCell(c).numFmt = EUROS;
        row.getCell(10).numFmt = PERCENT;
        row.getCell(12).alignment = { wrapText: true, vertical: 'top' };
      });
    }
  }

  const raw = book.addWorksheet('Indicateurs');
  header(raw, [
    { header: 'Axe', width: 6 },
    { header: 'Fiche', width: 8 },
    { header: 'Libellé', width: 50 },
    { header: 'Unité', width: 12 },
    { header: 'Source', width: 14 },
    { header: 'Cible', width: 10 },
    { header: 'Réalisé', width: 10 },
    { header: 'Avancement', width: 12 },
  ]);
  for (const axis of r.axes)
    for (const f of axis.fiches)
      for (const i of f.indicators) {
        const row = raw.addRow([
          axis.number,
          f.number,
          i.label,
          i.unit,
          FIGURE_SOURCE_LABELS[i.source],
          i.target,
          null,
          i.progress,
        ]);
        achievedCell(row.getCell(7), i);
        row.getCell(8).numFmt = PERCENT;
      }
  return Buffer.from(await book.xlsx.writeBuffer());
}
