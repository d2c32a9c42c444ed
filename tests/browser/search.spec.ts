// Journeys through the search front end in headless Chromium, against the real API and demo data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OfferDetail, OfferMapResult, OfferSearchResult } from '@catalogue/contracts';
import {
  announcedCount,
  apiJson,
  markersOnMap,
  seriousA11yViolations,
  settled,
  skipBrowser,
  startBrowserApp,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const VALENCE = '26362';

describe('search front end (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  const search = (query: string) => apiJson<OfferSearchResult>(b.base, `/tenants/${SLUG}/offers?${query}`);
  const map = (query: string) => apiJson<OfferMapResult>(b.base, `/tenants/${SLUG}/offers/map?${query}`);

  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('lists the départements on the home page and opens one at its own address', async () => {
    const page = await b.page();
    await page.goto(b.base + '/');
    const links = page.locator('.fr-tile__title a');
    await links.first().waitFor();
    // Other test files open départements of their own in the same database: the demo ones are there, in order.
    const names = await links.allTextContents();
    assert.deepEqual(
      names,
      [...names].sort((x, y) => x.localeCompare(y, 'fr')),
    );
    for (const demo of ['Drôme', 'Indre-et-Loire', 'Isère', 'Saône-et-Loire']) assert.ok(names.includes(demo), demo);
    await b.shot(page, '01-accueil');
    await page.getByRole('link', { name: 'Drôme' }).click();
    await page.waitForURL(`${b.base}/drome`);
    await page.getByRole('heading', { level: 1, name: /Drôme/ }).waitFor();
    await settled(page);
    assert.equal(await announcedCount(page), (await search('')).total);
    await page.context().close();
  });

  it('searches by word: the list, its count and the address follow the API', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}`);
    await settled(page);
    await page.getByLabel(/Quoi/).fill('garage');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\?q=garage$/);
    await settled(page);
    const expected = await search('q=garage&pageSize=20');
    assert.ok(expected.total > 0 && expected.total < 84, `garage gives ${expected.total}`);
    assert.equal(await announcedCount(page), expected.total);
    assert.deepEqual(
      await page.locator('.cat-results .fr-card__title').allTextContents(),
      expected.items.map((o) => o.title),
    );
    await b.shot(page, '02-recherche-mot');
    await page.context().close();
  });

  it('searches around a commune chosen from the suggestions, with a radius', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}`);
    await settled(page);
    const where = page.getByRole('combobox', { name: /Où/ });
    await where.fill('valen');
    const option = page.getByRole('option', { name: /^Valence/ });
    await option.waitFor();
    await option.click();
    await page.waitForURL(new RegExp(`commune=${VALENCE}`));
    await settled(page);
    assert.equal(await where.inputValue(), 'Valence (26000)');
    assert.equal(await announcedCount(page), (await search(`commune=${VALENCE}`)).total);
    assert.match((await page.locator('.cat-count').textContent())!, /à moins de 20 km de Valence/);
    await page.getByLabel('Rayon').selectOption('50');
    await page.waitForURL(/rayon=50/);
    await settled(page);
    assert.equal(await announcedCount(page), (await search(`commune=${VALENCE}&radiusKm=50`)).total);
    // Nearest first: the first result's distance is the smallest.
    const first = (await search(`commune=${VALENCE}&radiusKm=50&pageSize=1`)).items[0]!;
    assert.equal(await page.locator('.cat-results .fr-card__title').first().textContent(), first.title);
    await b.shot(page, '03-recherche-commune');
    await page.context().close();
  });

  it('narrows with facets: list, count and facet counts change together', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}`);
    await settled(page);
    const all = await search('');
    const mobility = all.facets.themes.find((f) => f.code === 'mobilite')!;
    const box = page.getByRole('checkbox', { name: /^Mobilité/ });
    assert.match(
      (await page.locator(`label[for="${await box.getAttribute('id')}"]`).textContent())!,
      new RegExp(`${mobility.count}$`),
    );
    await box.check({ force: true }); // the DSFR draws the box on the label, above the input
    await page.waitForURL(/themes=mobilite/);
    await settled(page);
    assert.equal(await announcedCount(page), mobility.count);
    const narrowed = await search('themes=mobilite');
    const selfReg = narrowed.facets.access.find((f) => f.code === 'self_registration')!;
    await page.getByRole('checkbox', { name: /^Inscription en ligne possible/ }).check({ force: true });
    await page.waitForURL(/acces=self_registration/);
    await settled(page);
    assert.equal(await announcedCount(page), selfReg.count);
    assert.equal((await search('themes=mobilite&access=self_registration')).total, selfReg.count);
    // The active filters show as removable tags.
    await page.getByRole('button', { name: 'Retirer le filtre Mobilité' }).click();
    await page.waitForURL((u) => !u.search.includes('themes='));
    await settled(page);
    assert.equal(await announcedCount(page), (await search('access=self_registration')).total);
    await b.shot(page, '04-facettes');
    await page.context().close();
  });

  it('shows on the map the same results as the list (markers, clusters and offers without a place)', async () => {
    const page = await b.page();
    for (const query of ['', 'q=emploi', `commune=${VALENCE}&radiusKm=30`]) {
      await page.goto(`${b.base}/${SLUG}?${query.replace('radiusKm', 'rayon')}`);
      await settled(page);
      const expected = await map(query);
      const total = await announcedCount(page);
      const legend = page.locator('.cat-map-legend');
      const located = Number(await legend.getAttribute('data-located'));
      const unlocated = Number(await legend.getAttribute('data-unlocated'));
      assert.equal(total, expected.total, query);
      assert.equal(located, expected.located, query);
      assert.equal(located + unlocated, total, query);
      assert.equal(Number(await page.locator('.cat-map').getAttribute('data-markers')), expected.items.length, query);
      // Every located offer is drawn, alone or inside a cluster: the numbers add up.
      assert.equal(await markersOnMap(page, expected.items.length), expected.items.length, query);
    }
    await b.shot(page, '05-liste-et-carte');
    await page.context().close();
  });

  it('links list and map: hovering a result highlights its marker or cluster, and the reverse', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}?commune=${VALENCE}&rayon=5`);
    await settled(page);
    const firstResult = page.locator('.cat-result').first();
    await firstResult.hover();
    await page.locator('.cat-marker--active, .cat-cluster--active').first().waitFor();
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => !document.querySelector('.cat-marker--active, .cat-cluster--active'));
    // A place where exactly one offer sits: searched in a small zone around it, it is a single marker.
    const zoneAround = (p: { lat: number; lng: number }) =>
      [p.lng - 0.01, p.lat - 0.01, p.lng + 0.01, p.lat + 0.01].map((v) => v.toFixed(4)).join(',');
    let lone: OfferMapResult['items'][number] | undefined;
    for (const p of (await map('')).items) {
      if ((await map(`bbox=${zoneAround(p)}`)).total === 1) {
        lone = p;
        break;
      }
    }
    assert.ok(lone, 'an offer alone at its place');
    const zone = zoneAround(lone);
    await page.goto(`${b.base}/${SLUG}?zone=${zone}`);
    await settled(page);
    assert.equal(await announcedCount(page), (await search(`bbox=${zone}`)).total);
    const marker = page.locator('.cat-map .cat-marker');
    assert.equal(await marker.count(), 1);
    assert.equal(await marker.getAttribute('title'), lone.title);
    await marker.hover();
    const highlighted = page.locator('.cat-result.is-highlighted');
    await highlighted.waitFor();
    assert.equal(await highlighted.locator('.fr-card__title').textContent(), lone.title);
    await marker.click();
    await page
      .locator('.leaflet-popup-content', { hasText: lone.title })
      .getByRole('link', { name: 'Voir l’offre' })
      .click();
    await page.waitForURL(`${b.base}/${SLUG}/offres/${lone.id}`);
    await b.shot(page, '06-survol-carte');
    await page.context().close();
  });

  it('refines the search to the area shown after the map was moved', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}`);
    await settled(page);
    const before = await announcedCount(page);
    assert.equal(await page.getByRole('button', { name: 'Rechercher dans cette zone' }).count(), 0);
    await page.locator('.leaflet-control-zoom-in').click();
    await page.locator('.leaflet-control-zoom-in').click();
    await page.getByRole('button', { name: 'Rechercher dans cette zone' }).click();
    await page.waitForURL(/zone=/);
    await settled(page);
    const zone = new URL(page.url()).searchParams.get('zone')!;
    const expected = await search(`bbox=${zone}`);
    assert.equal(await announcedCount(page), expected.total);
    assert.ok(expected.total < before, `${expected.total} < ${before}`);
    assert.match((await page.locator('.cat-count').textContent())!, /dans la zone de la carte/);
    await b.shot(page, '07-zone-de-la-carte');
    await page.context().close();
  });

  it('searches around me with the browser position', async () => {
    const page = await b.page({ geolocation: { latitude: 44.9334, longitude: 4.892 }, permissions: ['geolocation'] });
    await page.goto(`${b.base}/${SLUG}`);
    await settled(page);
    await page.getByRole('button', { name: 'Autour de moi' }).click();
    await page.waitForURL(/lat=44\.9334&lng=4\.892/);
    await settled(page);
    assert.equal(await announcedCount(page), (await search('lat=44.9334&lng=4.892')).total);
    assert.match((await page.locator('.cat-count').textContent())!, /de votre position/);
    await page.context().close();
  });

  it('keeps the whole search in the address: reload and back give the same page', async () => {
    const page = await b.page();
    const address = `${b.base}/${SLUG}?q=emploi&commune=${VALENCE}&rayon=30&publics=jeunes&page=1`;
    await page.goto(address);
    await settled(page);
    const snapshot = async () => ({
      count: await announcedCount(page),
      words: await page.getByLabel(/Quoi/).inputValue(),
      place: await page.getByRole('combobox', { name: /Où/ }).inputValue(),
      radius: await page.getByLabel('Rayon').inputValue(),
      checked: await page
        .locator('.cat-facets input:checked')
        .evaluateAll((els) => els.map((e) => e.id.replace(/^.*-p-/, ''))),
      titles: await page.locator('.cat-results .fr-card__title').allTextContents(),
    });
    const first = await snapshot();
    assert.equal(first.count, (await search('q=emploi&commune=26362&radiusKm=30&audiences=jeunes')).total);
    assert.deepEqual(
      [first.words, first.place, first.radius, first.checked],
      ['emploi', 'Valence (26000)', '30', ['jeunes']],
    );
    await page.reload();
    await settled(page);
    assert.deepEqual(await snapshot(), first);
    // A change, then back: the previous search returns.
    await page.getByRole('button', { name: 'Retirer le filtre Jeunes' }).click();
    await page.waitForURL((u) => !u.search.includes('publics='));
    await settled(page);
    assert.notEqual(await announcedCount(page), first.count);
    await page.goBack();
    await settled(page);
    assert.deepEqual(await snapshot(), first);
    // Paging is in the address too.
    const all = await search('pageSize=20');
    await page.goto(`${b.base}/${SLUG}?page=2`);
    await settled(page);
    assert.equal(await page.locator('.fr-pagination__link[aria-current="page"]').textContent(), '2');
    assert.equal(
      await page.locator('.cat-results .fr-card__title').first().textContent(),
      (await search('page=2&pageSize=20')).items[0]!.title,
    );
    assert.ok(all.total > 20);
    await page.context().close();
  });

  it('shows an offer with its sessions and places left, and "page introuvable" for unknown addresses', async () => {
    const page = await b.page();
    const withPlaces = await search('hasPlaces=true&pageSize=100');
    let offer: OfferDetail | undefined;
    for (const o of withPlaces.items) {
      const d = await apiJson<OfferDetail>(b.base, `/tenants/${SLUG}/offers/${o.id}`);
      if (d.sessions.length >= 2 && d.places.length > 0) {
        offer = d;
        break;
      }
    }
    assert.ok(offer, 'a demo offer with sessions');
    // From the list to the offer.
    await page.goto(`${b.base}/${SLUG}?q=${encodeURIComponent(offer.title)}`);
    await settled(page);
    await page.getByRole('link', { name: offer.title }).first().click();
    await page.waitForURL(`${b.base}/${SLUG}/offres/${offer.id}`);
    await page.getByRole('heading', { level: 1, name: offer.title }).waitFor();
    const rows = page.locator('table tbody tr');
    assert.equal(await rows.count(), offer.sessions.length);
    for (const [i, s] of offer.sessions.entries()) {
      const text = (await rows.nth(i).textContent())!;
      assert.match(
        text,
        s.placesLeft > 0 ? new RegExp(`${s.placesLeft} places? restantes? sur ${s.capacity}`) : /Complet/,
      );
      assert.match(text, /\d{1,2}\sh\s\d{2}/, 'the session’s hours, not only its days');
    }
    assert.ok(await page.getByRole('link', { name: offer.organization.name }).isVisible());
    assert.equal(await page.locator('.cat-map .cat-marker').count(), offer.places.length);
    await page.getByText(offer.places[0]!.commune, { exact: false }).first().waitFor();
    await b.shot(page, '08-offre');
    await rows.first().evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await b.shot(page, '08b-offre-sessions');
    // Back to the results from the breadcrumb.
    await page.getByRole('link', { name: 'Résultats de la recherche' }).click();
    await page.waitForURL(/\/drome\?q=/);

    for (const [path, text] of [
      [`/${SLUG}/offres/00000000-0000-4000-8000-000000000000`, /offre est introuvable/],
      ['/nulle-part', /n’a pas \(encore\) de catalogue/],
      ['/drome/pas/une/page', /page que vous cherchez est introuvable/],
    ] as const) {
      const res = await page.goto(b.base + path);
      await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
      assert.match((await page.locator('main').textContent())!, text, path);
      if (path === '/nulle-part') assert.equal(res!.status(), 404);
    }
    await b.shot(page, '09-page-introuvable');
    await page.context().close();
  });

  it('can be used with the keyboard alone: search, filter, open an offer', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}`);
    await settled(page);
    const tabTo = async (
      match: (el: { id: string; tag: string; text: string; type: string }) => boolean,
      max = 60,
    ): Promise<void> => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement & { type?: string };
          return { id: a.id, tag: a.tagName, text: (a.textContent ?? '').trim(), type: a.type ?? '' };
        });
        if (match(el)) return;
      }
      throw new Error('focus never reached the element');
    };
    await tabTo((el) => el.id === 'recherche-mots');
    // The focus is visible (DSFR focus ring).
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.type('emploi');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=emploi/);
    await settled(page);
    await tabTo((el) => el.type === 'checkbox');
    await page.keyboard.press('Space');
    await page.waitForURL(/themes=/);
    await settled(page);
    const count = await announcedCount(page);
    assert.ok(count > 0);
    await tabTo(
      (el) => el.tag === 'A' && (el as { text: string }).text.length > 10 && !/Retirer|filtre/.test(el.text),
      120,
    );
    const title = await page.evaluate(() => document.activeElement!.textContent);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/offres\//);
    await page.getByRole('heading', { level: 1, name: title! }).waitFor();
    await page.context().close();
  });

  it('on a phone (390×844), shows list and map as two tabs of one page', async () => {
    const page = await b.page({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await page.goto(`${b.base}/${SLUG}?q=emploi`);
    await settled(page);
    const listTab = page.getByRole('tab', { name: /Liste/ });
    const mapTab = page.getByRole('tab', { name: 'Carte' });
    assert.equal(await listTab.getAttribute('aria-selected'), 'true');
    assert.ok(await page.locator('.cat-results').isVisible());
    assert.equal(await page.locator('.cat-map').isVisible(), false);
    // Filters fold away behind a button.
    assert.equal(await page.locator('#filtres').isVisible(), false);
    await b.shot(page, '10-telephone-liste');
    await mapTab.click();
    await page.waitForURL(/vue=carte/);
    await page.locator('.cat-map').waitFor({ state: 'visible' });
    assert.equal(await page.locator('.cat-results').isVisible(), false);
    await page.waitForTimeout(300);
    const onMap = (await map('q=emploi')).items.length;
    assert.equal(await markersOnMap(page, onMap), onMap);
    // Nothing wider than the screen.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal scrolling');
    await b.shot(page, '11-telephone-carte');
    await page.getByRole('button', { name: /Filtres/ }).click();
    assert.ok(await page.locator('#filtres').isVisible());
    await page.context().close();
  });

  it('works without map tiles: the outline and markers show on a plain background', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}`);
    await settled(page);
    assert.equal(await page.locator('.leaflet-tile').count(), 0);
    assert.equal((await page.locator('.leaflet-overlay-pane path').count()) >= 1, true);
    assert.ok((await markersOnMap(page)) > 0);
    await page.context().close();
  });

  it('has no serious or critical accessibility violation (axe-core) on home, search and offer pages', async () => {
    const page = await b.page();
    const offer = (await search('pageSize=1&hasPlaces=true')).items[0]!;
    const problems: string[] = [];
    for (const path of ['/', `/${SLUG}?q=emploi&themes=mobilite`, `/${SLUG}/offres/${offer.id}`]) {
      await page.goto(b.base + path);
      await page.locator('h1').waitFor();
      if (path.includes('?')) await settled(page);
      else await page.waitForTimeout(500);
      problems.push(...(await seriousA11yViolations(page)).map((p) => `${path}: ${p}`));
    }
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
