// The bilans' journey of issue 15 in headless Chromium, against the real API and the demo data: the
// bilans' job creates the bilan of the demo structure's running agreement (an agent opens it if it
// is not due soon); the structure sees the prefilled figures, corrects one (a justification is
// asked), is told what is missing before the submission, submits; the agent sees the difference
// and asks for changes; the structure, after a save that meanwhile went stale, resubmits; the agent
// validates. axe on both pages, phone and desktop screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Bilan, BilanSummary, IndicatorsReport } from '@catalogue/contracts';
import { BilanJobs } from '@catalogue/api/modules/bilans/bilan-jobs.js';
import {
  DEMO_PASSWORD,
  apiSignIn,
  seriousA11yViolations,
  signInAs,
  skipBrowser,
  startBrowserApp,
  type ApiClient,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const AGENT = 'agent.drome@demo.local';
const STRUCTURE = 'structure.drome@demo.local';
const PHONE = { width: 390, height: 844 };

describe(
  'bilans: the structure files, the agent asks for changes then validates (Chromium)',
  { skip: skipBrowser },
  () => {
    let b: BrowserApp;
    let agent: ApiClient;
    let structure: ApiClient;
    let bilan: Bilan;
    let path = '';
    let reported = -1;
    let achievedBefore = 0;

    before(async () => {
      b = await startBrowserApp();
      agent = await apiSignIn(b, AGENT, DEMO_PASSWORD);
      structure = await apiSignIn(b, STRUCTURE, DEMO_PASSWORD);
      // The hourly job creates the bilans of the running agreements (and opens those due soon).
      await b.app.app.get(BilanJobs).run();
      const mine = await structure.call<{ items: BilanSummary[] }>('GET', `/tenants/${SLUG}/bilans?view=mine`);
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      const first = mine.body.items.find((i) => i.agreementId && (i.status === 'open' || i.status === 'to_come'));
      assert.ok(first, `a bilan of the demo structure: ${JSON.stringify(mine.body.items)}`);
      if (first.status === 'to_come') {
        const opened = await agent.call<Bilan>('POST', `/tenants/${SLUG}/bilans/${first.id}/open`);
        assert.equal(opened.status, 200, JSON.stringify(opened.body));
      }
      bilan = (await structure.call<Bilan>('GET', `/tenants/${SLUG}/bilans/${first.id}`)).body;
      assert.equal(bilan.status, 'open');
      // An indicator of the plan measured by the bilans: what the département's indicators show before.
      const plan = await agent.call<IndicatorsReport>('GET', `/tenants/${SLUG}/indicators?year=${bilan.year}`);
      assert.equal(plan.status, 200, JSON.stringify(plan.body));
      reported = bilan.indicators.findIndex(
        (i) => plan.body.plan.find((x) => x.indicatorId === i.indicatorId)?.measure === 'bilans',
      );
      assert.ok(reported >= 0, `an indicator measured by the bilans: ${JSON.stringify(bilan.indicators)}`);
      achievedBefore =
        plan.body.plan.find((x) => x.indicatorId === bilan.indicators[reported]!.indicatorId)!.achieved ?? 0;
      path = `/${SLUG}/espace/bilans/${bilan.id}`;
    });
    after(async () => b?.close());

    async function shown(page: Page, text: string | RegExp) {
      try {
        await page.getByText(text).first().waitFor();
      } catch (e) {
        await b.shot(page, 'bilans-journey-failure');
        const errors = await page.locator('.fr-error-text, .fr-alert').allTextContents();
        throw new Error(`${String(text)} not shown on ${page.url()}; errors: ${JSON.stringify(errors)}`, { cause: e });
      }
    }

    const noSeriousViolations = async (page: Page, what: string) =>
      assert.deepEqual(await seriousA11yViolations(page), [], what);

    /** Phone and desktop screenshots of the bilan as `email` sees it; nothing wider than the phone. */
    async function shots(email: string, name: string, ready: string) {
      for (const [suffix, viewport] of [
        ['phone', PHONE],
        ['desktop', { width: 1366, height: 900 }],
      ] as const) {
        const page = await b.page({ viewport });
        await signInAs(b, page, email, DEMO_PASSWORD, path);
        await shown(page, ready);
        await b.shot(page, `bilans-journey-${name}-${suffix}`);
        if (suffix === 'phone') {
          // The figures' first table, which scrolls sideways inside its own wrapper.
          await page.locator('.fr-table').first().scrollIntoViewIfNeeded();
          await b.shot(page, `bilans-journey-${name}-${suffix}-figures`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= PHONE.width, `${name}: the page is ${width}px wide on a phone`);
        }
        await page.context().close();
      }
    }

    const declared = (key: string) => `#bilan-declared-${key.replace(/\./g, '-')}-value`;
    const justification = (key: string) => `#bilan-declared-${key.replace(/\./g, '-')}-justification`;

    it('1. the structure finds its bilan, prefilled; a corrected figure needs a justification; what is missing is said before the submission; it submits', async () => {
      await shots(STRUCTURE, 'structure', 'Chiffres de l’action');
      const page = await b.page();
      await signInAs(b, page, STRUCTURE, DEMO_PASSWORD, `/espace`);
      await page.getByRole('link', { name: 'Bilans', exact: true }).click();
      await page.waitForURL(`${b.base}/${SLUG}/espace/bilans`);
      await shown(page, '31 décembre');
      await noSeriousViolations(page, 'the structure’s list of bilans');
      await page.locator(`a[href="${path}"]`).click();
      await shown(page, 'Chiffres de l’action');
      await noSeriousViolations(page, 'the bilan, the structure filling it');

      // Prefilled: each input holds what the platform computed.
      const registered = bilan.figures.find((f) => f.key === 'registered')!;
      assert.notEqual(registered.computed, null);
      assert.equal(await page.locator(declared('registered')).inputValue(), String(registered.computed));
      // Two more people came outside the platform: the justification is asked, and the summary takes the focus.
      await page.locator(declared('registered')).fill(String(registered.computed! + 2));
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await shown(page, 'Une information est à corriger');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
      await shown(page, /Personnes inscrites — Justification : à renseigner/);
      assert.equal(await page.locator(justification('registered')).getAttribute('aria-invalid'), 'true');
      await page.locator(justification('registered')).fill('Deux personnes orientées par téléphone, hors plateforme');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await shown(page, 'Le bilan est enregistré.');

      // Submitting without « Ce qui a fonctionné »: the API's rule says so first.
      await page.getByRole('button', { name: 'Transmettre au département' }).click();
      await page.getByRole('button', { name: 'Confirmer la transmission' }).click();
      await shown(page, 'Ce qui a fonctionné : à renseigner');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
      await page.locator('#bilan-whatWorked').fill('Les ateliers du mardi, en petits groupes, ont tenu jusqu’au bout.');
      await page.locator('#bilan-difficulties').fill('Les transports en soirée.');
      if (bilan.money.granted > 0 && bilan.money.lines.length === 0) {
        await page.getByRole('button', { name: 'Ajouter un poste' }).click();
        await page.locator('#bilan-budgetLines-0-label').fill('Salaires');
        await page.locator('#bilan-budgetLines-0-spent').fill('3 000,50');
      } else if (bilan.money.lines.length) await page.locator('#bilan-budgetLines-0-spent').fill('3 000,50');
      await shown(page, /total dépensé : 3\s000,50/);
      // The agreement's indicator measured by the bilans: seven people reported.
      await page.locator(`#bilan-indicators-${reported}-value`).fill('7');
      // An attachment, then the submission.
      await page.locator('#bilan-file').setInputFiles({
        name: 'emargement.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(
          '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
        ),
      });
      await page.getByRole('button', { name: 'Joindre le fichier' }).click();
      await page.getByRole('link', { name: 'emargement.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Transmettre au département' }).click();
      await page.getByRole('button', { name: 'Confirmer la transmission' }).click();
      await shown(page, 'Le bilan est transmis au département');
      await shown(page, 'Transmis');
      const now = (await structure.call<Bilan>('GET', `/tenants/${SLUG}/bilans/${bilan.id}`)).body;
      assert.equal(now.status, 'submitted');
      const f = now.figures.find((x) => x.key === 'registered')!;
      assert.deepEqual(
        [f.declared, f.justification],
        [registered.computed! + 2, 'Deux personnes orientées par téléphone, hors plateforme'],
      );
      assert.equal(now.money.spent, 3000.5);
      await page.context().close();
    });

    it('2. the agent sees the declared value beside the computed one and asks for changes (a message is required)', async () => {
      await shots(AGENT, 'agent', 'Relecture');
      const page = await b.page();
      await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/bilans`);
      await shown(page, 'Les bilans des actions financées');
      await noSeriousViolations(page, 'the agents’ list of bilans');
      await page.goto(`${b.base}${path}`);
      await shown(page, 'Relecture');
      const row = page.locator('tr.cat-bilan-diff', { hasText: 'Personnes inscrites' });
      await row.getByText('Écart').waitFor();
      await row.getByText('Deux personnes orientées par téléphone, hors plateforme').waitFor();
      await noSeriousViolations(page, 'the bilan, the agent reviewing it');
      await page.getByRole('button', { name: 'Demander des compléments' }).click();
      await page.getByRole('button', { name: 'Envoyer la demande' }).click();
      await shown(page, 'Message : à renseigner');
      await page.locator('#bilan-changes').fill('Merci de joindre aussi le bilan financier signé.');
      await page.getByRole('button', { name: 'Envoyer la demande' }).click();
      await shown(page, 'Les compléments sont demandés');
      await page.context().close();
    });

    it('3. the structure reads the request; a save on a stale version reloads; it resubmits', async () => {
      const page = await b.page();
      await signInAs(b, page, STRUCTURE, DEMO_PASSWORD, path);
      await shown(page, 'Le département demande des compléments');
      await shown(page, 'Merci de joindre aussi le bilan financier signé.');
      await noSeriousViolations(page, 'the bilan sent back to the structure');
      // Someone else of the structure saves meanwhile (through the API).
      const current = (await structure.call<Bilan>('GET', `/tenants/${SLUG}/bilans/${bilan.id}`)).body;
      const other = await structure.call<Bilan>('PATCH', `/tenants/${SLUG}/bilans/${bilan.id}`, {
        version: current.version,
        outlook: 'Reconduire l’action en 2027.',
      });
      assert.equal(other.status, 200, JSON.stringify(other.body));
      await page.locator('#bilan-difficulties').fill('Les transports en soirée, et la garde des enfants.');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await shown(page, 'Ce bilan a été modifié entre-temps');
      assert.equal(await page.locator('#bilan-outlook').inputValue(), 'Reconduire l’action en 2027.');
      await page.locator('#bilan-difficulties').fill('Les transports en soirée, et la garde des enfants.');
      await page.getByRole('button', { name: 'Transmettre au département' }).click();
      await page.getByRole('button', { name: 'Confirmer la transmission' }).click();
      await shown(page, 'Le bilan est transmis au département');
      await page.context().close();
    });

    it('4. the agent validates; the timeline tells every step', async () => {
      const page = await b.page();
      await signInAs(b, page, AGENT, DEMO_PASSWORD, path);
      await shown(page, 'Relecture');
      await page.getByRole('button', { name: 'Valider le bilan' }).click();
      await page.getByRole('button', { name: 'Confirmer la validation' }).click();
      await shown(page, 'Le bilan est validé');
      const history = page.locator('.cat-timeline');
      for (const step of ['Transmis', 'Compléments demandés', 'Validé'])
        await history.getByText(step).first().waitFor();
      const now = (await agent.call<Bilan>('GET', `/tenants/${SLUG}/bilans/${bilan.id}`)).body;
      assert.equal(now.status, 'validated');
      assert.equal(now.difficulties, 'Les transports en soirée, et la garde des enfants.');
      await page.context().close();
    });

    it('5. the indicators page counts the validated bilan: the reported people added to the plan’s indicator', async () => {
      const indicator = bilan.indicators[reported]!;
      const page = await b.page();
      await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/indicateurs?year=${bilan.year}`);
      const row = page.locator('tr', { has: page.getByText(indicator.label, { exact: false }) }).first();
      await row.waitFor();
      const expected = new Intl.NumberFormat('fr-FR').format(achievedBefore + 7);
      await row.getByText(expected, { exact: false }).first().waitFor();
      assert.match((await row.textContent()) ?? '', /Bilans/);
      await page.context().close();
    });
  },
);
