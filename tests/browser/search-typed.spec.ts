// What the search page does with what a person types and does not pick: a misspelt word (the page
// says which word it searched) and a commune typed in « Où ? » (resolved, or a visible error; never
// silently dropped). Headless Chromium against the real API and the Drôme demo data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { OfferSearchResult } from '@catalogue/contracts';
import {
  announcedCount,
  apiJson,
  seriousA11yViolations,
  settled,
  skipBrowser,
  startBrowserApp,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const CREST = '26108';
const SAOU = '26336';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('search front end: typed words and communes (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  const search = (query: string) => apiJson<OfferSearchResult>(b.base, `/tenants/${SLUG}/offers?${query}`);
  const titles = (page: Page) => page.locator('.cat-results .fr-card__title').allTextContents();
  const where = (page: Page) => page.getByRole('combobox', { name: /Où/ });
  const open = async (options?: Parameters<BrowserApp['page']>[0]) => {
    const page = await b.page(options);
    await page.goto(`${b.base}/${SLUG}`);
    await settled(page);
    return page;
  };

  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('says « Résultats pour « mobilité » » after "mobilté", and lists the mobility offers first', async () => {
    for (const [name, options] of [
      ['bureau', undefined],
      ['telephone', PHONE],
    ] as const) {
      const page = await open(options);
      await page.getByLabel(/Quoi/).fill('mobilté');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.waitForURL(/\?q=mobilt%C3%A9$/);
      await settled(page);
      const correction = page.locator('.cat-correction');
      assert.match(
        (await correction.textContent())!,
        /^Résultats pour «\smobilité\s»Aucune offre ne contient «\smobilté\s»\.$/,
      );
      const expected = await search('q=mobilité&pageSize=20');
      assert.equal(await announcedCount(page), expected.total);
      if (name === 'bureau') {
        assert.deepEqual(
          await titles(page),
          expected.items.map((o) => o.title),
        );
        assert.match((await titles(page))[0]!, /mobilité/i);
      }
      assert.equal(await page.getByLabel(/Quoi/).inputValue(), 'mobilté', 'the box keeps what was typed');
      await b.shot(page, `10-correction-${name}`);
      await page.context().close();
    }
  });

  it('searches around a commune typed but not picked when « Rechercher » is clicked', async () => {
    const page = await open();
    await page.getByLabel(/Quoi/).fill('emploi');
    await where(page).fill('crest');
    // Every value the field shows, frame by frame, from the click on: never a bare INSEE code.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenInField: string[] }).seenInField = seen;
      const tick = () => {
        const field = document.querySelector<HTMLInputElement>('input[role="combobox"]');
        if (field) seen.push(field.value);
        if (seen.length < 120) requestAnimationFrame(tick);
      };
      tick();
    });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(new RegExp(`\\?q=emploi&commune=${CREST}$`));
    await settled(page);
    assert.equal(await where(page).inputValue(), 'Crest (26400)');
    const seen = await page.evaluate(() => (window as unknown as { seenInField: string[] }).seenInField);
    assert.ok(
      !seen.some((v) => /^\d[\dAB]\d{3}$/.test(v)),
      `the field showed a code: ${[...new Set(seen)].join(' | ')}`,
    );
    assert.match((await page.locator('.cat-count').textContent())!, /à moins de 20 km de Crest/);
    assert.equal(await announcedCount(page), (await search(`q=emploi&commune=${CREST}`)).total);
    await b.shot(page, '11-commune-saisie');
    await page.context().close();
  });

  it('asks which commune is meant when a typed postcode is shared, and searches the one picked', async () => {
    for (const [name, options] of [
      ['bureau', undefined],
      ['telephone', PHONE],
    ] as const) {
      const page = await open(options);
      await where(page).fill('26400');
      // The suggestions open over the button, as they would for a person, who closes them first.
      await page.getByRole('option').first().waitFor();
      await where(page).press('Escape');
      assert.equal(await where(page).getAttribute('aria-expanded'), 'false');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      const message = page.getByText(/Plusieurs communes ont le code postal 26400/);
      await message.waitFor();
      const options26400 = page.getByRole('option');
      assert.ok((await options26400.count()) > 10, 'every commune of 26400 is offered');
      assert.equal(await where(page).getAttribute('aria-expanded'), 'true');
      assert.ok(await where(page).evaluate((el) => el === document.activeElement), 'focus back on the field');
      const describedBy = (await where(page).getAttribute('aria-describedby')) ?? '';
      assert.ok(
        describedBy.split(' ').includes((await message.getAttribute('id'))!),
        'the message describes the field',
      );
      assert.equal(new URL(page.url()).search, '', 'no search of the whole département meanwhile');
      await b.shot(page, `12-code-postal-partage-${name}`);
      await page.getByRole('option', { name: /^Saou/ }).click();
      await page.waitForURL(new RegExp(`commune=${SAOU}`));
      await settled(page);
      assert.equal(await where(page).inputValue(), 'Saou (26400)');
      assert.equal(await message.count(), 0);
      await page.context().close();
    }
  });

  it('says a typed commune is unknown, on the field, and searches nothing', async () => {
    for (const [name, options] of [
      ['bureau', undefined],
      ['telephone', PHONE],
    ] as const) {
      const page = await open(options);
      await page.getByLabel(/Quoi/).fill('garage');
      await where(page).fill('Zzzz');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      const error = page
        .getByRole('alert')
        .filter({ hasText: /Aucune commune du département ne correspond à «\sZzzz\s»/ });
      await error.waitFor();
      assert.ok(await error.isVisible());
      assert.equal(await where(page).getAttribute('aria-invalid'), 'true');
      assert.ok(
        ((await where(page).getAttribute('aria-describedby')) ?? '')
          .split(' ')
          .includes((await error.getAttribute('id'))!),
      );
      assert.ok(await where(page).evaluate((el) => el === document.activeElement), 'focus on the field to correct');
      assert.equal(new URL(page.url()).search, '', 'neither the words nor the whole département were searched');
      assert.deepEqual(await seriousA11yViolations(page), []);
      await b.shot(page, `13-commune-inconnue-${name}`);
      // Correcting the text clears the error, and the search then runs.
      await where(page).fill('Crest');
      assert.equal(await error.count(), 0);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.waitForURL(new RegExp(`\\?q=garage&commune=${CREST}$`));
      await page.context().close();
    }
  });
});
