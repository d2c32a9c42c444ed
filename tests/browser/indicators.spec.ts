// The indicators page as the Drôme's demo agent sees it: the plan's table, a chart whose table has
// the same figures, the CSV of that table matching it, no serious accessibility problem; on a
// desktop and a phone (screenshots in tests/screenshots).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { IndicatorsReport } from '@catalogue/contracts';
import {
  DEMO_PASSWORD,
  seriousA11yViolations,
  signInAs,
  skipBrowser,
  startBrowserApp,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const AGENT = `agent.${SLUG}@demo.local`;
const PATH = `/${SLUG}/espace/indicateurs`;
const n = new Intl.NumberFormat('fr-FR');

describe('indicators page (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  for (const [device, viewport] of [
    ['bureau', { width: 1366, height: 900 }],
    ['telephone', { width: 390, height: 844 }],
  ] as const)
    it(`the demo agent reads the plan and the channels chart, its table and its CSV agree (${device})`, async () => {
      const page = await b.page({ viewport });
      await signInAs(b, page, AGENT, DEMO_PASSWORD, PATH);
      await page
        .getByRole('heading', { level: 2, name: /^Plan d’insertion : cibles et réalisations \d{4}$/ })
        .waitFor();
      const report = (await (
        await page.request.get(`${b.base}/api/v1/tenants/${SLUG}/indicators`)
      ).json()) as IndicatorsReport;

      // The plan: one row per indicator, under its fiche, with its source.
      const plan = page.locator('section[aria-labelledby="ind-plan"]');
      assert.equal(await plan.locator('tbody tr:not(.cat-ind-axis):not(.cat-ind-fiche)').count(), report.plan.length);
      assert.ok(report.plan.length > 0, 'the demo plan has indicators');
      const first = report.plan[0]!;
      await plan
        .getByRole('rowheader', { name: new RegExp(`^${first.label.replace(/[()]/g, '.')}`) })
        .first()
        .waitFor();
      await plan.getByText(`Fiche ${first.ficheNumber} — ${first.ficheTitle}`).first().waitFor();

      // The channels chart and the table behind it: the same figures, as the API gives them.
      const channels = page.locator('section[aria-labelledby="ind-channels"]');
      const chart = channels.locator('.cat-ind-chart');
      await chart.locator('canvas').waitFor();
      const rows = await channels
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
      assert.deepEqual(
        rows,
        report.registrations.byChannel.map((c) => [
          c.label,
          c.registrations.hidden ? '< 5' : n.format(c.registrations.value ?? 0),
        ]),
      );
      const shown = report.registrations.byChannel.filter((c) => !c.registrations.hidden);
      assert.equal(await chart.getAttribute('data-labels'), shown.map((c) => c.label).join('|'));
      assert.equal(await chart.getAttribute('data-values'), shown.map((c) => c.registrations.value).join('|'));
      assert.equal(
        await chart.getAttribute('aria-hidden'),
        'true',
        'the canvas is left to the table for screen readers',
      );

      // Its CSV: the same rows.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        channels.getByRole('link', { name: /Télécharger \(CSV\)/ }).click(),
      ]);
      assert.match(download.suggestedFilename(), new RegExp(`^indicateurs-channels-${SLUG}-\\d{4}\\.csv$`));
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
      assert.deepEqual(csv.trim().split('\r\n'), [
        'Canal;Inscriptions',
        ...rows.map(([label, value]) => `${label};${value!.replace(/\s/g, '')}`),
      ]);

      assert.deepEqual(await seriousA11yViolations(page), [], 'axe: no serious or critical violation');
      await page.getByRole('heading', { level: 1, name: 'Indicateurs' }).scrollIntoViewIfNeeded();
      await b.shot(page, `indicateurs-01-${device}`);
      await channels.scrollIntoViewIfNeeded();
      await b.shot(page, `indicateurs-02-${device}-canaux`);
      await page.context().close();
    });
});
