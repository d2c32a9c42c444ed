// The Drôme's admin creates an API key, sees its secret once, a program reads the registration
// statistics with it, the admin sees its last use, revokes it, and the program is refused (401);
// no serious accessibility problem; on a desktop and a phone (screenshots in tests/screenshots).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_PASSWORD,
  seriousA11yViolations,
  signInAs,
  skipBrowser,
  startBrowserApp,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const ADMIN = `agent.${SLUG}@demo.local`;
const PATH = `/${SLUG}/espace/cles-api`;

describe('API keys page (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  for (const [device, viewport] of [
    ['bureau', { width: 1366, height: 900 }],
    ['telephone', { width: 390, height: 844 }],
  ] as const)
    it(`the admin creates a key, a program uses it, the admin revokes it (${device})`, async () => {
      const page = await b.page({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
      await signInAs(b, page, ADMIN, DEMO_PASSWORD, PATH);
      await page.getByRole('heading', { level: 1, name: 'Clés d’API' }).waitFor();

      // An empty name is refused before any call, the error summary taking the focus.
      await page.getByRole('button', { name: 'Créer la clé' }).click();
      await page.getByRole('alert').getByText('Donnez un nom à la clé').waitFor();

      const name = `Entrepôt de données ${device} ${Date.now()}`;
      await page.getByLabel(/Nom de la clé/).fill(name);
      await page.getByRole('button', { name: 'Créer la clé' }).click();
      const secret = (await page.getByTestId('api-key-secret').textContent())!.trim();
      assert.match(secret, /^cik_[A-Za-z0-9_-]{43}$/);
      await page.getByText('Elle ne sera plus jamais affichée').waitFor();
      await page.getByRole('button', { name: 'Copier la clé' }).click();
      await page.getByText('Clé copiée dans le presse-papiers.').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe: no serious or critical violation');
      await b.shot(page, `api-keys-created-${device}`);

      // A program reads the statistics with the key alone.
      const stats = `${b.base}/api/v1/tenants/${SLUG}/registrations/stats`;
      const used = await fetch(stats, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(used.status, 200);

      // Back on the page: the secret is gone for good, the key is listed with its prefix and its use.
      await page.reload();
      const row = page.getByRole('row').filter({ hasText: name });
      await row.waitFor();
      assert.equal(await page.getByText(secret).count(), 0, 'the secret is never shown again');
      await row.getByText(`${secret.slice(0, 12)}…`).waitFor();
      await row.getByText('Active').waitFor();
      assert.equal(await row.getByText('Jamais').count(), 0, 'its last use is shown');

      // Revoked after a confirmation: the program is refused at once.
      await row.getByRole('button', { name: `Révoquer la clé « ${name} »` }).click();
      await row.getByText('recevront aussitôt un refus').waitFor();
      await b.shot(page, `api-keys-confirm-${device}`);
      await row.getByRole('button', { name: 'Confirmer la révocation' }).click();
      await page.getByText(`La clé « ${name} » est révoquée`).waitFor();
      await row.getByText(/^Révoquée le/).waitFor();
      const refused = await fetch(stats, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(refused.status, 401);
      assert.equal(((await refused.json()) as { code: string }).code, 'api_key_invalid');
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe after revocation');
      await page.getByRole('heading', { name: 'Comment l’utiliser' }).scrollIntoViewIfNeeded();
      await b.shot(page, `api-keys-list-${device}`);
      await page.context().close();
    });

  it('is reached from « Mon espace », and refused to a structure’s admin', async () => {
    const page = await b.page({ viewport: { width: 1366, height: 900 } });
    await signInAs(b, page, ADMIN, DEMO_PASSWORD, '/espace');
    await page.getByRole('link', { name: 'Clés d’API' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Clés d’API' }).waitFor();
    await page.context().close();
    const other = await b.page({ viewport: { width: 1366, height: 900 } });
    await signInAs(b, other, `structure.${SLUG}@demo.local`, DEMO_PASSWORD, PATH);
    await other.getByText('Cette page est réservée aux administrateurs du département.').waitFor();
    await other.context().close();
  });
});
