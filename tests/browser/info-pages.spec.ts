// The DSFR frame: the footer's mandatory links on every page, and the pages they lead to
// (accessibility statement, legal notice, personal data, site map), the platform's at the root and
// each département's under its address; the breadcrumb's current page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OfferSearchResult } from '@catalogue/contracts';
import type { Page } from 'playwright-core';
import { apiJson, seriousA11yViolations, skipBrowser, startBrowserApp, type BrowserApp } from './harness.js';

const SLUG = 'drome';
const FOOTER = ['Plan du site', 'Accessibilité : non conforme', 'Mentions légales', 'Données personnelles'];
const PAGES = [
  { path: 'plan-du-site', title: 'Plan du site' },
  { path: 'accessibilite', title: 'Déclaration d’accessibilité' },
  { path: 'mentions-legales', title: 'Mentions légales' },
  { path: 'donnees-personnelles', title: 'Données personnelles' },
];

/** The footer's bottom links, as text and address. */
async function footerLinks(page: Page): Promise<{ text: string; href: string | null }[]> {
  const links = page.locator('footer .fr-footer__bottom-list a');
  await links.first().waitFor();
  return links.evaluateAll((as) => as.map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href') })));
}

/** The breadcrumb's last item: its text, whether it is marked current, and whether it links anywhere. */
async function currentCrumb(page: Page): Promise<{ text: string; current: string | null; href: string | null }> {
  const last = page.locator('nav.fr-breadcrumb li').last().locator('a');
  return {
    text: (await last.textContent())!.trim(),
    current: await last.getAttribute('aria-current'),
    href: await last.getAttribute('href'),
  };
}

describe('DSFR frame: footer links and information pages (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  let offer: OfferSearchResult['items'][number];

  before(async () => {
    b = await startBrowserApp();
    offer = (await apiJson<OfferSearchResult>(b.base, `/tenants/${SLUG}/offers?pageSize=1&hasPlaces=true`)).items[0]!;
  });
  after(async () => b?.close());

  it('shows the four mandatory footer links on the home, search and offer pages, the département’s own in its pages', async () => {
    const page = await b.page();
    await page.goto(b.base + '/');
    assert.deepEqual(
      await footerLinks(page),
      FOOTER.map((text, i) => ({ text, href: `/${PAGES[i]!.path}` })),
    );
    for (const path of [`/${SLUG}`, `/${SLUG}/offres/${offer.id}`]) {
      await page.goto(b.base + path);
      await page.waitForFunction(() =>
        document.querySelector('footer .fr-footer__bottom-list a')?.getAttribute('href')?.startsWith('/drome/'),
      );
      assert.deepEqual(
        await footerLinks(page),
        FOOTER.map((text, i) => ({ text, href: `/${SLUG}/${PAGES[i]!.path}` })),
        path,
      );
    }
    // A plain click opens the page in place.
    await page.getByRole('link', { name: 'Données personnelles' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/donnees-personnelles`);
    await page.getByRole('heading', { level: 1, name: 'Données personnelles' }).waitFor();
    await page.context().close();
  });

  it('opens each information page with its heading, the platform’s and the département’s, the current page last in the breadcrumb', async () => {
    const page = await b.page();
    for (const slug of [null, SLUG]) {
      for (const p of PAGES) {
        const path = slug ? `/${slug}/${p.path}` : `/${p.path}`;
        const res = await page.goto(b.base + path);
        assert.equal(res?.status(), 200, path);
        await page.getByRole('heading', { level: 1, name: p.title }).waitFor();
        assert.deepEqual(await currentCrumb(page), { text: p.title, current: 'page', href: null }, path);
        if (slug)
          assert.equal(await page.locator('.fr-header__service-tagline').textContent(), 'Département : Drôme', path);
      }
    }
    await page.context().close();
  });

  it('names who is responsible: the département in its pages, with what is stored and how long', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}/donnees-personnelles`);
    await page.getByRole('heading', { level: 2, name: 'Responsable du traitement' }).waitFor();
    const text = (await page.locator('main').textContent())!;
    assert.match(text, /Le Département de la Drôme est responsable des données de son espace/);
    assert.match(
      text,
      /Fermée après 8 heures sans activité pour un professionnel, 7 jours pour un bénéficiaire, et au plus tard 30 jours/,
    );
    assert.match(text, /Journal d’audit.*Sans limite de durée à ce jour/);
    assert.match(text, /CNIL/);
    await b.shot(page, 'info-01-donnees-personnelles-drome');
    await page.goto(`${b.base}/donnees-personnelles`);
    await page.getByRole('link', { name: 'Données personnelles du catalogue de l’Isère' }).waitFor();
    await page.goto(`${b.base}/${SLUG}/accessibilite`);
    await page
      .getByText('Ce site est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA)')
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Voies de recours' }).waitFor();
    await b.shot(page, 'info-02-accessibilite-drome');
    await page.goto(`${b.base}/${SLUG}/mentions-legales`);
    await page.getByText('est publié par le Département de la Drôme').waitFor();
    await page.goto(`${b.base}/${SLUG}/plan-du-site`);
    await page.getByRole('link', { name: 'Rechercher une offre d’insertion' }).click();
    await page.waitForURL(`${b.base}/${SLUG}`);
    await page.context().close();
  });

  it('marks the offer’s title as the current page of its breadcrumb, without a link', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}/offres/${offer.id}`);
    await page.getByRole('heading', { level: 1, name: offer.title }).waitFor();
    assert.deepEqual(await currentCrumb(page), { text: offer.title, current: 'page', href: null });
    await page.context().close();
  });

  it('has no serious or critical accessibility violation (axe-core) on the information pages, and reads well on a phone', async () => {
    const problems: string[] = [];
    const screens = [
      { name: 'bureau', options: {} },
      {
        name: 'telephone',
        options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
      },
    ];
    for (const screen of screens) {
      const page = await b.page(screen.options);
      for (const slug of [null, SLUG]) {
        for (const p of PAGES) {
          const path = slug ? `/${slug}/${p.path}` : `/${p.path}`;
          await page.goto(b.base + path);
          await page.getByRole('heading', { level: 1, name: p.title }).waitFor();
          await page.waitForFunction(() => !document.querySelector('.cat-loading'));
          problems.push(...(await seriousA11yViolations(page)).map((v) => `${path}: ${v}`));
          assert.ok(
            await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            `${path}: no horizontal scrolling`,
          );
        }
      }
      await b.shot(page, `info-03-donnees-personnelles-drome-${screen.name}`);
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
});
