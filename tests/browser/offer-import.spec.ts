// A partner's spreadsheet import in headless Chromium, as the demo structure's member
// (structure.drome@demo.local): from the structure's page, « Importer depuis un tableur »;
// download the template; choose a file with good and bad lines; « Vérifier » shows the report
// (refused lines first, column and message); « Importer les 2 lignes valides »; the structure's
// list shows them waiting for moderation. Phone and desktop, axe on each step.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  apiJson,
  apiSignIn,
  seriousA11yViolations,
  signInAs,
  skipBrowser,
  startBrowserApp,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const MEMBER = 'structure.drome@demo.local';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

describe('spreadsheet import of offers (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  let organizationId: string;
  let valence: string;

  before(async () => {
    b = await startBrowserApp();
    const member = await apiSignIn(b, MEMBER, DEMO_PASSWORD);
    const structures = member.me.capabilities.tenants.find((t) => t.tenant === SLUG)!.structures;
    organizationId = structures.find((s) => s.capabilities.importOffers)!.organizationId;
    [{ insee: valence }] = await apiJson<{ insee: string }[]>(b.base, `/tenants/${SLUG}/communes?q=valence`);
  });
  after(async () => b?.close());

  /** The template's header, then two good lines and two bad ones (`;`, as French Excel saves it). */
  function filledFile(template: string, tag: string): Buffer {
    const header = template.replace(/^\uFEFF/, '').split('\r\n')[0]!;
    const columns = header.split(';');
    const line = (cells: Record<string, string>) => columns.map((c) => cells[c] ?? '').join(';');
    const good = (title: string) => ({
      titre: title,
      resume: 'Un atelier collectif pour préparer sa candidature.',
      thematiques: 'preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation',
      publics: 'demandeurs-emploi',
      acces: 'prescription',
      commune_insee: valence,
      adresse: '12 rue de la Gare',
    });
    return Buffer.from(
      [
        header,
        line(good(`Atelier CV ${tag}`)),
        line({ ...good(`Thème inconnu ${tag}`), thematiques: 'xyz' }),
        line(good(`Simulation d’entretien ${tag}`)),
        line({ ...good(''), contact_courriel: 'pas-une-adresse' }),
      ].join('\r\n'),
    );
  }

  async function journey(page: Page, name: string, tag: string): Promise<void> {
    await signInAs(b, page, MEMBER, DEMO_PASSWORD, `/${SLUG}/espace/structures/${organizationId}`);
    await page.getByRole('link', { name: 'Importer depuis un tableur' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/structures/${organizationId}/import`);
    await page.getByRole('heading', { level: 1, name: 'Importer des offres depuis un tableur' }).waitFor();
    await page.getByText('Ce que prend chaque colonne').click();
    await page.getByRole('cell', { name: 'zone_diffusion', exact: false }).first().waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], 'the import page');
    await b.shot(page, `import-tableur-01-page-${name}`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Modèle CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'modele-import-offres.csv');
    const template = readFileSync((await download.path())!, 'utf8');
    assert.match(template, /^\uFEFFtitre;resume;description;thematiques;publics;acces;commune_insee;adresse;/);

    await page.getByLabel('Fichier du tableur').setInputFiles({
      name: 'mes-offres.csv',
      mimeType: 'text/csv',
      buffer: filledFile(template, tag),
    });
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const report = page.locator('section[aria-labelledby="import-report"]');
    await report.getByText('4 lignes lues').waitFor();
    const rows = report.locator('tbody tr');
    // Refused lines first, each with its column and message.
    assert.deepEqual(
      (await rows.allInnerTexts()).slice(0, 3).map((t) => t.replace(/\s+/g, ' ').trim()),
      [
        `3 Thème inconnu ${tag} REFUSÉE thematiques Code inconnu « xyz » dans « thematiques » (voir la liste des thématiques data·inclusion)`,
        '5 REFUSÉE titre Titre manquant',
        '5 REFUSÉE contact_courriel « pas-une-adresse » n’est pas une adresse électronique valide',
      ].map((t) => t.replace(/\s+/g, ' ')),
    );
    assert.deepEqual(await seriousA11yViolations(page), [], 'the report');
    await b.shot(page, `import-tableur-02-rapport-${name}`);

    await page.getByRole('button', { name: 'Importer les 2 lignes valides' }).click();
    await page.getByRole('heading', { name: '2 offres importées' }).waitFor();
    await b.shot(page, `import-tableur-03-resultat-${name}`);
    await page.getByRole('link', { name: 'Voir les offres de la structure' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/structures/${organizationId}`);
    for (const title of [`Atelier CV ${tag}`, `Simulation d’entretien ${tag}`]) {
      const item = page.locator('li', { has: page.getByRole('link', { name: title }) });
      await item.getByText('En attente de modération').waitFor();
    }
    assert.equal(
      await page.getByRole('link', { name: `Thème inconnu ${tag}` }).count(),
      0,
      'the refused line is not imported',
    );
  }

  it('on a desktop: template, check, report, import, the offers submitted', async () => {
    await journey(await b.page({ viewport: DESKTOP }), 'bureau', 'bureau');
  });

  it('on a phone: the same journey', async () => {
    await journey(await b.page({ viewport: PHONE, isMobile: true, hasTouch: true }), 'telephone', 'téléphone');
  });
});
