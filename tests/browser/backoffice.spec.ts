// The partners' journey through the back office in headless Chromium, against the real API and the
// demo data: sign up, verify the email, create a structure, get it validated, write an offer with a
// place on the map and a session, moderation back and forth, publication, found by the public search.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { withLuhnCheckDigit } from '@catalogue/domain';
import {
  DEMO_PASSWORD,
  TEST_PASSWORD,
  announcedCount,
  makeAccount,
  offerThrough,
  pendingStructure,
  seriousA11yViolations,
  settled,
  mailboxFor,
  signInAs,
  skipBrowser,
  startBrowserApp,
  validatedStructure,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const AGENT = 'agent.drome@demo.local';
const REVIEW_COMMENT = 'Précisez le public visé et le matériel fourni.';

// Each test makes the account, structure or offer it starts from (through the API, at the stage the
// journey has reached), so any one of them runs alone and in any order.
describe('back office: from sign-up to a published offer (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  /** Unique per call: several tests (and runs) share the demo database. */
  const unique = () => `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;

  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('signs up and opens the verification link from the mailbox', async () => {
    const email = `pro.${unique()}@exemple.fr`;
    const member = await b.page();
    await member.goto(`${b.base}/inscription`);
    await member.locator('#name').fill('Camille Martin');
    await member.locator('#email').fill(email);
    await member.locator('#password').fill(TEST_PASSWORD);
    await b.shot(member, 'bo-01-inscription');
    await member.getByRole('button', { name: 'Créer mon compte' }).click();
    await member.getByText('Vérifiez votre messagerie').waitFor();

    let link: string | undefined;
    for (let i = 0; i < 20 && !link; i++) {
      const mails = await mailboxFor(b, email);
      link = mails.map((m) => m.text.match(/\/connexion\/verifier-email\?jeton=[^\s"<>]+/)?.[0]).find(Boolean);
      if (!link) await member.waitForTimeout(250);
    }
    assert.ok(link, 'a verification link in the mailbox');
    await member.goto(b.base + link);
    await member.getByText('Adresse vérifiée').waitFor();
    await b.shot(member, 'bo-02-adresse-verifiee');
    await member.getByRole('link', { name: 'Accéder à mon espace' }).click();
    await member.waitForURL(`${b.base}/espace`);
    await member.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
    // The header now shows the account instead of "Se connecter".
    await member.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await member.context().close();
  });

  it('creates a structure with a valid SIRET and a pin on the map', async () => {
    const stamp = unique();
    const account = await makeAccount(b, 'Camille Martin');
    // A SIRET nobody else uses: 13 digits from the clock, then the Luhn check digit.
    const siret = withLuhnCheckDigit(`8${String(Date.now()).slice(-12)}`);
    const structureName = `Atelier solidaire ${stamp}`;
    const member = await b.page();
    await signInAs(b, member, account.email, TEST_PASSWORD, '/espace');
    await member.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
    await member.locator('#tenant').selectOption(SLUG);
    await b.shot(member, 'bo-03-mon-espace');
    await member.getByRole('button', { name: 'Créer une structure' }).click();
    await member.waitForURL(`${b.base}/${SLUG}/espace/structures/nouvelle`);
    await member.locator('#org-siret').fill('12345678901234');
    await member.getByText(/clé de contrôle incorrecte/).waitFor();
    await member.locator('#org-siret').fill(siret);
    await member.getByText('SIRET valide : cette structure n’est pas encore inscrite.').waitFor();
    await member.locator('#org-name').fill(structureName);
    await member.locator('#org-kind').selectOption({ index: 1 });
    await member.locator('#org-address').fill('12 rue de la République');
    await member.getByRole('combobox', { name: /Commune/ }).fill('valen');
    await member.getByRole('option', { name: /^Valence/ }).click();
    const map = member.locator('.cat-pinmap');
    await map.and(member.locator('[data-pin]:not([data-pin=""])')).waitFor();
    const centre = await map.getAttribute('data-pin');
    // Pick the exact spot: a click on the map moves the pin there.
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2 + 60, y: box.height / 2 - 40 } });
    await member.waitForFunction((c) => document.querySelector('.cat-pinmap')?.getAttribute('data-pin') !== c, centre);
    await member.locator('#org-email').fill(`contact.${stamp}@exemple.fr`);
    await b.shot(member, 'bo-04-nouvelle-structure');
    await member.getByRole('button', { name: 'Créer la structure' }).click();
    await member.waitForURL(new RegExp(`/${SLUG}/espace/structures/[0-9a-f-]{36}$`));
    await member.getByRole('heading', { level: 1, name: structureName }).waitFor();
    await member.getByText('En attente de validation').first().waitFor();
    await b.shot(member, 'bo-05-structure-en-attente');
    await member.context().close();
  });

  it('the département’s agent signs in (accessible page) and validates the structure', async () => {
    const structure = await pendingStructure(b, 'Sacha Bernard');
    const agent = await b.page();
    await agent.goto(`${b.base}/connexion`);
    await agent.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    const problems = await seriousA11yViolations(agent);
    await b.shot(agent, 'bo-06-connexion');
    assert.deepEqual(problems, [], 'sign-in page');
    await signInAs(b, agent, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/structures`);
    const row = agent.locator('li', { has: agent.getByRole('link', { name: structure.name }) });
    await row.waitFor();
    await b.shot(agent, 'bo-07-structures-a-valider');
    await row.getByRole('button', { name: `Valider ${structure.name}` }).click();
    // Validated: it leaves the list of pending structures.
    await row.waitFor({ state: 'detached' });
    await agent.goto(`${b.base}/${SLUG}/espace/structures/${structure.id}`);
    await agent.getByText('Validée').first().waitFor();
    await agent.context().close();
  });

  it('a member writes an offer with a place set on the map and a session, then submits it', async () => {
    const structure = await validatedStructure(b, 'Camille Martin');
    const offerTitle = `Remise en selle ${unique()}`;
    const member = await b.page();
    await signInAs(b, member, structure.admin.email, TEST_PASSWORD, `/${SLUG}/espace/structures/${structure.id}`);
    await member.getByText('Validée').first().waitFor();
    await member.getByRole('link', { name: 'Nouvelle offre' }).click();
    await member.waitForURL(new RegExp(`/${SLUG}/espace/offres/nouvelle\\?structure=${structure.id}$`));
    await member.locator('#offer-title').fill(offerTitle);
    await member.locator('#offer-summary').fill('Réparer un vélo et apprendre à circuler en ville.');
    await member.locator('summary', { hasText: 'Mobilité' }).click();
    await member.locator('details[open] input[type="checkbox"]').first().check({ force: true });
    await member.locator('#offer-access-open').check({ force: true });
    await member.getByRole('button', { name: 'Ajouter un lieu' }).click();
    await member.locator('#offer-places-0-address').fill('3 place de la Pierre');
    await member.getByRole('combobox', { name: /Commune/ }).fill('valen');
    await member.getByRole('option', { name: /^Valence/ }).click();
    const map = member.locator('.cat-pinmap');
    await map.and(member.locator('[data-pin]:not([data-pin=""])')).waitFor();
    const centre = await map.getAttribute('data-pin');
    // Drag the pin to the exact address.
    const pin = map.locator('.cat-marker--pin');
    await map.scrollIntoViewIfNeeded();
    await member.waitForTimeout(100);
    const p = (await pin.boundingBox())!;
    await member.mouse.move(p.x + p.width / 2, p.y + p.height / 2);
    await member.mouse.down();
    await member.mouse.move(p.x + p.width / 2 + 30, p.y + p.height / 2 + 20, { steps: 8 });
    await member.mouse.move(p.x + p.width / 2 + 50, p.y + p.height / 2 + 35, { steps: 8 });
    await member.mouse.up();
    await member.waitForFunction((c) => document.querySelector('.cat-pinmap')?.getAttribute('data-pin') !== c, centre);
    await member.getByRole('button', { name: 'Ajouter une session' }).click();
    await member.locator('#offer-sessions-0-startsAt').fill('2027-03-01T09:00');
    await member.locator('#offer-sessions-0-capacity').fill('12');
    // Seats automatic and a 24-hour cut-off unless the structure says otherwise.
    assert.equal(await member.locator('#offer-seatAllocation-automatic').isChecked(), true);
    assert.equal(await member.locator('#offer-cancellationCutoffHours').inputValue(), '24');
    // Mid-screen: a forced click lands where the input is, and the sticky action bar covers the bottom.
    await member.locator('#offer-seatAllocation-review').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await member.locator('#offer-seatAllocation-review').check({ force: true });
    await member.locator('#offer-cancellationCutoffHours').fill('48');
    await b.shot(member, 'bo-08b-formulaire-offre-inscriptions');
    await member.locator('#offer-places-0-address').scrollIntoViewIfNeeded();
    await b.shot(member, 'bo-08-formulaire-offre');
    const problems = await seriousA11yViolations(member);
    assert.deepEqual(problems, [], 'offer form');
    await member.getByRole('button', { name: 'Enregistrer' }).click();
    await member.waitForURL(new RegExp(`/${SLUG}/espace/offres/[0-9a-f-]{36}$`));
    await member.getByText('Offre enregistrée.').waitFor();
    await member.locator('.cat-status-now', { hasText: 'Brouillon' }).waitFor();
    assert.equal(await member.locator('#offer-seatAllocation-review').isChecked(), true, 'read back');
    assert.equal(await member.locator('#offer-cancellationCutoffHours').inputValue(), '48');
    await member.getByRole('button', { name: 'Soumettre', exact: true }).click();
    await member.getByText('Offre soumise à la modération du département.').waitFor();
    await member.locator('.cat-status-now', { hasText: 'En attente de modération' }).waitFor();
    await b.shot(member, 'bo-09-offre-soumise');
    await member.context().close();
  });

  it('the agent finds it in the moderation queue (accessible page) and asks for changes', async () => {
    const structure = await validatedStructure(b, 'Camille Moreau');
    const offer = await offerThrough(b, structure, `Remise en selle ${unique()}`, ['submit']);
    const agent = await b.page();
    await signInAs(b, agent, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/moderation`);
    const link = agent.getByRole('link', { name: offer.title });
    await link.waitFor();
    const problems = await seriousA11yViolations(agent);
    await b.shot(agent, 'bo-10-file-de-moderation');
    assert.deepEqual(problems, [], 'moderation queue');
    await link.click();
    await agent.waitForURL(b.base + offer.path);
    await agent.locator('#review-comment').fill(REVIEW_COMMENT);
    await agent.getByRole('button', { name: 'Demander des modifications' }).click();
    await agent.getByText('Décision enregistrée').waitFor();
    await agent.locator('.cat-status-now', { hasText: 'Brouillon' }).waitFor();
    await b.shot(agent, 'bo-11-modifications-demandees');
    await agent.context().close();
  });

  it('the member reads the comment, fixes the offer and submits it again', async () => {
    const structure = await validatedStructure(b, 'Camille Petit');
    const offer = await offerThrough(b, structure, `Remise en selle ${unique()}`, [
      'submit',
      { requestChanges: REVIEW_COMMENT },
    ]);
    const member = await b.page();
    await signInAs(b, member, structure.admin.email, TEST_PASSWORD, offer.path);
    await member.locator('.cat-review-comment', { hasText: REVIEW_COMMENT }).waitFor();
    await b.shot(member, 'bo-12-commentaire-agent');
    await member
      .locator('#offer-description')
      .fill('Pour tout adulte sans vélo ; vélo, casque et antivol prêtés pendant la session.');
    await member.getByRole('button', { name: 'Soumettre', exact: true }).click();
    await member.getByText('Offre soumise à la modération du département.').waitFor();
    await member.locator('.cat-status-now', { hasText: 'En attente de modération' }).waitFor();
    await member.context().close();
  });

  it('the agent publishes it; the history tells the whole story', async () => {
    const structure = await validatedStructure(b, 'Camille Roux');
    const offer = await offerThrough(b, structure, `Remise en selle ${unique()}`, [
      'submit',
      { requestChanges: REVIEW_COMMENT },
      'submit',
    ]);
    const agent = await b.page();
    await signInAs(b, agent, AGENT, DEMO_PASSWORD, offer.path);
    await agent.getByRole('button', { name: 'Publier' }).click();
    await agent.locator('.cat-status-now', { hasText: 'Publiée' }).waitFor();
    const history = agent.locator('.cat-history');
    await history.getByText('Publication').waitFor();
    for (const step of ['Création', 'Soumission à la modération', 'Modifications demandées'])
      assert.ok((await history.getByText(step).count()) > 0, step);
    await history.getByText(REVIEW_COMMENT).waitFor();
    await b.shot(agent, 'bo-13-offre-publiee');
    await agent.context().close();
  });

  it('on a phone (390×844), the member signs in with the keyboard and reads the offer page in one column', async () => {
    const structure = await validatedStructure(b, 'Camille Girard');
    const offer = await offerThrough(b, structure, `Remise en selle ${unique()}`, ['submit', 'publish']);
    const phone = await b.page({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await phone.goto(`${b.base}/connexion?retour=${encodeURIComponent(offer.path)}`);
    await phone.locator('#login-email').focus();
    await phone.keyboard.type(structure.admin.email);
    await phone.keyboard.press('Tab');
    await phone.keyboard.type(TEST_PASSWORD);
    await phone.keyboard.press('Enter');
    await phone.waitForURL(`${b.base}${offer.path}`);
    await phone.locator('.cat-status-now', { hasText: 'Publiée' }).waitFor();
    // Nothing wider than the screen.
    assert.ok(
      await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      'no horizontal scroll',
    );
    await phone.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await b.shot(phone, 'bo-15-telephone-offre');
    await phone.context().close();
  });

  it('the public search finds the published offer by its title', async () => {
    const structure = await validatedStructure(b, 'Camille Fournier');
    const offer = await offerThrough(b, structure, `Remise en selle ${unique()}`, ['submit', 'publish']);
    const page = await b.page();
    await page.goto(`${b.base}/${SLUG}?q=${encodeURIComponent(offer.title)}`);
    await settled(page);
    assert.ok((await announcedCount(page)) >= 1);
    await page.locator('.cat-results .fr-card__title', { hasText: offer.title }).waitFor();
    await b.shot(page, 'bo-14-recherche-publique');
    await page.context().close();
  });
});
