// Registrations as people live them, in headless Chromium against the real API and the demo data: a
// beneficiary on a phone registers to a session from the offer page, finds it in « Mes inscriptions »
// and cancels it; one joins a full session's wait list; a referent registers a person from the
// search results, with their consent, and follows the state in « Mes prescriptions »; a visitor of
// a prescription-only offer is told whom to ask. axe on every page of these journeys.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { OfferSearchResult, RegistrationCreated, RegistrationPage } from '@catalogue/contracts';
import {
  DEMO_PASSWORD,
  TEST_PASSWORD,
  apiJson,
  apiSignIn,
  makeAccount,
  seriousA11yViolations,
  settled,
  signInAs,
  skipBrowser,
  startBrowserApp,
  validatedStructure,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const REFERENT = `referent.${SLUG}@demo.local`;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

interface SessionInput {
  startsAt: string;
  endsAt?: string;
  capacity: number;
}

describe('registrations: beneficiaries and referents (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  const unique = () => `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  const problems: string[] = [];

  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  /** axe on the page as it is now; the violations are gathered and checked at the end of each test. */
  async function axe(page: Page, what: string): Promise<void> {
    await page.waitForFunction(() => !document.querySelector('.cat-loading'));
    problems.push(...(await seriousA11yViolations(page)).map((v) => `${what}: ${v}`));
  }
  function noA11yProblems(): void {
    const found = problems.splice(0);
    assert.deepEqual(found, [], 'no serious or critical accessibility violation');
  }
  async function noSidewaysScroll(page: Page, what: string): Promise<void> {
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      `${what}: no horizontal scrolling`,
    );
  }

  /** A published offer of a new validated structure of the Drôme, with its sessions (through the API). */
  async function publishedOffer(
    title: string,
    options: { access?: string; seatAllocation?: 'automatic' | 'review'; sessions: SessionInput[] },
  ): Promise<{ id: string; title: string; sessionIds: string[]; admin: { email: string } }> {
    const structure = await validatedStructure(b, 'Dominique Faure');
    const member = await apiSignIn(b, structure.admin.email, TEST_PASSWORD);
    const agent = await apiSignIn(b, `agent.${SLUG}@demo.local`, DEMO_PASSWORD);
    const taxonomy = await apiJson<{ themes: { code: string }[] }>(b.base, '/taxonomy');
    const [commune] = await apiJson<{ insee: string; lat: number; lng: number }[]>(
      b.base,
      `/tenants/${SLUG}/communes?q=valence`,
    );
    const created = await member.call<{ id: string }>('POST', `/tenants/${SLUG}/offers`, {
      organization: { id: structure.id },
      title,
      summary: 'Préparer un entretien d’embauche en petit groupe.',
      themes: [taxonomy.themes[0]!.code],
      access: options.access ?? 'self_registration',
      ...(options.seatAllocation ? { seatAllocation: options.seatAllocation } : {}),
      contact: { name: 'Accueil', email: `accueil.${unique()}@exemple.fr`, phone: '04 75 00 00 00' },
      places: [{ address: '3 place de la Pierre', communeInsee: commune!.insee, lat: commune!.lat, lng: commune!.lng }],
      diffusionZone: { type: 'departement', areas: [] },
      sessions: options.sessions,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    assert.equal((await member.call('POST', `/tenants/${SLUG}/offers/${id}/submit`)).status, 200);
    const published = await agent.call('POST', `/tenants/${SLUG}/offers/${id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const detail = await apiJson<{ sessions: { id: string; startsAt: string }[] }>(
      b.base,
      `/tenants/${SLUG}/offers/${id}`,
    );
    const sessionIds = [...detail.sessions].sort((x, y) => x.startsAt.localeCompare(y.startsAt)).map((s) => s.id);
    return { id, title, sessionIds, admin: structure.admin };
  }

  it('on a phone, a beneficiary registers to a session, finds it in « Mes inscriptions » and cancels it', async () => {
    const offer = await publishedOffer(`Atelier CV ${unique()}`, {
      sessions: [
        { startsAt: '2027-03-02T08:00:00.000Z', endsAt: '2027-03-02T11:30:00.000Z', capacity: 8 },
        { startsAt: '2027-04-06T12:00:00.000Z', endsAt: '2027-04-06T15:00:00.000Z', capacity: 8 },
      ],
    });
    const person = await makeAccount(b, 'Inès Moreau');
    const phone = await b.page(PHONE);

    // A visitor reads what will happen, the next session with its times and the contact near the top.
    await phone.goto(`${b.base}/${SLUG}/offres/${offer.id}`);
    await phone.getByRole('heading', { level: 1, name: offer.title }).waitFor();
    const block = phone.locator('.cat-reg-block');
    await block.getByText('mardi 2 mars 2027, 9 h 00 – 12 h 30', { exact: true }).waitFor();
    await block.getByText('04 75 00 00 00').waitFor();
    const blockTop = (await block.boundingBox())!.y;
    const presentation = (await phone.getByRole('heading', { name: 'Présentation' }).boundingBox())!.y;
    assert.ok(blockTop < presentation, 'the registration block comes before the presentation');
    await noSidewaysScroll(phone, 'offer page');
    await b.shot(phone, 'reg-01-offre-telephone-visiteur');
    await axe(phone, 'offer page (visitor, phone)');
    // « S'inscrire » leads a visitor to create a personal account, then back here.
    await block
      .getByRole('link', { name: /^S’inscrire/ })
      .first()
      .click();
    await phone.waitForURL(/\/drome\/creer-un-compte\?retour=/);
    const back = new URL(phone.url()).searchParams.get('retour')!;
    assert.equal(back, `/${SLUG}/offres/${offer.id}/s-inscrire?session=${offer.sessionIds[0]}`);

    // Signed in (account made beforehand), the person confirms the first session.
    await signInAs(b, phone, person.email, TEST_PASSWORD, back);
    await phone.getByRole('heading', { level: 1, name: 'S’inscrire' }).waitFor();
    await phone.getByText('Votre place est réservée dès que vous confirmez').waitFor();
    await axe(phone, 'self-registration page');
    await noSidewaysScroll(phone, 'self-registration page');
    await b.shot(phone, 'reg-02-s-inscrire-telephone');
    await phone.getByRole('button', { name: 'Confirmer mon inscription' }).click();
    await phone.getByRole('heading', { name: 'Inscription confirmée' }).waitFor();
    await b.shot(phone, 'reg-03-inscription-confirmee');

    // « Mes inscriptions »: the state, the session with its times.
    await phone.getByRole('link', { name: 'Mes inscriptions' }).click();
    await phone.waitForURL(`${b.base}/${SLUG}/espace/mes-inscriptions`);
    const card = phone.locator('.cat-reg-card', { hasText: offer.title });
    await card.getByText('Inscription confirmée').waitFor();
    await card.getByText('mardi 2 mars 2027, 9 h 00 – 12 h 30').waitFor();
    await axe(phone, 'my registrations');
    await noSidewaysScroll(phone, 'my registrations');
    await b.shot(phone, 'reg-04-mes-inscriptions');

    // Cancelling asks first, then the seat is freed.
    await card.getByRole('button', { name: /Annuler mon inscription/ }).click();
    await card.getByText('La place sera libérée').waitFor();
    await b.shot(phone, 'reg-05-annulation-confirmer');
    await card.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await phone.getByText(`Inscription à « ${offer.title} » annulée.`).waitFor();
    await phone
      .locator('#mine-past ~ ul .cat-reg-card', { hasText: offer.title })
      .getByText('Annulée', { exact: true })
      .waitFor();
    const seats = await apiJson<{ sessions: { id: string; placesLeft: number }[] }>(
      b.base,
      `/tenants/${SLUG}/offers/${offer.id}`,
    );
    assert.equal(seats.sessions.find((s) => s.id === offer.sessionIds[0])!.placesLeft, 8, 'the seat is free again');

    // The detail tells the story.
    await phone
      .locator('.cat-reg-card', { hasText: offer.title })
      .getByRole('link', { name: offer.title, exact: true })
      .click();
    await phone.getByRole('heading', { level: 1, name: 'Mon inscription' }).waitFor();
    const history = phone.locator('#reg-history + ol');
    await history.getByText('Inscription confirmée', { exact: true }).waitFor();
    await history.getByText('Annulée', { exact: true }).waitFor();
    await axe(phone, 'registration page (person)');
    await noSidewaysScroll(phone, 'registration page');
    await b.shot(phone, 'reg-06-mon-inscription');
    await phone.context().close();
    noA11yProblems();
  });

  it('a full session offers its wait list, saying how many are before you, and gives the position', async () => {
    const offer = await publishedOffer(`Permis solidaire ${unique()}`, {
      sessions: [{ startsAt: '2027-05-04T07:30:00.000Z', capacity: 1 }],
    });
    // Someone takes the only seat, someone else waits.
    for (const name of ['Lou Garnier', 'Noa Perrin']) {
      const other = await makeAccount(b, name);
      const client = await apiSignIn(b, other.email, TEST_PASSWORD);
      const r = await client.call<RegistrationCreated>('POST', `/tenants/${SLUG}/offers/${offer.id}/registrations`, {
        sessionId: offer.sessionIds[0],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const person = await makeAccount(b, 'Sami Roux');
    const page = await b.page(PHONE);
    await signInAs(b, page, person.email, TEST_PASSWORD, `/${SLUG}/offres/${offer.id}`);
    const join = page.getByRole('link', { name: /Complet — rejoindre la liste d’attente \(1 personne avant vous\)/ });
    await join.waitFor();
    await b.shot(page, 'reg-07-offre-complete');
    await join.click();
    await page.getByText('Cette session est complète : vous serez inscrit sur la liste d’attente').waitFor();
    await page.getByRole('button', { name: 'Rejoindre la liste d’attente' }).click();
    await page.getByRole('heading', { name: 'Vous êtes sur liste d’attente, position 2' }).waitFor();
    await page.getByRole('link', { name: 'Mes inscriptions' }).click();
    await page.locator('.cat-reg-card', { hasText: offer.title }).getByText('Liste d’attente — position 2').waitFor();
    await page.getByText('1 personne avant vous sur la liste d’attente').waitFor();
    await b.shot(page, 'reg-08-liste-attente');
    await page.context().close();
  });

  it('cancelling past the offer’s cut-off says beforehand that it is recorded as an excused absence', async () => {
    // A session in five hours: inside the default 24-hour cut-off.
    const soon = new Date(Date.now() + 5 * 3600_000);
    soon.setUTCMinutes(0, 0, 0);
    const offer = await publishedOffer(`Atelier budget ${unique()}`, {
      sessions: [{ startsAt: soon.toISOString(), capacity: 6 }],
    });
    const person = await makeAccount(b, 'Maël Chevalier');
    const client = await apiSignIn(b, person.email, TEST_PASSWORD);
    const r = await client.call<RegistrationCreated>('POST', `/tenants/${SLUG}/offers/${offer.id}/registrations`, {
      sessionId: offer.sessionIds[0],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const page = await b.page(PHONE);
    await signInAs(b, page, person.email, TEST_PASSWORD, `/${SLUG}/espace/mes-inscriptions`);
    const card = page.locator('.cat-reg-card', { hasText: offer.title });
    await card.getByRole('button', { name: /Annuler mon inscription/ }).click();
    await card.getByText(/La session commence dans moins de 24\sh : l’annulation sera enregistrée comme une/).waitFor();
    await axe(page, 'my registrations (late cancellation)');
    await b.shot(page, 'reg-16-annulation-tardive');
    await card.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page.getByText(`Inscription à « ${offer.title} » annulée : enregistrée comme une absence excusée.`).waitFor();
    await page
      .locator('#mine-past ~ ul .cat-reg-card', { hasText: offer.title })
      .getByText('Absence excusée', { exact: true })
      .waitFor();
    await page.context().close();
    noA11yProblems();
  });

  it('a referent registers a person from the search results, with consent, and follows the state', async () => {
    const offer = await publishedOffer(`Remobilisation ${unique()}`, {
      access: 'prescription',
      seatAllocation: 'review',
      sessions: [
        { startsAt: '2027-06-01T07:00:00.000Z', endsAt: '2027-06-01T15:00:00.000Z', capacity: 10 },
        { startsAt: '2027-09-07T07:00:00.000Z', endsAt: '2027-09-07T15:00:00.000Z', capacity: 10 },
      ],
    });
    const lastName = `Lefèvre${unique().replace(/[0-9]/g, '')}`;
    const page = await b.page();
    await signInAs(b, page, REFERENT, DEMO_PASSWORD, `/${SLUG}?q=${encodeURIComponent(offer.title)}`);
    await settled(page);
    const result = page.locator('.cat-result', { hasText: offer.title });
    await b.shot(page, 'reg-09-recherche-referent');
    await result.getByRole('link', { name: /Inscrire une personne/ }).click();
    await page.waitForURL(`${b.base}/${SLUG}/offres/${offer.id}/inscrire-une-personne`);
    await page.getByRole('heading', { level: 1, name: 'Inscrire une personne' }).waitFor();
    await page.getByText('N’écrivez aucune donnée sensible').waitFor();
    await axe(page, 'prescribe page (empty)');

    // Sent empty: every missing field is named, the consent among them.
    await page.getByRole('button', { name: 'Inscrire la personne' }).click();
    const summary = page.locator('.fr-alert--error');
    await summary.getByText('Choisissez une session.').waitFor();
    await summary.getByText(/sans son accord, l’inscription est impossible/).waitFor();
    await summary.getByText(/adresse électronique ou un numéro de mobile/).waitFor();
    await axe(page, 'prescribe page (errors)');
    await b.shot(page, 'reg-10-prescription-erreurs');

    // DSFR radios are drawn by their label, which takes the click.
    await page.locator('label', { hasText: 'mardi 1 juin 2027' }).click();
    await page.locator('#p-firstName').fill('Camille');
    await page.locator('#p-lastName').fill(lastName);
    await page.locator('#p-phone').fill('06 12 34 56 78');
    await page.getByRole('combobox', { name: /Commune de résidence/ }).fill('valen');
    await page.getByRole('option', { name: /^Valence/ }).click();
    await page.locator('#p-situation').selectOption('rsa');
    await page.locator('#p-ageBand').selectOption('26-44');
    await page.locator('label[for="p-consent"]', { hasText: 'La personne est d’accord et a été informée' }).click();
    await page.locator('label[for="p-consentHow-oral"]', { hasText: 'À l’oral' }).click();
    await page.locator('#p-message').fill('Disponible le matin.');
    await b.shot(page, 'reg-11-prescription-remplie');
    await page.getByRole('button', { name: 'Inscrire la personne' }).click();
    await page.getByRole('heading', { name: `Demande envoyée à la structure — Camille ${lastName}` }).waitFor();
    await axe(page, 'prescribe page (result)');
    await b.shot(page, 'reg-12-prescription-envoyee');

    // « Mes prescriptions », found by the person's name: waiting for the structure.
    await page.getByRole('link', { name: 'Mes prescriptions' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/prescriptions`);
    await page.locator('#f-person').fill(lastName);
    await page.waitForURL(new RegExp(`personne=${encodeURIComponent(lastName)}`));
    const row = page.locator('tbody tr', { hasText: lastName });
    await row.getByText('En attente de la structure').waitFor();
    // The list follows the filter (the demo referent has other prescriptions): one line left.
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1, undefined, {
      timeout: 10_000,
    });
    assert.equal(await page.locator('tbody tr').count(), 1);
    await axe(page, 'prescriptions');
    await b.shot(page, 'reg-13-mes-prescriptions');

    // The structure accepts; the referent sees it in the list and the history.
    const structure = await apiSignIn(b, offer.admin.email, TEST_PASSWORD);
    const inbox = await structure.call<RegistrationPage>(
      'GET',
      `/tenants/${SLUG}/registrations?view=inbox&q=${encodeURIComponent(lastName)}`,
    );
    assert.equal(inbox.status, 200, JSON.stringify(inbox.body));
    const id = inbox.body.items[0]!.id;
    assert.equal((await structure.call('POST', `/tenants/${SLUG}/registrations/${id}/accept`)).status, 200);
    await page.reload();
    await row.getByText('Inscription confirmée').waitFor();
    await row.getByRole('link', { name: `Camille ${lastName}` }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/inscriptions/${id}`);
    await page.getByRole('heading', { level: 1, name: `Inscription de Camille ${lastName}` }).waitFor();
    await page.getByText(/Accord recueilli à l’oral par Référente/).waitFor();
    const history = page.locator('#reg-history + ol');
    await history.getByText('Demande d’inscription', { exact: true }).waitFor();
    await history.getByText('Inscription confirmée', { exact: true }).waitFor();
    await page.getByText('Disponible le matin.').waitFor();
    await axe(page, 'registration page (referent)');
    await b.shot(page, 'reg-14-inscription-referent');
    await page.context().close();
    noA11yProblems();
  });

  it('a prescription-only offer tells a visitor to ask a referent, and says whom', async () => {
    const { items } = await apiJson<OfferSearchResult>(
      b.base,
      `/tenants/${SLUG}/offers?access=prescription&pageSize=1`,
    );
    assert.ok(items[0], 'a prescription-only demo offer');
    const page = await b.page(PHONE);
    await page.goto(`${b.base}/${SLUG}/offres/${items[0].id}`);
    const block = page.locator('.cat-reg-block');
    await block.getByRole('heading', { name: 'Demander une orientation à un référent' }).waitFor();
    await block.getByText(/conseiller France Travail/).waitFor();
    assert.equal(await block.getByRole('link', { name: /S’inscrire/ }).count(), 0);
    await axe(page, 'offer page (prescription only)');
    await b.shot(page, 'reg-15-orientation');
    await page.context().close();
    noA11yProblems();
  });
});
