// The execution report against the real app and database, on a small dataset written here: the
// funding of each fiche from the agreements (split between the fiches of their call), the
// indicators target beside achieved, what agents write per fiche and year, and the same figures in
// the JSON, the PDF and the spreadsheet.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import type { ExecutionReport, ReportFiche } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { makePlanFiche } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { parisYear } from './reports.service.js';
import { reportsWorld, type ReportsWorld } from './reports.test-helpers.js';

const binary = (res: import('superagent').Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** The PDF's text with its spaces made plain (French formatting puts narrow ones). */
const textOf = async (pdf: Buffer) =>
  (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/[\u00a0\u202f]/g, ' ');

describe('execution report', () => {
  let api: ApiTest;
  let w: ReportsWorld;
  const year = parisYear();
  const todayParis = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  // A tranche due on 31 December is paid only once that day has come.
  const lateTranche = todayParis >= `${year}-12-31` ? 100_000 : 0;
  const ficheOf = (r: ExecutionReport, n: string) => r.axes.flatMap((a) => a.fiches).find((f) => f.number === n)!;

  before(async () => {
    api = await startApiTest();
    w = await reportsWorld(api, year);
    const [f1, f2, f3] = ['1', '2', '3'].map((n) => w.fiche(n).id);
    // Serves fiches 1 and 2: split equally, the odd cent to fiche 1.
    await w.agreement({
      ficheIds: [f1!, f2!],
      amountCents: 1_000_001,
      status: 'running',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      schedule: [
        { amountCents: 600_000, dueOn: `${year}-01-01` },
        { amountCents: 100_000, dueOn: `${year}-12-31` },
        { amountCents: 300_001, dueOn: `${year + 1}-01-31` },
      ],
    });
    // Not signed yet: commits nothing.
    await w.agreement({
      ficheIds: [f1!],
      amountCents: 5_000_000,
      status: 'sent',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      schedule: [{ amountCents: 5_000_000, dueOn: `${year}-01-01` }],
    });
    // An action of three years ago: not this year's.
    await w.agreement({
      ficheIds: [f3!],
      amountCents: 900_000,
      status: 'closed',
      startsOn: `${year - 3}-01-01`,
      endsOn: `${year - 3}-12-31`,
      schedule: [{ amountCents: 900_000, dueOn: `${year - 3}-02-01` }],
    });
    // Signed, runs into next year, nothing due yet.
    await w.agreement({
      ficheIds: [f3!],
      amountCents: 250_000,
      status: 'signed',
      startsOn: `${year}-06-01`,
      endsOn: `${year + 1}-05-31`,
      schedule: [{ amountCents: 250_000, dueOn: `${year + 1}-06-01` }],
    });
    const manual1 = w.fiche('1').indicators[0]!.id;
    const manual2 = w.fiche('2').indicators[0]!.id;
    let res = await w.agent.put(`${w.base}/reports/execution/${year}/fiches/${f1}`, {
      progress: '  Procédure d’orientation revue dans les pôles insertion.  ',
      voted: 25000.5,
      values: [{ indicatorId: manual1, value: 8, note: 'Compté par les pôles' }],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    res = await w.admin.put(`${w.base}/reports/execution/${year}/fiches/${f2}`, {
      values: [{ indicatorId: manual2, value: 5 }],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
  after(() => api.close());

  it('gives each fiche its funding, indicators and progress, and a summary that adds up', async () => {
    const res = await w.agent.get(`${w.base}/reports/execution?year=${year}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body as ExecutionReport;
    assert.equal(r.year, year);
    assert.equal(r.plan.name, 'Plan d’insertion de test');
    assert.deepEqual(
      r.axes.map((a) => [a.number, a.fiches.map((f) => f.number)]),
      [
        [1, ['1', '2']],
        [2, ['3']],
      ],
    );
    const f1 = ficheOf(r, '1');
    assert.equal(f1.publicText, 'Nouveaux entrants au RSA');
    assert.equal(f1.means, 'Département, missions locales');
    assert.equal(f1.progress, 'Procédure d’orientation revue dans les pôles insertion.');
    assert.ok(f1.progressUpdatedAt);
    assert.deepEqual(f1.funding, { voted: 25000.5, committed: 5000.01, paid: 3000 + lateTranche / 200 });
    assert.deepEqual(ficheOf(r, '2').funding, { voted: null, committed: 5000, paid: 3000 + lateTranche / 200 });
    assert.deepEqual(ficheOf(r, '3').funding, { voted: null, committed: 2500, paid: 0 });
    const [meetings, people] = f1.indicators;
    assert.deepEqual(
      [meetings!.target, meetings!.achieved, meetings!.progress, meetings!.source, meetings!.note],
      [10, 8, 0.8, 'manual', 'Compté par les pôles'],
    );
    assert.deepEqual([people!.target, people!.achieved, people!.source], [100, 0, 'registrations']);
    assert.deepEqual(
      [r.summary.total.indicators, r.summary.total.measured, r.summary.total.reached],
      [3, 3, 1], // workshops: 5 for 4 reached; meetings 8 for 10 and people 0 for 100 not
    );
    assert.deepEqual(r.summary.total.funding, { voted: 25000.5, committed: 12500.01, paid: 6000 + lateTranche / 100 });
    assert.deepEqual(r.summary.axes[1]!.funding, { voted: null, committed: 2500, paid: 0 });
  });

  it('a year without entries shows the targets of that year only, no progress and no funding', async () => {
    const r = (await w.agent.get(`${w.base}/reports/execution?year=${year - 3}`)).body as ExecutionReport;
    const f1 = ficheOf(r, '1');
    assert.equal(f1.progress, '');
    assert.equal(f1.indicators[0]!.target, null);
    assert.equal(f1.indicators[0]!.achieved, null);
    assert.deepEqual(ficheOf(r, '3').funding, { voted: null, committed: 9000, paid: 9000 });
  });

  it('carries the same figures in the PDF and the spreadsheet, as attachments named after the département and year', async () => {
    const json = (await w.agent.get(`${w.base}/reports/execution?year=${year}`)).body as ExecutionReport;
    const pdf = await w.agent.get(`${w.base}/reports/execution.pdf?year=${year}`).buffer(true).parse(binary);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(
      pdf.headers['content-disposition']!,
      new RegExp(`^attachment; filename="?rapport-execution-${w.tenant.slug}-${year}\\.pdf"?$`),
    );
    const text = await textOf(pdf.body as Buffer);
    for (const expected of [
      `Rapport d’exécution ${year}`,
      'Plan d’insertion de test',
      'Axe 1 – Accompagner vers l’emploi',
      'Fiche 1 – Orientation des allocataires',
      'Public visé',
      'Nouveaux entrants au RSA',
      'Moyens et partenaires',
      'voté 25 000,50 €',
      'engagé 5 000,01 €',
      '80 %',
      'Procédure d’orientation revue dans les pôles insertion.',
      '12 500,01 €',
    ])
      assert.ok(text.includes(expected), `PDF: ${expected}\n${text}`);

    const xlsx = await w.agent.get(`${w.base}/reports/execution.xlsx?year=${year}`).buffer(true).parse(binary);
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(xlsx.headers['content-disposition']!, new RegExp(`rapport-execution-${w.tenant.slug}-${year}\\.xlsx`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((xlsx.body as Buffer).buffer as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['Synthèse', 'Axe 1', 'Axe 2', 'Indicateurs'],
    );
    const raw = book.getWorksheet('Indicateurs')!;
    const rows = raw
      .getSheetValues()
      .slice(2)
      .map((v) => (v as unknown[]).slice(1));
    const meetings = ficheOf(json, '1').indicators[0]!;
    assert.deepEqual(rows[0], [
      1,
      '1',
      meetings.label,
      'réunions',
      'Saisie',
      meetings.target,
      meetings.achieved,
      meetings.progress,
    ]);
    assert.equal(rows.length, 3);
    const summary = book.getWorksheet('Synthèse')!;
    const total = summary.getRow(summary.rowCount);
    assert.equal(total.getCell(1).value, 'Ensemble du plan');
    assert.equal(total.getCell(6).value, json.summary.total.funding.committed);
    assert.equal(total.getCell(5).value, 25000.5);
    const axis1 = book.getWorksheet('Axe 1')!;
    assert.equal(axis1.getRow(2).getCell(4).value, 5000.01);
    assert.equal(axis1.getRow(2).getCell(12).value, 'Procédure d’orientation revue dans les pôles insertion.');
  });

  it('keeps what is left out, clears a value sent as null, and writes the audit log', async () => {
    const f1 = w.fiche('1');
    const tmp = await w.agent.put(`${w.base}/reports/execution/${year + 1}/fiches/${f1.id}`, {
      progress: 'Année suivante',
      values: [{ indicatorId: f1.indicators[0]!.id, value: 3 }],
    });
    assert.equal(tmp.status, 200);
    const res = await w.agent.put(`${w.base}/reports/execution/${year + 1}/fiches/${f1.id}`, {
      voted: 100,
      values: [{ indicatorId: f1.indicators[0]!.id, value: null }],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const fiche = res.body as ReportFiche;
    assert.equal(fiche.progress, 'Année suivante');
    assert.equal(fiche.funding.voted, 100);
    assert.equal(fiche.indicators[0]!.achieved, null);
    const { rows } = await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query<{ summary: string }>(
        `SELECT summary FROM audit_log WHERE tenant_id = $1 AND action = 'report.fiche.edit' AND target_id = $2 ORDER BY id`,
        [w.tenant.id, f1.id],
      ),
    );
    assert.ok(
      rows.some((r) => r.summary === `Rapport d’exécution ${year + 1}, fiche 1 : montant voté, 1 valeur saisie`),
    );
  });

  it('refuses a value for a computed indicator, and answers 404 for a fiche or indicator not of the current plan', async () => {
    const f1 = w.fiche('1');
    let res = await w.agent.put(`${w.base}/reports/execution/${year}/fiches/${f1.id}`, {
      values: [{ indicatorId: f1.indicators[1]!.id, value: 12 }],
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.parameter, 'values.0.indicatorId');
    res = await w.agent.put(`${w.base}/reports/execution/${year}/fiches/${f1.id}`, {
      values: [{ indicatorId: w.fiche('2').indicators[0]!.id, value: 12 }],
    });
    assert.equal(res.status, 404);
    const old = await makePlanFiche(api.owner, w.tenant);
    res = await w.agent.put(`${w.base}/reports/execution/${year}/fiches/${old.ficheId}`, { progress: 'x' });
    assert.equal(res.status, 404);
    // Nothing was written by the refused calls.
    const r = (await w.agent.get(`${w.base}/reports/execution?year=${year}`)).body as ExecutionReport;
    assert.equal(ficheOf(r, '1').indicators[0]!.achieved, 8);
  });

  it('is the département staff’s: a structure member is refused', async () => {
    assert.equal((await w.member.get(`${w.base}/reports/execution?year=${year}`)).status, 403);
    assert.equal((await w.member.get(`${w.base}/reports/execution.pdf?year=${year}`)).status, 403);
  });
});
