// The Drôme's admin imports a data·inclusion file through the page, in headless Chromium against the
// real API and the demo data: check (the refused lines and why), import, the public search finds a
// published service, a second check changes nothing. Other test files share the demo data: the
// fixture gets its own source, SIRETs and titles for this run, and the published offers are archived
// at the end (no other file sees them for long, none counts them).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ImportReport } from '@catalogue/contracts';
import { withLuhnCheckDigit } from '@catalogue/domain';
import type { Page } from 'playwright-core';
import {
  apiSignIn,
  DEMO_PASSWORD,
  root,
  seriousA11yViolations,
  settled,
  signInAs,
  skipBrowser,
  startBrowserApp,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const AGENT = 'agent.drome@demo.local';
const FIXTURE = join(root, 'apps/api/src/modules/data-inclusion-import/fixtures/drome.json');

/** The Drôme fixture for this run: a source, SIRETs and names of its own. */
function fixtureForThisRun(): { buffer: Buffer; suffix: string } {
  const suffix = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  const records = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>[];
  let n = 0;
  for (const r of records) {
    r.source = `essai-${suffix}`;
    if (typeof r.siret === 'string')
      r.siret = withLuhnCheckDigit(
        `6${String(Date.now()).slice(-9)}${n++}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
      );
    if (typeof r.nom === 'string') r.nom = `${r.nom} ${suffix}`;
  }
  return { buffer: Buffer.from(JSON.stringify(records)), suffix };
}

describe('data·inclusion import by the département’s admin (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  const { buffer, suffix } = fixtureForThisRun();
  const imported: string[] = [];

  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => {
    // The published offers leave the catalogue: other files search the Drôme meanwhile.
    if (b && imported.length) {
      const agent = await apiSignIn(b, AGENT, DEMO_PASSWORD);
      for (const id of imported) await agent.call('POST', `/tenants/${SLUG}/offers/${id}/archive`);
    }
    await b?.close();
  });

  const counts = (page: Page) => page.locator('#di-counts').innerText();
  const row = (page: Page, line: number) => page.locator('#di-report-table tbody tr').nth(line - 1);

  async function check(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByRole('heading', { name: 'Vérification : ce que l’import fera' }).waitFor();
  }

  it('checks, imports as published, finds the service, and a second check changes nothing', async () => {
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, '/espace');
    await page.getByRole('link', { name: 'Importer depuis data·inclusion' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/import-data-inclusion`);
    await page.getByRole('heading', { level: 1, name: 'Importer un fichier data·inclusion' }).waitFor();

    // No file: the summary says so and takes the focus.
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByRole('alert').getByText('Choisissez un fichier JSON ou CSV au format data·inclusion.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');

    await page.locator('#di-file').setInputFiles({ name: 'drome.json', mimeType: 'application/json', buffer });
    await page.locator('label[for="di-offer-status-published"]').click();
    assert.ok(await page.getByLabel('publiées aussitôt').isChecked());
    await check(page);
    await page.waitForFunction(() => document.activeElement?.id === 'di-report-title'); // the report takes the focus
    assert.match(
      await counts(page),
      /Rien n’est encore enregistré\. 17 lignes : 11 à créer, 0 à mettre à jour, 0 inchangée, 6 refusées\./,
    );
    // The refused lines, with their French messages.
    assert.equal(await page.locator('#di-report-table tbody tr[data-status="refused"]').count(), 6);
    const refused = [
      [5, 'nom : champ obligatoire manquant'],
      [13, 'thematiques : code inconnu « cuisine-du-monde »'],
      [14, 'publics : code inconnu « astronautes »'],
      [15, 'code_insee : la commune « 75056 » (Paris) n’est pas dans le département (26)'],
      [16, 'structure_id : structure « drome-inconnue » inconnue, ni dans ce fichier ni déjà importée'],
      [17, 'structure_id : la structure « drome-s5 » est refusée dans ce fichier'],
    ] as const;
    for (const [line, message] of refused) {
      assert.equal(await row(page, line).getAttribute('data-status'), 'refused', `line ${line}`);
      assert.deepEqual(await row(page, line).locator('li').allInnerTexts(), [message], `line ${line}`);
    }
    assert.equal((await row(page, 6).locator('.fr-badge').innerText()).toLowerCase(), 'à créer');
    assert.deepEqual(await seriousA11yViolations(page), [], 'the check’s report');
    await page.locator('#di-report-title').scrollIntoViewIfNeeded();
    await b.shot(page, 'di-import-01-verification');

    // Only the refused lines, on demand.
    const refusedOnly = page.locator('label[for="di-refused-only"]');
    await refusedOnly.click();
    assert.equal(await page.locator('#di-report-table tbody tr').count(), 6);
    await refusedOnly.click();
    assert.equal(await page.locator('#di-report-table tbody tr').count(), 17);

    // The import does what the check said.
    const answer = page.waitForResponse(
      (r) => r.url().endsWith(`/tenants/${SLUG}/data-inclusion/import`) && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Importer' }).click();
    const report = (await (await answer).json()) as ImportReport;
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
    assert.match(await counts(page), /^17 lignes : 11 créées, 0 mise à jour, 0 inchangée, 6 refusées\./);
    assert.deepEqual(report.counts, { created: 11, updated: 0, unchanged: 0, refused: 6 });
    imported.push(...report.lines.filter((l) => l.kind === 'service' && l.id).map((l) => l.id!));
    assert.equal(imported.length, 7);
    assert.equal(
      await page.getByRole('button', { name: 'Importer' }).count(),
      0,
      'no second import from the same report',
    );
    await page.locator('#di-report-title').scrollIntoViewIfNeeded();
    await b.shot(page, 'di-import-02-import-termine');

    // A published service is in the public search at once.
    const title = `Location de voitures à prix solidaire ${suffix}`;
    const visitor = await b.page();
    await visitor.goto(`${b.base}/${SLUG}?q=${encodeURIComponent(title)}`);
    await settled(visitor);
    await visitor.locator('.cat-results .fr-card__title', { hasText: title }).waitFor();
    await visitor.context().close();

    // The same file again: every good line is unchanged.
    await check(page);
    assert.match(await counts(page), /17 lignes : 0 à créer, 0 à mettre à jour, 11 inchangées, 6 refusées\./);
    const badges = await page
      .locator('#di-report-table tbody tr:not([data-status="refused"]) .fr-badge')
      .allInnerTexts();
    assert.equal(badges.length, 11);
    assert.ok(
      badges.every((t) => t.toLowerCase() === 'inchangée'),
      badges.join(', '),
    );
    await page.context().close();
  });

  it('shows the report line by line on a phone, without sideways scrolling', async () => {
    const page = await b.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/import-data-inclusion`);
    await page.locator('#di-file').setInputFiles({ name: 'drome.json', mimeType: 'application/json', buffer });
    await check(page);
    await row(page, 13).getByText('thematiques : code inconnu « cuisine-du-monde »').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    const errors = await row(page, 13).locator('li').boundingBox();
    assert.ok(errors && errors.x + errors.width <= 390, 'the message fits the screen');
    assert.deepEqual(await seriousA11yViolations(page), [], 'the report on a phone');
    await row(page, 13).scrollIntoViewIfNeeded();
    await b.shot(page, 'di-import-03-telephone');
    await page.context().close();
  });

  it('says in French what is wrong with an unreadable file', async () => {
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/import-data-inclusion`);
    await page.locator('#di-file').setInputFiles({
      name: 'services.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"pas": "une liste"'),
    });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByRole('alert').getByText('Le fichier n’est pas un JSON valide').waitFor();
    assert.equal(await page.locator('#di-file-error').innerText(), 'Le fichier n’est pas un JSON valide');
    assert.equal(await page.locator('#di-file').getAttribute('aria-describedby'), 'di-file-error');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
    await page.context().close();
  });
});
