// The execution report in headless Chromium, against the real API and the demo data: the Drôme's
// agent opens this year's report (summary, axes), downloads the PDF and the spreadsheet and finds
// the same figure for one indicator as on the page; edits a progress text in the editor and sees it
// on the report. axe on both pages; phone, desktop and print screenshots.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  SCREENSHOTS,
  seriousA11yViolations,
  signInAs,
  skipBrowser,
  startBrowserApp,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const AGENT = 'agent.drome@demo.local';
const PHONE = { width: 390, height: 844 };
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));
const REPORT = `/${SLUG}/rapport/${YEAR}`;
const PEC = 'Nombre de contrats PEC signés';

/** Spaces of any kind (Intl writes narrow no-break spaces) as plain ones. */
const flat = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

async function download(page: Page, button: string): Promise<{ name: string; data: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: button }).click()]);
  return { name: file.suggestedFilename(), data: await readFile((await file.path())!) };
}

describe('execution report (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp();
  });
  after(() => b.close());

  it('shows the summary and the axes; the PDF and the spreadsheet carry the page’s figures', async () => {
    const page = await b.page({ acceptDownloads: true });
    await signInAs(b, page, AGENT, DEMO_PASSWORD, REPORT);
    await page.getByRole('heading', { name: 'Synthèse' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Axe 1 – / }).waitFor();
    assert.equal(flat(await page.getByRole('heading', { level: 1 }).textContent()), `Rapport d’exécution ${YEAR}`);
    assert.ok((await page.locator('.cat-report-table').first().locator('tbody tr').count()) >= 25, 'summary rows');
    assert.deepEqual(await seriousA11yViolations(page), [], 'report page');

    const row = page.locator('tr', { hasText: PEC });
    const achieved = flat(await row.locator('td[data-label="Réalisé"]').textContent());
    const target = flat(await row.locator('td[data-label="Cible"]').textContent());
    const progress = flat(await row.locator('td[data-label="Avancement"]').textContent());
    assert.deepEqual([achieved, target, progress], ['68', '70', '97 %']);

    const pdf = await download(page, 'Télécharger le PDF');
    assert.equal(pdf.name, `rapport-execution-${SLUG}-${YEAR}.pdf`);
    const text = flat((await new PDFParse({ data: new Uint8Array(pdf.data) }).getText()).text);
    assert.ok(text.includes(`Rapport d’exécution ${YEAR}`), 'PDF title');
    assert.ok(text.includes(PEC), 'PDF names the indicator');
    const pecAt = text.indexOf(PEC);
    assert.match(text.slice(pecAt, pecAt + 200), new RegExp(`${target} ${achieved} ${progress}`), 'PDF row figures');

    const xlsx = await download(page, 'Télécharger le tableur (XLSX)');
    assert.equal(xlsx.name, `rapport-execution-${SLUG}-${YEAR}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.data.buffer as ArrayBuffer);
    assert.ok(book.getWorksheet('Synthèse') && book.getWorksheet('Axe 1') && book.getWorksheet('Indicateurs'));
    let found = false;
    book.getWorksheet('Indicateurs')!.eachRow((r) => {
      if (r.getCell(3).value !== PEC) return;
      found = true;
      assert.equal(r.getCell(7).value, Number(achieved));
      assert.equal(r.getCell(6).value, Number(target));
    });
    assert.ok(found, 'the spreadsheet has the indicator');
    await page.context().close();
  });

  it('an edit of a progress text in the editor shows on the report', async () => {
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/rapport`);
    const form = page.locator('form', { has: page.getByRole('heading', { name: /^Fiche 20 – / }) });
    await form.waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], 'report editor');
    const text = `Le comité de suivi s’est réuni deux fois cette année (essai ${Date.now().toString(36)}).`;
    await form.getByLabel(/État d’avancement/).fill(text);
    await form.getByRole('button', { name: 'Enregistrer la fiche 20' }).click();
    await form.getByText('Fiche 20 enregistrée.').waitFor();
    await b.shot(page, 'report-editor-desktop');
    await page.getByRole('link', { name: `Voir le rapport ${YEAR} à imprimer` }).click();
    await page.waitForURL(`${b.base}${REPORT}`);
    await page.getByText(text).waitFor();
    await page.context().close();
  });

  it('reads on a phone, a desktop and on paper', async () => {
    for (const [suffix, viewport] of [
      ['phone', PHONE],
      ['desktop', { width: 1366, height: 900 }],
    ] as const) {
      const page = await b.page({ viewport });
      await signInAs(b, page, AGENT, DEMO_PASSWORD, REPORT);
      await page.getByRole('heading', { name: 'Synthèse' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${suffix}: nothing sideways (${overflow} px)`);
      await b.shot(page, `report-${suffix}`);
      if (suffix === 'desktop') {
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.locator('.fr-header').isVisible(), false, 'no header on paper');
        assert.equal(await page.getByRole('button', { name: 'Imprimer' }).isVisible(), false, 'no buttons on paper');
        await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SCREENSHOTS, 'report-print.png') });
        await page.locator('#axe-1').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOTS, 'report-print-axe.png') });
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        assert.ok(pdf.length > 10_000);
      }
      await page.context().close();
    }
  });
});
