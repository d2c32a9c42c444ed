// The back office's other screens in headless Chromium, against the real API and the demo data:
// password reset and magic link from the mailbox, joining a structure (request accepted, invitation
// accepted), the département's settings, audit log, dashboard and CSV exports, and the platform
// admin opening a new département. Each test makes its own people and structures, and never relies
// on global counts (other test files write to the same demo data meanwhile).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DiffusionZones, OfferDetail, TenantSummary } from '@catalogue/contracts';
import type { Page } from 'playwright-core';
import {
  announcedCount,
  apiJson,
  apiSignIn as apiSignInAs,
  makeAccount as makeTestAccount,
  mailboxFor,
  seriousA11yViolations,
  settled,
  signInAs,
  skipBrowser,
  startBrowserApp,
  validatedStructure as validatedTestStructure,
  type ApiClient,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const AGENT = 'agent.drome@demo.local';
const PLATFORM_ADMIN = 'admin@demo.local';
const DEMO_PASSWORD = 'Demo-Insertion-2026';
const PASSWORD = 'Une-phrase-de-passe-solide';

describe('back office: accounts, membership, département administration (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  const unique = (): string => `${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;

  const makeAccount = (name: string) => makeTestAccount(b, name);

  /** The first link matching `pattern` in an email to `to` (waits for the email). */
  async function linkFor(to: string, pattern: RegExp): Promise<string> {
    for (let i = 0; i < 40; i++) {
      const link = (await mailboxFor(b, to)).map((m) => m.text.match(pattern)?.[0]).find(Boolean);
      if (link) return link;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no link ${pattern} in the emails to ${to}`);
  }

  const apiSignIn = (email: string, password: string): Promise<ApiClient> => apiSignInAs(b, email, password);
  const signIn = (page: Page, address: string, pass: string, back: string): Promise<void> =>
    signInAs(b, page, address, pass, back);

  const validatedStructure = () => validatedTestStructure(b, 'Alix Structure');

  /** A département code no tenant holds yet (Hautes-Alpes first). */
  async function freeDepartementCode(): Promise<string> {
    const taken = new Set((await apiJson<TenantSummary[]>(b.base, '/tenants')).map((t) => t.code));
    const code = ['05', '48', '23', '15', '90', '04', '09', '32', '46', '52'].find((c) => !taken.has(c));
    assert.ok(code, 'a free département code');
    return code;
  }

  it('resets a forgotten password through the emailed link, then signs in with the new one', async () => {
    const person = await makeAccount('Noé Oubli');
    const page = await b.page();
    await page.goto(`${b.base}/connexion`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(`${b.base}/mot-de-passe-oublie`);
    await page.locator('#reset-email').fill(person.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText('Courriel envoyé').waitFor();
    await b.shot(page, 'bo-admin-01-mot-de-passe-oublie');

    const link = await linkFor(person.email, /\/connexion\/nouveau-mot-de-passe\?jeton=[^\s"<>]+/);
    const fresh = 'Un-tout-nouveau-mot-de-passe';
    await page.goto(b.base + link);
    await page.locator('#new-password').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page
      .getByText(/au moins 12/)
      .first()
      .waitFor();
    await page.locator('#new-password').fill(fresh);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Mot de passe changé').waitFor();
    await b.shot(page, 'bo-admin-02-mot-de-passe-change');

    // The link served once.
    const again = await b.page();
    await again.goto(b.base + link);
    await again.locator('#new-password').fill('Encore-un-autre-mot-de-passe');
    await again.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await again.getByText('Lien invalide ou expiré').waitFor();
    await again.context().close();

    await page.getByRole('link', { name: 'Se connecter' }).last().click();
    await page.waitForURL(/\/connexion/);
    await page.locator('#login-email').fill(person.email);
    await page.locator('#login-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByText('Adresse électronique ou mot de passe incorrect.').waitFor();
    await page.locator('#login-password').fill(fresh);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL(`${b.base}/espace`);
    await page.getByText(person.email).waitFor();
    await page.context().close();
  });

  it('signs in by a magic link from the mailbox, back to the page asked for', async () => {
    const person = await makeAccount('Lou Lien');
    const page = await b.page();
    await page.goto(`${b.base}/connexion`);
    await page.locator('#magic-email').fill(person.email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await page
      .getByText('Si un compte existe pour cette adresse, un lien de connexion vient d’y être envoyé.')
      .waitFor();
    await b.shot(page, 'bo-admin-03-lien-magique-demande');
    const link = await linkFor(person.email, /\/connexion\/lien-magique\?jeton=[^\s"<>]+/);
    await page.goto(b.base + link);
    await page.waitForURL(`${b.base}/espace`);
    await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
    await page.getByText(person.email).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await b.shot(page, 'bo-admin-04-connecte-par-lien');
    await page.context().close();
  });

  it('a professional asks to join a structure by its SIRET (accessible page); its admin accepts', async () => {
    const structure = await validatedStructure();
    const joiner = await makeAccount('Sacha Rejoint');
    const page = await b.page();
    await signIn(page, joiner.email, PASSWORD, '/espace');
    await page.locator('#tenant').selectOption(SLUG);
    await page.locator('#join-siret').fill(structure.siret.replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4'));
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByText(structure.name).waitFor();
    await page.locator('#join-message').fill('Je suis la nouvelle conseillère du chantier.');
    const problems = await seriousA11yViolations(page);
    await b.shot(page, 'bo-admin-05-rejoindre-par-siret');
    assert.deepEqual(problems, [], '/espace');
    await page.getByRole('button', { name: 'Demander à rejoindre' }).click();
    await page.getByText('Demande envoyée : un administrateur de la structure va y répondre.').waitFor();
    await page.getByRole('heading', { name: 'Demandes en attente' }).waitFor();

    const adminPage = await b.page();
    await signIn(adminPage, structure.admin.email, PASSWORD, `/${SLUG}/espace/structures/${structure.id}`);
    await adminPage.getByRole('heading', { name: 'Demandes d’accès' }).waitFor();
    await adminPage.getByText('Je suis la nouvelle conseillère du chantier.').waitFor();
    await b.shot(adminPage, 'bo-admin-06-demande-d-acces');
    await adminPage.getByRole('button', { name: `Accepter ${joiner.name}` }).click();
    await adminPage.getByRole('heading', { name: 'Demandes d’accès' }).waitFor({ state: 'detached' });
    await adminPage.locator('table', { hasText: joiner.email }).waitFor();
    await adminPage.context().close();

    await page.reload();
    await page.getByRole('heading', { name: 'Mes structures' }).waitFor();
    await page.getByRole('link', { name: structure.name }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/structures/${structure.id}`);
    await page.getByRole('link', { name: 'Nouvelle offre' }).waitFor();
    await page.context().close();
  });

  it('a structure admin invites by email; the invitee accepts at /{slug}/invitation', async () => {
    const structure = await validatedStructure();
    const invitee = await makeAccount('Eden Invité');
    const adminPage = await b.page();
    await signIn(adminPage, structure.admin.email, PASSWORD, `/${SLUG}/espace/structures/${structure.id}`);
    await adminPage.locator('#invite-email').fill(invitee.email);
    await adminPage.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await adminPage.getByText(`Invitation envoyée à ${invitee.email}`).waitFor();
    await adminPage.getByRole('button', { name: `Annuler l’invitation de ${invitee.email}` }).waitFor();
    await b.shot(adminPage, 'bo-admin-07-invitation-envoyee');

    const link = await linkFor(invitee.email, new RegExp(`/${SLUG}/invitation\\?jeton=[^\\s"<>]+`));
    const page = await b.page();
    // Signed out, the link asks to sign in first and comes back to it.
    await page.goto(b.base + link);
    await page.getByText('Cette page est réservée aux professionnels connectés.').waitFor();
    await page.getByRole('link', { name: 'Se connecter' }).last().click();
    await page.locator('#login-email').fill(invitee.email);
    await page.locator('#login-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL(b.base + link);
    await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await page.getByText('Vous avez rejoint la structure.').waitFor();
    await b.shot(page, 'bo-admin-08-invitation-acceptee');
    await page.getByRole('link', { name: 'Accéder à mon espace' }).click();
    await page.getByRole('link', { name: structure.name }).waitFor();
    await page.context().close();

    await adminPage.reload();
    await adminPage.locator('table', { hasText: invitee.email }).waitFor();
    assert.equal(await adminPage.getByRole('heading', { name: 'Invitations en cours' }).count(), 0);
    await adminPage.context().close();
  });

  it('a member picks the diffusion zone among the département’s EPCI by name (filter, accessible form), kept with the offer', async () => {
    const structure = await validatedStructure();
    const zones = await apiJson<DiffusionZones>(b.base, `/tenants/${SLUG}/zones`);
    assert.ok(zones.epcis.length > 1, 'the Drôme has several EPCI');
    const target = zones.epcis.find((e) => /valence/i.test(e.name)) ?? zones.epcis[0]!;
    const page = await b.page();
    await signIn(page, structure.admin.email, PASSWORD, `/${SLUG}/espace/offres/nouvelle?structure=${structure.id}`);
    await page.locator('#offer-title').fill(`Accompagnement intercommunal ${unique()}`);
    await page.locator('summary', { hasText: 'Mobilité' }).click();
    await page.locator('details[open] input[type="checkbox"]').first().check({ force: true });
    await page.locator('#offer-access-open').check({ force: true });
    await page.getByLabel('Des intercommunalités (EPCI)').check({ force: true });
    const list = page.locator('#offer-zone-areas');
    await list.waitFor();
    assert.equal(await list.locator('input[type="checkbox"]').count(), zones.epcis.length, 'every EPCI offered');
    if (zones.epcis.length > 8) {
      const word = target.name.split(/[\s’'-]+/).sort((a, b) => b.length - a.length)[0]!;
      await page.getByLabel('Filtrer les intercommunalités').fill(
        word
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase(),
      );
      await page.waitForFunction(
        (n) => document.querySelectorAll('#offer-zone-areas input[type="checkbox"]').length < n,
        zones.epcis.length,
      );
    }
    await page.getByLabel(target.name, { exact: true }).check({ force: true });
    await page.getByRole('button', { name: `Retirer ${target.name}` }).waitFor();
    await page.locator('#s-zone').scrollIntoViewIfNeeded();
    const problems = await seriousA11yViolations(page);
    await b.shot(page, 'bo-admin-16-zone-epci');
    assert.deepEqual(problems, [], 'offer form with the zone picker');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(new RegExp(`/${SLUG}/espace/offres/[0-9a-f-]{36}$`));
    const offerId = page.url().split('/').pop()!;
    await page.getByText('Offre enregistrée.').waitFor();
    await page.reload();
    await page.getByRole('button', { name: `Retirer ${target.name}` }).waitFor();
    assert.ok(await page.locator(`#offer-zone-areas-${target.code}`).isChecked());
    const member = await apiSignIn(structure.admin.email, PASSWORD);
    const offer = await member.call<OfferDetail>('GET', `/tenants/${SLUG}/offers/${offerId}`);
    assert.equal(offer.status, 200);
    assert.deepEqual(offer.body.diffusionZone, { type: 'epci', areas: [{ code: target.code, name: target.name }] });
    await page.context().close();
  });

  it('the Drôme’s admin adds an agent, reads it in the audit log, sees the dashboard and downloads the CSV exports (accessible pages)', async () => {
    const newcomer = await makeAccount('Ange Agent');
    const page = await b.page();
    await signIn(page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/reglages`);
    await page.getByRole('heading', { level: 1, name: 'Réglages et équipe' }).waitFor();
    await page.locator('table', { hasText: AGENT }).waitFor();
    let problems = await seriousA11yViolations(page);
    assert.deepEqual(problems, [], 'settings');
    await page.locator('#staff-email').fill(newcomer.email);
    await page.locator('#staff-role').selectOption('agent');
    await page.getByRole('button', { name: 'Ajouter à l’équipe' }).click();
    await page.getByText(`${newcomer.email} ajouté à l’équipe.`).waitFor();
    const row = page.locator('tr', { hasText: newcomer.email });
    await row.getByRole('cell', { name: 'Agent', exact: true }).waitFor();
    assert.equal(await row.count(), 1, 'one row per person');
    await b.shot(page, 'bo-admin-09-reglages-equipe');
    const mails = await mailboxFor(b, newcomer.email);
    assert.ok(
      mails.some((m) => /Drôme/.test(m.subject + m.text)),
      'the new agent is told by email',
    );

    // The newcomer now sees the agents' pages of the Drôme.
    const agentPage = await b.page();
    await signIn(agentPage, newcomer.email, PASSWORD, '/espace');
    await agentPage.getByRole('link', { name: 'Modération des offres' }).waitFor();
    await agentPage.context().close();

    await row.getByRole('button', { name: `Retirer de l’équipe : ${newcomer.name}` }).click();
    await page.getByText(`${newcomer.name} retiré de l’équipe.`).waitFor();
    await row.waitFor({ state: 'detached' });

    await page.goto(`${b.base}/${SLUG}/espace/journal`);
    await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
    const granted = page.locator('tr', { hasText: newcomer.email }).filter({ hasText: 'membership.granted' });
    await granted.waitFor();
    await page.locator('tr', { hasText: newcomer.email }).filter({ hasText: 'membership.revoked' }).waitFor();
    assert.match((await granted.textContent()) ?? '', new RegExp(AGENT.replace(/\./g, '\\.')), 'who did it');
    problems = await seriousA11yViolations(page);
    await b.shot(page, 'bo-admin-10-journal');
    assert.deepEqual(problems, [], 'audit log');

    await page.goto(`${b.base}/${SLUG}/espace/tableau-de-bord`);
    await page.getByRole('heading', { level: 1, name: /^Tableau de bord — / }).waitFor();
    const stat = (label: string) => page.locator('.cat-stat', { hasText: label }).locator('strong');
    for (const label of [
      'structures en attente',
      'offres à modérer',
      'offres à mettre à jour',
      'structures validées',
    ]) {
      assert.match((await stat(label).textContent()) ?? '', /^\d+$/, label);
    }
    assert.ok(Number(await stat('structures validées').textContent()) >= 1, 'the demo structures are validated');
    const map = page.locator('.cat-map');
    await page.waitForFunction(() => Number(document.querySelector('.cat-map')?.getAttribute('data-markers') || 0) > 0);
    assert.ok(Number(await map.getAttribute('data-markers')) >= 1);
    problems = await seriousA11yViolations(page);
    await b.shot(page, 'bo-admin-11-tableau-de-bord');
    assert.deepEqual(problems, [], 'dashboard');

    for (const [label, header] of [
      ['Offres (CSV)', /titre/i],
      ['Structures (CSV)', /siret/i],
    ] as const) {
      const href = await page.getByRole('link', { name: label }).getAttribute('href');
      assert.ok(href, label);
      const res = await page.context().request.get(b.base + href);
      assert.equal(res.status(), 200, label);
      assert.match(res.headers()['content-type'] ?? '', /^text\/csv/, label);
      assert.match(res.headers()['content-disposition'] ?? '', /attachment/, label);
      const text = await res.text();
      assert.match(text.split('\n')[0]!, header, label);
      assert.ok(text.trim().split('\n').length > 1, `${label}: some rows`);
    }
    await page.context().close();
  });

  it('the platform admin opens a new département; its first admin chooses a password, sets post-moderation and back; its search answers', async () => {
    const code = await freeDepartementCode();
    const firstAdmin = `admin.${code}.${unique()}@exemple.fr`;
    const page = await b.page();
    await signIn(page, PLATFORM_ADMIN, DEMO_PASSWORD, '/admin');
    await page.getByRole('heading', { level: 1, name: 'Ouvrir un département' }).waitFor();
    await page.locator('#tenant-code').fill(code);
    await page.locator('#tenant-admins').fill(firstAdmin);
    await b.shot(page, 'bo-admin-12-ouvrir-un-departement');
    await page.getByRole('button', { name: 'Ouvrir le département' }).click();
    await page.getByText('Département ouvert. Ses administrateurs ont été prévenus.').waitFor();
    await page.context().close();
    const tenant = (await apiJson<TenantSummary[]>(b.base, '/tenants')).find((t) => t.code === code);
    assert.ok(tenant, `département ${code} listed`);

    // The first admin has no account yet: the email links to a page to choose a password.
    const link = await linkFor(firstAdmin, /\/connexion\/nouveau-mot-de-passe\?jeton=[^\s"<>]+/);
    const adminPage = await b.page();
    await adminPage.goto(b.base + link);
    await adminPage.locator('#new-password').fill(PASSWORD);
    await adminPage.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await adminPage.getByText('Mot de passe changé').waitFor();
    await signIn(adminPage, firstAdmin, PASSWORD, '/espace');
    await adminPage.getByRole('heading', { name: tenant.name }).waitFor();
    await adminPage.getByRole('link', { name: 'Réglages et équipe' }).click();
    await adminPage.waitForURL(`${b.base}/${tenant.slug}/espace/reglages`);

    // Post-moderation here, in a département of its own: switching the Drôme would change what the
    // other test files' submissions do meanwhile.
    const choose = async (label: RegExp, expected: 'before' | 'after'): Promise<void> => {
      await adminPage.getByLabel(label).check({ force: true });
      await adminPage.getByRole('button', { name: 'Enregistrer les réglages', exact: true }).click();
      await adminPage.getByText('Réglages enregistrés.').waitFor();
      await adminPage.reload();
      await adminPage.waitForFunction(
        () => document.querySelector<HTMLInputElement>('#moderation-before')?.checked !== undefined,
      );
      await adminPage.locator(`#moderation-${expected}:checked`).waitFor({ state: 'attached' });
    };
    await choose(/^Après publication/, 'after');
    await b.shot(adminPage, 'bo-admin-13-moderation-apres-publication');
    await choose(/^Avant publication/, 'before');

    // « Double validation »: off by default, turned on, read back after a reload, turned off again.
    const fourEyes = adminPage.getByRole('checkbox', { name: 'Double validation' });
    assert.equal(await fourEyes.isChecked(), false, 'off by default');
    for (const on of [true, false]) {
      await fourEyes.setChecked(on, { force: true });
      await adminPage.getByRole('button', { name: 'Enregistrer les réglages', exact: true }).click();
      await adminPage.getByText('Réglages enregistrés.').waitFor();
      await adminPage.reload();
      await adminPage.locator(`#four-eyes${on ? ':checked' : ':not(:checked)'}`).waitFor({ state: 'attached' });
      if (on) await b.shot(adminPage, 'bo-admin-13b-double-validation');
    }

    // Registration delays: checked in the page like the API, saved, read back after a reload.
    const delay = (key: string) => adminPage.locator(`#settings-${key}`);
    await delay('registrationReminderDays').fill('30');
    await adminPage.getByRole('button', { name: 'Enregistrer les délais' }).click();
    await adminPage.getByText('L’expiration doit venir après le rappel : plus de 30 jours.').waitFor();
    await delay('registrationExpiryDays').fill('45');
    await adminPage.getByRole('button', { name: 'Enregistrer les délais' }).click();
    await adminPage.getByText('Délais enregistrés.').waitFor();
    await adminPage.reload();
    await adminPage.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#settings-registrationExpiryDays')?.value === '45',
    );
    assert.equal(await delay('registrationReminderDays').inputValue(), '30');
    await b.shot(adminPage, 'bo-admin-13c-delais-inscriptions');

    await adminPage.goto(`${b.base}/${tenant.slug}/espace/journal`);
    await adminPage.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
    await adminPage.locator('tr', { hasText: 'tenant.settings.changed' }).nth(1).waitFor();
    await adminPage.locator('tr', { hasText: 'Double validation activée' }).waitFor();
    await adminPage.locator('tr', { hasText: 'Expiration des inscriptions en attente après 45 jours' }).waitFor();
    await adminPage.locator('tr', { hasText: 'tenant.created' }).waitFor();
    await b.shot(adminPage, 'bo-admin-14-journal-nouveau-departement');
    await adminPage.context().close();

    const visitor = await b.page();
    await visitor.goto(`${b.base}/${tenant.slug}`);
    await settled(visitor);
    assert.equal(await announcedCount(visitor), 0, 'a new département has no offer yet');
    await b.shot(visitor, 'bo-admin-15-recherche-nouveau-departement');
    await visitor.context().close();
  });
});
