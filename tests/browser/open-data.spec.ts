// Open data (issue 16) in headless Chromium: from a département's home page a visitor follows
// « Données ouvertes » in the footer, sees the licence, the counts and the schema version, and
// downloads the services as CSV: the schema's header and one line per published service. axe,
// phone and desktop screenshots.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { DataInclusionExportInfo } from '@catalogue/contracts';
import { parse } from 'csv-parse/sync';
import { SERVICE_FIELDS } from '@catalogue/api/common/data-inclusion/data-inclusion-schemas.js';
import { apiJson, seriousA11yViolations, skipBrowser, startBrowserApp, type BrowserApp } from './harness.js';

// The Isère, not the Drôme: the other journeys, running alongside, publish and archive offers in
// the Drôme, and this test counts the lines of a file against a count read a moment before.
const SLUG = 'isere';

describe('open data page', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp();
  });
  after(() => b?.close());

  it('from the Isère’s home page, « Données ouvertes » leads to the files; the CSV has the schema’s header and every service', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}`);
    await page.locator('footer').getByRole('link', { name: 'Données ouvertes' }).click();
    await page.waitForURL(new RegExp(`/${SLUG}/donnees-ouvertes$`));
    await page.getByRole('heading', { level: 1, name: /Données ouvertes – Isère/ }).waitFor();
    const info = await apiJson<DataInclusionExportInfo>(b.base, `/tenants/${SLUG}/data-inclusion`);
    const summary = page.locator('.cat-open-data__summary');
    await summary.getByText(/actions publiées/).waitFor();
    assert.match(
      (await summary.textContent())!.replace(/\s/g, ' '),
      new RegExp(`${info.counts.services} actions publiées`),
    );
    assert.match(
      (await summary.textContent()) ?? '',
      /Dernière mise à jour : le \d{1,2} \S+ \d{4} à\s\d{1,2}\s*h\s*\d{2}/u,
    );
    await page.getByRole('link', { name: /Licence Ouverte 2\.0/ }).waitFor();
    await page.getByText(/version 1\.0\.8/).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await b.shot(page, 'open-data-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Services \(CSV\)/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `data-inclusion-services-${SLUG}.csv`);
    const text = await readFile((await download.path())!, 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'UTF-8 with a byte order mark');
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    assert.deepEqual(header, [...SERVICE_FIELDS]);
    assert.equal(rows.length, info.counts.services);
    assert.ok(rows.every((r) => r[header!.indexOf('source')] === `catalogue-insertion-${SLUG}`));
  });

  it('on a phone: the same page, readable, without a horizontal scroll', async () => {
    const page = await b.page({ viewport: { width: 390, height: 844 } });
    await page.goto(`${b.base}/${SLUG}/donnees-ouvertes`);
    await page
      .locator('.cat-open-data__summary')
      .getByText(/actions publiées/)
      .waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px)`);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await b.shot(page, 'open-data-phone');
    await page.getByRole('heading', { name: 'API' }).scrollIntoViewIfNeeded();
    await b.shot(page, 'open-data-phone-api');
  });
});
