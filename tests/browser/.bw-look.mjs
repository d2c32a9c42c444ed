// Temporary: looks at the bilans pages against a mocked bilans API (the real one is not merged yet).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const base = 'http://127.0.0.1:3312';
const who = process.argv[2] ?? 'structure';
const figs = [
  ['registered', 'Personnes inscrites', 'personnes', 14, null], ['accepted', 'Personnes entrées (inscription acceptée)', 'personnes', 11, 13],
  ['present', 'Personnes présentes au moins une fois', 'personnes', 10, null], ['sex.female', 'Femmes', 'personnes', 6, null],
  ['sex.male', 'Hommes', 'personnes', 5, null], ['sex.unspecified', 'Non renseigné', 'personnes', 0, null],
  ['sessions_held', 'Sessions tenues', 'sessions', 4, null], ['fill_rate', 'Taux de remplissage moyen', '%', 72.5, null],
];
const bilan = {
  id: '11111111-1111-4111-8111-111111111111', agreementId: '22222222-2222-4222-8222-222222222222', agreementTitle: 'Atelier mobilité solidaire en Drôme provençale',
  offerId: null, offerTitle: null, organizationId: 'o', organizationName: 'Roule Ma Poule', year: 2026,
  periodStart: '2025-11-01', periodEnd: '2026-10-31', dueOn: '2026-12-31', status: who === 'agent' ? 'submitted' : 'changes_requested', overdue: false,
  submittedAt: null, validatedAt: null,
  figures: figs.map(([key, label, unit, computed, declared]) => ({ key, label, unit, computed, declared, justification: declared === null ? null : 'Deux personnes orientées par téléphone, hors plateforme' })),
  indicators: [{ indicatorId: 'i', label: 'Personnes accompagnées vers la mobilité', unit: 'personnes', target: 20, value: 13, comment: '' }],
  money: { granted: 12500, paid: 7500, spent: 3000.5, lines: [{ label: 'Salaires', planned: 8000, spent: 3000.5 }] },
  whatWorked: 'Les ateliers du mardi.', difficulties: '', outlook: '', documents: [{ id: 'd', fileName: 'emargement.pdf', mediaType: 'application/pdf', sizeBytes: 20480, uploadedAt: '2026-12-01T10:00:00Z' }],
  changesMessage: who === 'agent' ? null : 'Merci de joindre les feuilles d’émargement.', events: [{ fromStatus: null, toStatus: 'open', actorName: null, message: null, at: '2026-12-01T08:00:00Z' }],
  version: 2, can: who === 'agent' ? { edit: false, submit: false, requestChanges: true, validate: true } : { edit: true, submit: true, requestChanges: false, validate: false },
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1366, height: 900 }]]) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  await page.route('**/api/v1/tenants/drome/bilans**', (r) => {
    const u = r.request().url();
    if (/bilans\?/.test(u)) return r.fulfill({ json: { items: [bilan, { ...bilan, id: '3', status: 'open', overdue: true, organizationName: 'Autre structure' }] } });
    return r.fulfill({ json: bilan });
  });
  await page.goto(`${base}/connexion?retour=/drome/espace/bilans`);
  await page.locator('#login-email').fill(`${who === 'agent' ? 'agent' : 'structure'}.drome@demo.local`);
  await page.locator('#login-password').fill('Demo-Insertion-2026');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(`${base}/drome/espace/bilans`);
  await page.getByText('bilans').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/bw/${who}-list-${name}.png`, fullPage: true });
  await page.goto(`${base}/drome/espace/bilans/${bilan.id}`);
  await page.getByText('Historique').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/bw/${who}-bilan-${name}.png`, fullPage: true });
  if (name === 'phone') for (const y of [0, 1, 2, 3]) {
    await page.evaluate((y) => window.scrollTo(0, y * 800), y);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `/tmp/bw/${who}-bilan-phone-${y}.png` });
  }
  if (name === 'desktop') {
    await page.evaluate(readFileSync('/work/wt/h-bilans-web/node_modules/axe-core/axe.min.js', 'utf8'));
    const v = await page.evaluate(async () => (await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map((v) => `${v.id} ${v.impact} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
    console.log(who, 'axe', v);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log('scrollWidth', w);
  } else console.log('phone scrollWidth', await page.evaluate(() => document.documentElement.scrollWidth));
  await ctx.close();
}
await browser.close();
