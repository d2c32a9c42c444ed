// Layout stability: the home, search and offer pages must not jump while they load (cumulative
// layout shift under 0.1, Google's "good" threshold), on a desktop and on a phone. The shifts are
// read from the browser's own 'layout-shift' entries from the first paint, until the content is
// shown; a stability assertion, not a timing one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OfferSearchResult } from '@catalogue/contracts';
import type { Page } from 'playwright-core';
import { apiJson, settled, skipBrowser, startBrowserApp, type BrowserApp } from './harness.js';

const SLUG = 'drome';
const GOOD_CLS = 0.1;
const VIEWPORTS = [
  { name: 'desktop', options: { viewport: { width: 1350, height: 940 } } },
  {
    name: 'phone',
    options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  },
];

interface Shift {
  value: number;
  sources: string[];
}

/** Records every layout shift not caused by the user, from the page's first paint. */
async function recordShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: Shift[] };
    w.__shifts = [];
    type Entry = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Entry[]) {
        if (e.hadRecentInput) continue;
        const name = (n: Node | null | undefined) =>
          n instanceof Element
            ? `${n.tagName.toLowerCase()}${n.className ? `.${String(n.className).split(' ').join('.')}` : ''}`
            : (n?.nodeName ?? '?');
        w.__shifts.push({ value: e.value, sources: (e.sources ?? []).map((s) => name(s.node)) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The accumulated shift once the page shows its content (and the fonts it uses are in). */
async function layoutShift(page: Page): Promise<{ cls: number; shifts: Shift[] }> {
  await page.locator('footer .fr-footer__bottom-list').waitFor();
  await page.evaluate(() =>
    document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))),
  );
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
  return { cls: shifts.reduce((sum, s) => sum + s.value, 0), shifts };
}

const report = (shifts: Shift[]) => shifts.map((s) => `${s.value.toFixed(3)} ${s.sources.join(', ')}`).join(' | ');

describe('layout stability while pages load (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  let offer: OfferSearchResult['items'][number];

  before(async () => {
    b = await startBrowserApp();
    offer = (await apiJson<OfferSearchResult>(b.base, `/tenants/${SLUG}/offers?pageSize=1&hasPlaces=true`)).items[0]!;
  });
  after(async () => b?.close());

  const pages: { name: string; path: () => string; shown: (page: Page) => Promise<void> }[] = [
    {
      name: 'home',
      path: () => '/',
      shown: (page) => page.getByRole('link', { name: 'Drôme' }).waitFor(),
    },
    {
      name: 'search',
      path: () => `/${SLUG}`,
      shown: async (page) => {
        await page.locator('.cat-results .fr-card__title').first().waitFor();
        await settled(page);
      },
    },
    {
      name: 'offer',
      path: () => `/${SLUG}/offres/${offer.id}`,
      shown: async (page) => {
        await page.getByRole('heading', { level: 1, name: offer.title }).waitFor();
        await page.locator('.cat-map').first().waitFor();
      },
    },
  ];

  for (const viewport of VIEWPORTS) {
    for (const p of pages) {
      it(`keeps the ${p.name} page still while it loads on a ${viewport.name} (CLS < ${GOOD_CLS})`, async () => {
        const page = await b.page(viewport.options);
        await recordShifts(page);
        await page.goto(b.base + p.path());
        await p.shown(page);
        const { cls, shifts } = await layoutShift(page);
        assert.ok(cls < GOOD_CLS, `CLS ${cls.toFixed(3)} on ${p.path()} (${viewport.name}): ${report(shifts)}`);
        await page.context().close();
      });
    }
  }
});
