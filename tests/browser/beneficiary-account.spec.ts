// A beneficiary's personal account in headless Chromium, on a phone, against the real API and the
// demo data: from the sign-in page to the département's sign-up page (the notice on personal data
// before sending), the link opened from the demo mailbox signs in; then « Mon compte »: the copy
// of one's data, and the deletion of the account. axe on each new page.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Me, PersonalDataExport } from '@catalogue/contracts';
import type { Page } from 'playwright-core';
import { mailboxFor, seriousA11yViolations, skipBrowser, startBrowserApp, type BrowserApp } from './harness.js';

const SLUG = 'drome';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('a beneficiary’s personal account (Chromium, phone)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  const unique = () => `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;

  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const me = (page: Page) =>
    page.evaluate(async () => {
      const res = await fetch('/api/v1/me');
      return res.ok ? ((await res.json()) as Me) : res.status;
    });

  it('signs up from the département’s page without a password, opens the link from the demo mailbox and lands signed in', async () => {
    const email = `beneficiaire.${unique()}@exemple.fr`;
    const page = await b.page(PHONE);
    // The sign-in page says which account is which; coming from the Drôme, the personal one is made there.
    await page.goto(`${b.base}/connexion?retour=${encodeURIComponent(`/${SLUG}`)}`);
    await page.getByRole('heading', { level: 3, name: 'Vous cherchez une action pour vous-même ?' }).waitFor();
    await page.getByRole('link', { name: 'Créer un compte professionnel' }).waitFor();
    await page.getByRole('link', { name: 'Créer un compte personnel' }).click();
    await page.waitForURL(new RegExp(`/${SLUG}/creer-un-compte`));
    await page.getByRole('heading', { level: 1, name: 'Créer mon compte personnel' }).waitFor();

    // The notice on personal data comes before the button that sends, with its link.
    const notice = page.getByRole('region', { name: 'Vos données personnelles' });
    await notice.waitFor();
    assert.match((await notice.textContent())!, /Le Département de la Drôme enregistre votre nom/);
    assert.match((await notice.textContent())!, /anonymisées après 24 mois sans activité/);
    assert.equal(
      await notice.getByRole('link', { name: 'En savoir plus sur vos données personnelles' }).getAttribute('href'),
      `/${SLUG}/donnees-personnelles`,
    );
    const before = await page.evaluate(() => {
      const n = document.querySelector('[aria-labelledby="donnees-personnelles-titre"]')!;
      const send = [...document.querySelectorAll('button')].find(
        (x) => x.textContent === 'Créer mon compte personnel',
      )!;
      return Boolean(n.compareDocumentPosition(send) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(before, 'the notice is read before the button');
    assert.deepEqual(await seriousA11yViolations(page), [], 'sign-up page');
    assert.ok(await noSideScroll(page), 'no horizontal scrolling on a phone');

    // An empty form names what is missing.
    await page.getByRole('button', { name: 'Créer mon compte personnel' }).click();
    await page.getByRole('alert').getByText('Indiquez vos prénom et nom.').waitFor();
    await page.getByText('Tous les champs sont obligatoires.').waitFor();

    await page.getByLabel('Prénom et nom').fill('Alex Morel');
    await page.getByLabel('Adresse électronique').fill(email);
    // Without password: the default is a link by email each time.
    assert.equal(
      await page.getByLabel('Recevoir un lien de connexion par courriel à chaque fois (sans mot de passe)').isChecked(),
      true,
    );
    await b.shot(page, 'beneficiaire-01-inscription-telephone');
    await notice.scrollIntoViewIfNeeded();
    await b.shot(page, 'beneficiaire-01b-notice-donnees');
    await page.getByRole('button', { name: 'Créer mon compte personnel' }).click();
    await page.getByText('Vérifiez votre messagerie').waitFor();
    await page.getByText(email).waitFor();
    await b.shot(page, 'beneficiaire-02-courriel-envoye');

    // The email, read where a demo user reads it.
    let delivered = false;
    for (let i = 0; i < 20 && !delivered; i++) {
      delivered = (await mailboxFor(b, email)).some((m) => m.subject === 'Activez votre compte personnel');
      if (!delivered) await page.waitForTimeout(250);
    }
    assert.ok(delivered, 'the verification email is in the mailbox');
    await page.goto(`${b.base}/dev/mailbox`);
    const mail = page.locator('article', { hasText: email }).filter({ hasText: 'Activez votre compte personnel' });
    assert.match((await mail.textContent())!, /compte personnel/);
    assert.match((await mail.textContent())!, new RegExp(`/${SLUG}/donnees-personnelles`));
    // The link names the configured public address (http://localhost:3000): opened on this test server.
    const href = await mail.locator('pre a[href*="/connexion/verifier-email?jeton="]').getAttribute('href');
    const url = new URL(href!);
    await page.goto(b.base + url.pathname + url.search);

    await page.waitForURL(/\/connexion\/verifier-email\?jeton=/);
    await page.getByText('Adresse vérifiée').waitFor();
    await page.getByRole('link', { name: 'Chercher une action (Drôme)' }).waitFor();
    // Back to where the sign-up started (kept in this browser between the form and the link).
    assert.equal(await page.getByRole('link', { name: 'Reprendre mon inscription' }).getAttribute('href'), `/${SLUG}`);
    await b.shot(page, 'beneficiaire-03-connecte');
    const account = await me(page);
    assert.ok(typeof account === 'object', 'signed in');
    assert.deepEqual(
      account.memberships.map((m) => [m.tenant, m.role, m.status]),
      [[SLUG, 'beneficiary', 'active']],
    );
    assert.equal(account.capabilities.tenants.find((t) => t.tenant === SLUG)?.capabilities.registerSelf, true);
    // The header (under it, on a phone) shows the account.
    await page.getByRole('link', { name: 'Mon espace' }).first().waitFor();
    await page.context().close();
  });

  it('« Mon compte »: downloads a copy of one’s data, then deletes the account after a confirmation that says what is kept', async () => {
    const email = `supprimer.${unique()}@exemple.fr`;
    const page = await b.page(PHONE);
    // Signed up through the API (the page has its own test above), verified through the link.
    const res = await page.request.post(`${b.base}/api/v1/auth/register-beneficiary`, {
      data: { email, name: 'Dominique Petit', tenant: SLUG },
    });
    assert.equal(res.status(), 202);
    const link = (await mailboxFor(b, email))
      .map((m) => m.text.match(/\/connexion\/verifier-email\?jeton=[^\s"<>]+/)?.[0])
      .find(Boolean);
    assert.ok(link, 'a verification link');
    await page.goto(b.base + link);
    await page.getByText('Adresse vérifiée').waitFor();

    await page.getByRole('link', { name: 'Accéder à mon espace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
    await page.getByRole('link', { name: 'Mon compte et mes données' }).click();
    await page.waitForURL(`${b.base}/espace/mon-compte`);
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await page.getByText(email).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], 'account page');
    assert.ok(await noSideScroll(page), 'no horizontal scrolling on a phone');
    await b.shot(page, 'beneficiaire-04-mon-compte');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^mes-donnees-catalogue-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as PersonalDataExport;
    assert.equal(data.account.email, email);
    assert.equal(data.account.name, 'Dominique Petit');
    assert.deepEqual(data.registrations, []);

    await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
    const confirm = page.getByRole('group', { name: 'Supprimer définitivement votre compte ?' });
    await confirm.waitFor();
    assert.match((await confirm.textContent())!, /Vos inscriptions sont gardées, anonymisées/);
    assert.match((await confirm.textContent())!, /pour les statistiques/);
    assert.deepEqual(await seriousA11yViolations(page), [], 'account page, confirmation open');
    await b.shot(page, 'beneficiaire-05-confirmer-suppression');
    await page.getByRole('button', { name: 'Oui, supprimer mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compte supprimé' }).waitFor();
    assert.equal(await me(page), 401, 'signed out: the account is gone');
    await b.shot(page, 'beneficiaire-06-compte-supprime');
    await page.context().close();
  });

  it('offers, without a département in context, a choice of départements for the personal account', async () => {
    const page = await b.page();
    await page.goto(`${b.base}/connexion`);
    await page.getByRole('heading', { level: 3, name: 'Vous cherchez une action pour vous-même ?' }).waitFor();
    await page.getByRole('button', { name: 'Créer un compte personnel' }).click();
    await page.getByText('Choisissez votre département.').waitFor();
    await page.getByLabel('Votre département').selectOption(SLUG);
    await page.getByRole('button', { name: 'Créer un compte personnel' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/creer-un-compte`);
    await page.getByRole('link', { name: 'Créer un compte professionnel' }).click();
    await page.waitForURL(`${b.base}/inscription`);
    await page.getByRole('heading', { level: 1, name: 'Créer un compte professionnel' }).waitFor();
    await page.goto(`${b.base}/connexion`);
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], 'sign-in page');
    await page.context().close();
  });
});
