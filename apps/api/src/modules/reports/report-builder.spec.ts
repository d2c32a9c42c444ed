// The report's pure parts: the funding split between the fiches of a call, the summary, and the
// spreadsheet's hidden figures (empty cell with a note, never the number).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { reportSummary, splitCents, type ExecutionReport, type ReportIndicator } from '@catalogue/contracts';
import { fundingByFiche } from './report-builder.js';
import { renderReportXlsx } from './report-xlsx.js';

const indicator = (o: Partial<ReportIndicator>): ReportIndicator => ({
  indicatorId: crypto.randomUUID(),
  label: 'Personnes accompagnées',
  unit: 'personnes',
  measure: 'registrations',
  source: 'registrations',
  target: 10,
  achieved: null,
  hidden: false,
  progress: null,
  note: null,
  ...o,
});

describe('execution report parts', () => {
  it('splits cents equally, the remainder to the first fiches, adding up to the whole', () => {
    assert.deepEqual(splitCents(1_000_001, 2), [500_001, 500_000]);
    assert.deepEqual(splitCents(100, 3), [34, 33, 33]);
    assert.deepEqual(splitCents(0, 2), [0, 0]);
    assert.deepEqual(splitCents(5, 0), []);
  });

  it('adds each agreement’s share to its fiches', () => {
    const m = fundingByFiche([
      { id: 'g1', amount_cents: '1000001', paid_cents: '3', fiche_ids: ['a', 'b'] },
      { id: 'g2', amount_cents: '500', paid_cents: '0', fiche_ids: ['b'] },
    ]);
    assert.deepEqual(m.get('a'), { committed: 500_001, paid: 2 });
    assert.deepEqual(m.get('b'), { committed: 500_500, paid: 1 });
  });

  it('counts measured and reached indicators; voted stays null until one is given', () => {
    const fiche = (n: string, indicators: ReportIndicator[], voted: number | null) => ({
      id: n,
      number: n,
      title: `Fiche ${n}`,
      description: null,
      objective: null,
      publicText: null,
      means: null,
      funding: { voted, committed: 10.1, paid: 0.2 },
      indicators,
      progress: '',
      progressUpdatedAt: null,
      progressUpdatedBy: null,
    });
    const s = reportSummary([
      {
        id: 'a',
        number: 1,
        title: 'Axe',
        description: null,
        fiches: [
          fiche('1', [indicator({ achieved: 12 }), indicator({ achieved: 9 }), indicator({ hidden: true })], null),
          fiche('2', [indicator({ target: null, achieved: 3 })], null),
        ],
      },
      { id: 'b', number: 2, title: 'Axe 2', description: null, fiches: [fiche('3', [], 100)] },
    ]);
    assert.deepEqual(
      [s.axes[0]!.indicators, s.axes[0]!.measured, s.axes[0]!.reached, s.axes[0]!.funding],
      [4, 2, 1, { voted: null, committed: 20.2, paid: 0.4 }],
    );
    assert.deepEqual(s.total.funding, { voted: 100, committed: 30.3, paid: 0.6 });
  });

  it('writes a hidden figure as an empty cell with the note « < 5 » in the spreadsheet', async () => {
    const report: ExecutionReport = {
      tenant: { slug: 'drome', name: 'Département de la Drôme' },
      plan: { id: 'p', name: 'PDI', periodStart: 2019, periodEnd: 2022 },
      year: 2026,
      generatedAt: new Date().toISOString(),
      summary: reportSummary([]),
      axes: [
        {
          id: 'a',
          number: 1,
          title: 'Axe',
          description: null,
          fiches: [
            {
              id: 'f',
              number: '1',
              title: 'Fiche',
              description: null,
              objective: null,
              publicText: null,
              means: null,
              funding: { voted: null, committed: 0, paid: 0 },
              indicators: [indicator({ hidden: true }), indicator({ achieved: 7, progress: 0.7 })],
              progress: '',
              progressUpdatedAt: null,
              progressUpdatedBy: null,
            },
          ],
        },
      ],
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderReportXlsx(report)).buffer as ArrayBuffer);
    const raw = book.getWorksheet('Indicateurs')!;
    assert.equal(raw.getRow(2).getCell(7).value, '');
    assert.equal(raw.getRow(2).getCell(7).note, '< 5');
    assert.equal(raw.getRow(3).getCell(7).value, 7);
    assert.equal(raw.getRow(3).getCell(8).value, 0.7);
    assert.equal(book.getWorksheet('Axe 1')!.getRow(2).getCell(9).note, '< 5');
  });
});
