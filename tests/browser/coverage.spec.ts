// Coverage gaps (issue 15) in headless Chromium: the demo Drôme agent opens the map for
// « mobilité », sees the communes drawn and the largest uncovered ones listed, picks two and starts
// a call for projects whose territory is prefilled with them. axe, phone and desktop screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  seriousA11yViolations,
  signInAs,
  skipBrowser,
  startBrowserApp,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const AGENT = 'agent.drome@demo.local';
const PATH = `/${SLUG}/espace/zones-blanches?theme=mobilite`;

/** Circles drawn for the communes, once the map stopped changing. */
async function circles(page: Page): Promise<number> {
  await page.locator('.cat-coverage-commune').first().waitFor();
  return page.locator('.cat-coverage-commune').count();
}

describe('coverage map', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp();
  });
  after(() => b?.close());

  it('the Drôme agent picks two uncovered communes for « mobilité » and starts a call on them', async () => {
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, PATH);
    assert.equal(await page.locator('#coverage-theme').inputValue(), 'mobilite');
    const drawn = await circles(page);
    const summary = (await page.locator('.cat-coverage-summary').textContent()) ?? '';
    const communes = Number(summary.match(/(\d+) communes/)?.[1]);
    assert.ok(communes > 300, summary);
    assert.equal(drawn, communes, 'one circle per commune of the Drôme');
    assert.match((await page.locator('.cat-coverage-legend').textContent()) ?? '', /Plus de 30 km ou aucune offre/);

    const fills = await page
      .locator('.cat-coverage-commune')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('fill')))]);
    assert.ok(fills.length >= 2, `communes shaded by distance: ${fills.join(', ')}`);

    // The least served: in the demo Drôme every commune is in some mobility zone but the Diois, whose
    // villages far from Die's mobility offer are not covered.
    const rows = page.locator('.cat-coverage-table tbody tr');
    assert.ok((await rows.count()) >= 2, 'the least served communes are listed');
    assert.ok((await rows.count()) <= 20);
    for (const row of await rows.all()) assert.match((await row.textContent()) ?? '', /Non couverte|À vérifier/);
    assert.match((await rows.first().textContent()) ?? '', /km|aucune offre/);
    assert.match((await rows.first().textContent()) ?? '', /Non couverte/);
    const names = [
      (await rows.nth(0).locator('th').textContent())!.trim(),
      (await rows.nth(1).locator('th').textContent())!.trim(),
    ];
    assert.deepEqual(await seriousA11yViolations(page), []);
    await b.shot(page, 'coverage-desktop');

    await rows.nth(0).getByText(names[0]!).click();
    await rows.nth(1).getByText(names[1]!).click();
    await page.getByText('2 communes choisies').waitFor();
    await page.locator('.cat-coverage-table').scrollIntoViewIfNeeded();
    await b.shot(page, 'coverage-list-desktop');
    await page.getByRole('link', { name: 'Lancer un appel à projets sur ces communes' }).click();
    await page.waitForURL(/\/espace\/appels-a-projets\/nouveau\?communes=[0-9AB]{5},[0-9AB]{5}&theme=mobilite$/);
    await page.locator('#call-context').waitFor();
    assert.match(await page.locator('#call-context').inputValue(), /Mobilité/);
    const territory = page.locator('fieldset', { hasText: 'Des communes' }).first();
    for (const name of names) await territory.getByText(name).first().waitFor();
    await b.shot(page, 'coverage-new-call');
  });

  it('on a phone: the list under the map, the audience kept in the address', async () => {
    const page = await b.page({ viewport: { width: 390, height: 844 } });
    await signInAs(b, page, AGENT, DEMO_PASSWORD, PATH);
    await circles(page);
    await page.locator('#coverage-audience').selectOption('jeunes');
    await page.waitForURL(/audience=jeunes/);
    await page.locator('.cat-coverage-summary', { hasText: 'Jeunes' }).waitFor();
    const map = await page.locator('.cat-coverage-map').boundingBox();
    const list = await page.locator('#coverage-list-title').boundingBox();
    assert.ok(map && list && list.y > map.y + map.height, 'the list comes below the map');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await b.shot(page, 'coverage-phone');
    await page.locator('.cat-coverage-table').scrollIntoViewIfNeeded();
    await b.shot(page, 'coverage-list-phone');
  });
});
