// A structure's registrations in headless Chromium, against the real API: the inbox (accept, refuse
// with a reason, wait-list, a wait-listed person promoted when the capacity rises or a seat is
// cancelled), the member's email choices, the attendance sheet of a session (present / absent /
// excused, the outcome, its printed A4 form), and the agents' aggregate counts on the dashboard.
// Each test makes its own structure, offer and people: nothing depends on the demo's registrations.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RegistrationCreated, RegistrationItem, RegistrationPage } from '@catalogue/contracts';
import type { Page } from 'playwright-core';
import { setTransactionTenant } from '@catalogue/api/common/tenancy/transaction-tenant.js';
import {
  DEMO_PASSWORD,
  SCREENSHOTS,
  TEST_PASSWORD,
  apiJson,
  apiSignIn,
  seriousA11yViolations,
  signInAs,
  skipBrowser,
  startBrowserApp,
  validatedStructure,
  type ApiClient,
  type BrowserApp,
} from './harness.js';

const SLUG = 'drome';
const AGENT = 'agent.drome@demo.local';
const REFERENT = 'referent.drome@demo.local';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

type Structure = Awaited<ReturnType<typeof validatedStructure>>;

describe('registrations: a structure’s inbox and attendance sheet (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  let structure: Structure;
  let member: ApiClient;
  let referent: ApiClient;
  let valence: { insee: string; lat: number; lng: number };

  before(async () => {
    b = await startBrowserApp();
    structure = await validatedStructure(b, 'Sacha Inscriptions');
    member = await apiSignIn(b, structure.admin.email, TEST_PASSWORD);
    referent = await apiSignIn(b, REFERENT, DEMO_PASSWORD);
    [valence] = await apiJson<{ insee: string; lat: number; lng: number }[]>(
      b.base,
      `/tenants/${SLUG}/communes?q=valence`,
    );
  });
  after(async () => b?.close());

  /** A published offer of the structure, seats given after review, with one session of `capacity` seats. */
  async function reviewedOffer(title: string, capacity: number): Promise<{ id: string; sessionId: string }> {
    const agent = await apiSignIn(b, AGENT, DEMO_PASSWORD);
    const taxonomy = await apiJson<{ themes: { code: string }[] }>(b.base, '/taxonomy');
    const created = await member.call<{ id: string; sessions: { id: string }[] }>('POST', `/tenants/${SLUG}/offers`, {
      organization: { id: structure.id },
      title,
      summary: 'Remettre un vélo en état et apprendre à circuler en ville.',
      themes: [taxonomy.themes[0]!.code],
      access: 'open',
      seatAllocation: 'review',
      places: [
        {
          label: 'Atelier',
          address: '3 place de la Pierre',
          communeInsee: valence.insee,
          lat: valence.lat,
          lng: valence.lng,
        },
      ],
      diffusionZone: { type: 'communes', areas: [{ code: valence.insee }] },
      sessions: [{ startsAt: '2027-06-07T07:00:00.000Z', endsAt: '2027-06-07T10:30:00.000Z', capacity }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    assert.equal((await member.call('POST', `/tenants/${SLUG}/offers/${id}/submit`)).status, 200);
    const published = await agent.call('POST', `/tenants/${SLUG}/offers/${id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    return { id, sessionId: created.body.sessions[0]!.id };
  }

  /** The demo referent registers a person (with consent) to the session. */
  async function prescribe(
    offer: { id: string; sessionId: string },
    firstName: string,
    lastName: string,
    message?: string,
  ): Promise<string> {
    const res = await referent.call<RegistrationCreated>('POST', `/tenants/${SLUG}/offers/${offer.id}/registrations`, {
      sessionId: offer.sessionId,
      person: {
        firstName,
        lastName,
        email: `${`${firstName}.${lastName}`
          .normalize('NFD')
          .replace(/[^A-Za-z.]/g, '')
          .toLowerCase()}.${Date.now().toString(36)}@exemple.fr`,
        // Each person their own mobile: the API recognises a person by email or phone.
        phone: `06${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        communeInsee: valence.insee,
        situation: 'rsa',
        ageBand: '26-44',
        sex: 'unspecified',
      },
      consent: { obtained: true, how: 'oral' },
      ...(message ? { message } : {}),
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  }

  /** The session's registrations as the structure reads them in the API. */
  async function statuses(
    sessionId: string,
  ): Promise<Record<string, Pick<RegistrationItem, 'status' | 'waitlistPosition'>>> {
    const res = await member.call<RegistrationPage>(
      'GET',
      `/tenants/${SLUG}/registrations?view=inbox&sessionId=${sessionId}`,
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return Object.fromEntries(
      res.body.items.map((i) => [i.person.firstName, { status: i.status, waitlistPosition: i.waitlistPosition }]),
    );
  }

  const line = (page: Page, name: string) =>
    page.locator('li.cat-reg', { has: page.locator('.cat-reg__name', { hasText: name }) });

  const overflow = (page: Page) =>
    page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

  it('the structure accepts, refuses with a reason, wait-lists, and a waiting person gets the seat the capacity or a cancellation frees', async () => {
    const offer = await reviewedOffer(`Atelier vélo ${Date.now().toString(36)}`, 1);
    await prescribe(offer, 'Alice', 'Arnaud', 'Disponible le matin seulement.');
    await prescribe(offer, 'Bruno', 'Blanc');
    await prescribe(offer, 'Chloé', 'Clément');
    await prescribe(offer, 'David', 'Durand');

    const page = await b.page({ viewport: DESKTOP });
    // From the structure's page, as a member finds it.
    await signInAs(b, page, structure.admin.email, TEST_PASSWORD, `/${SLUG}/espace/structures/${structure.id}`);
    await page.getByRole('link', { name: 'Voir les inscriptions' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/structures/${structure.id}/inscriptions`);
    await page.getByRole('heading', { level: 1, name: 'Inscriptions' }).waitFor();
    const pending = page.locator('section[aria-labelledby="inbox-pending"]');
    await pending.getByRole('heading', { name: 'À traiter (4)' }).waitFor();
    const alice = line(page, 'Alice Arnaud');
    await alice.getByText('prescrit par').waitFor();
    await alice.getByText('Disponible le matin seulement.').waitFor();
    await page.getByText('0 / 1 place', { exact: true }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], 'inbox');
    await b.shot(page, 'inscriptions-01-boite-de-reception');

    // Accept: Alice takes the only seat; Bruno, accepted next, goes to the wait list and the page says so.
    await alice.getByRole('button', { name: 'Accepter l’inscription de Alice Arnaud' }).click();
    await page.getByText('Inscription de Alice Arnaud acceptée', { exact: false }).waitFor();
    await page.getByText('1 / 1 place', { exact: true }).waitFor();
    await line(page, 'Bruno Blanc')
      .getByRole('button', { name: /^Accepter/ })
      .click();
    await page.getByText(/Plus de place libre : Bruno Blanc est en liste d’attente \(n° 1\)/).waitFor();

    // Refuse: the reason is required, « Autre » needs a message.
    const chloe = line(page, 'Chloé Clément');
    await chloe.getByRole('button', { name: /^Refuser/ }).click();
    await chloe.getByRole('button', { name: 'Confirmer le refus' }).click();
    await chloe.getByText('Choisissez le motif du refus.').waitFor();
    await chloe.getByLabel(/Motif du refus/).selectOption('other');
    await chloe.getByRole('button', { name: 'Confirmer le refus' }).click();
    await chloe.getByText(/Précisez le motif/).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], 'inbox with a refusal form and its errors');
    await chloe.getByLabel(/Motif du refus/).selectOption('prerequisites_not_met');
    await chloe.getByRole('button', { name: 'Confirmer le refus' }).click();
    await page.getByText('Inscription de Chloé Clément refusée', { exact: false }).waitFor();

    // Wait-list: David after Bruno.
    await line(page, 'David Durand')
      .getByRole('button', { name: /^Mettre en liste d’attente/ })
      .click();
    await page.getByText(/David Durand est en liste d’attente \(n° 2\)/).waitFor();
    assert.deepEqual(await statuses(offer.sessionId), {
      Alice: { status: 'accepted', waitlistPosition: null },
      Bruno: { status: 'waitlisted', waitlistPosition: 1 },
      Chloé: { status: 'refused', waitlistPosition: null },
      David: { status: 'waitlisted', waitlistPosition: 2 },
    });

    // Nothing left to decide: the session shows its seats and wait list.
    await pending.waitFor({ state: 'detached' });
    await page.getByText('1 / 1 place, 2 en liste d’attente', { exact: true }).waitFor();
    await b.shot(page, 'inscriptions-02-session-avec-liste-d-attente');

    // Raise the capacity: the first waiting (Bruno) is promoted, and the page says how many.
    await page.getByRole('button', { name: /^Modifier la capacité/ }).click();
    await page.getByLabel('Nombre de places').fill('0');
    await page.getByRole('button', { name: 'Enregistrer la capacité' }).click();
    await page.getByText('Une session a au moins une place.').waitFor();
    await page.getByLabel('Nombre de places').fill('2');
    await page.getByRole('button', { name: 'Enregistrer la capacité' }).click();
    await page.getByText(/Capacité portée à 2 places : une personne de la liste d’attente a reçu une place/).waitFor();
    await page.getByText('2 / 2 places, 1 en liste d’attente', { exact: true }).waitFor();
    assert.equal((await statuses(offer.sessionId)).Bruno!.status, 'accepted');

    // A cancellation by the structure frees Alice's seat: David, now first, gets it.
    const aliceAgain = line(page, 'Alice Arnaud');
    await aliceAgain.getByRole('button', { name: /^Annuler/ }).click();
    await aliceAgain.getByLabel(/Motif de l’annulation/).fill('La personne a trouvé un emploi et ne viendra pas.');
    await aliceAgain.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page.getByText('Inscription de Alice Arnaud annulée', { exact: false }).waitFor();
    assert.deepEqual(await statuses(offer.sessionId), {
      Alice: { status: 'cancelled', waitlistPosition: null },
      Bruno: { status: 'accepted', waitlistPosition: null },
      Chloé: { status: 'refused', waitlistPosition: null },
      David: { status: 'accepted', waitlistPosition: null },
    });

    // Filters: the refused ones only.
    await page.locator('#inbox-status').selectOption('refused');
    await page.getByText('1 inscription', { exact: true }).waitFor();
    await line(page, 'Chloé Clément').getByText('Motif : Ne correspond pas aux prérequis').waitFor();
    await page.context().close();
  });

  it('a member chooses which registration emails they receive, for this structure', async () => {
    const page = await b.page({ viewport: DESKTOP });
    await signInAs(
      b,
      page,
      structure.admin.email,
      TEST_PASSWORD,
      `/${SLUG}/espace/structures/${structure.id}/inscriptions`,
    );
    const box = page.locator('section[aria-labelledby="inbox-emails"]');
    const cancellations = box.getByRole('checkbox', { name: 'une inscription est annulée' });
    await cancellations.waitFor();
    assert.equal(await cancellations.isChecked(), true, 'every email by default');
    await cancellations.uncheck({ force: true });
    await box.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await box.getByText('Vos choix sont enregistrés.').waitFor();
    await page.reload();
    await box.getByRole('checkbox', { name: 'une nouvelle inscription arrive' }).waitFor();
    assert.equal(await box.getByRole('checkbox', { name: 'une inscription est annulée' }).isChecked(), false);
    assert.equal(await box.getByRole('checkbox', { name: 'une nouvelle inscription arrive' }).isChecked(), true);
    const settings = await member.call<Record<string, boolean>>(
      'GET',
      `/tenants/${SLUG}/organizations/${structure.id}/registration-notifications`,
    );
    assert.deepEqual(settings.body, { new_registration: true, cancellation: false, pending_reminder: true });
    await page.context().close();
  });

  it('on a phone the inbox holds every control without sideways scrolling', async () => {
    const offer = await reviewedOffer(`Atelier couture ${Date.now().toString(36)}`, 3);
    await prescribe(offer, 'Marie-Hélène', 'de La Tour-Dubreuil-Montagnac', 'Préfère être appelée après 17 h.');
    const page = await b.page({ viewport: PHONE });
    await signInAs(
      b,
      page,
      structure.admin.email,
      TEST_PASSWORD,
      `/${SLUG}/espace/structures/${structure.id}/inscriptions`,
    );
    const person = line(page, 'Marie-Hélène de La Tour-Dubreuil-Montagnac');
    await person.getByRole('button', { name: /^Accepter/ }).waitFor();
    const { scrollWidth, innerWidth } = await overflow(page);
    assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide for a ${innerWidth} px window`);
    await person.scrollIntoViewIfNeeded();
    await b.shot(page, 'inscriptions-03-telephone');
    await person.getByRole('button', { name: /^Refuser/ }).click();
    await person.getByLabel(/Motif du refus/).waitFor();
    await person.scrollIntoViewIfNeeded();
    await b.shot(page, 'inscriptions-04-telephone-refus');
    assert.deepEqual(await seriousA11yViolations(page), [], 'inbox on a phone');
    await page.context().close();
  });

  it('the attendance sheet: present / absent / excused once the session started, the outcome, and a clean printed A4 sheet', async () => {
    const offer = await reviewedOffer(`Atelier cuisine ${Date.now().toString(36)}`, 5);
    const ids = {
      eva: await prescribe(offer, 'Eva', 'Estève'),
      farid: await prescribe(offer, 'Farid', 'Fontaine'),
      gaelle: await prescribe(offer, 'Gaëlle', 'Girard'),
    };
    for (const id of Object.values(ids)) {
      const res = await member.call('POST', `/tenants/${SLUG}/registrations/${id}/accept`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const sheetPath = `/${SLUG}/espace/offres/${offer.id}/sessions/${offer.sessionId}/presences`;

    // Before the session: printable, but attendance waits for the start.
    const page = await b.page({ viewport: DESKTOP });
    await signInAs(
      b,
      page,
      structure.admin.email,
      TEST_PASSWORD,
      `/${SLUG}/espace/structures/${structure.id}/inscriptions`,
    );
    await page
      .getByRole('link', { name: /^Feuille de présence/ })
      .first()
      .waitFor();
    await page.goto(`${b.base}${sheetPath}`);
    await page.getByRole('heading', { level: 1, name: 'Feuille de présence' }).waitFor();
    await page.getByText('La présence se note une fois la session commencée', { exact: false }).waitFor();
    assert.equal(await page.getByRole('radio').count(), 0, 'no attendance before the session');

    // The session started an hour ago (moved in the database: nobody can register to a started session).
    await b.app.dataSource.transaction(async (m) => {
      const [{ id: tenantId }]: { id: string }[] = await m.query(`SELECT id FROM tenant WHERE slug = $1`, [SLUG]);
      await setTransactionTenant(m, tenantId);
      await m.query(
        `UPDATE offer_session SET starts_at = now() - interval '1 hour', ends_at = now() + interval '2 hours' WHERE id = $1`,
        [offer.sessionId],
      );
    });
    await page.reload();
    const row = (name: string) => page.locator('tbody tr', { hasText: name });
    await row('Eva Estève').getByRole('radio', { name: 'Présent' }).waitFor();
    assert.deepEqual(
      await page.locator('tbody tr strong').allTextContents(),
      ['Eva Estève', 'Farid Fontaine', 'Gaëlle Girard'],
      'by last name',
    );
    assert.deepEqual(await seriousA11yViolations(page), [], 'attendance sheet');
    // One mark at a time, as a person does: each is saved (and the sheet redrawn) before the next.
    await row('Eva Estève').getByRole('radio', { name: 'Présent' }).check({ force: true });
    await row('Eva Estève').getByText('Présence notée').waitFor();
    await row('Farid Fontaine').getByRole('radio', { name: 'Absent' }).check({ force: true });
    await row('Farid Fontaine').getByText('Absence notée').waitFor();
    await row('Gaëlle Girard').getByRole('radio', { name: 'Excusé' }).check({ force: true });
    await row('Gaëlle Girard').getByText('Absence excusée').waitFor();

    // The outcome, at the end: Eva completed it and found a job.
    const eva = row('Eva Estève');
    await eva.getByRole('button', { name: /^Enregistrer/ }).click();
    await eva.getByText('Choisissez la fin du parcours et sa suite.').waitFor();
    await eva.getByLabel('Fin du parcours de Eva Estève').selectOption('completed');
    await eva.getByLabel('Suite pour Eva Estève').selectOption('employment');
    await eva.getByRole('button', { name: /^Enregistrer/ }).click();
    await eva.getByText('Parcours terminé — Emploi').waitFor();
    await b.shot(page, 'inscriptions-05-feuille-de-presence');

    const byName = async () =>
      Object.fromEntries(
        (
          await member.call<RegistrationPage>(
            'GET',
            `/tenants/${SLUG}/registrations?view=inbox&sessionId=${offer.sessionId}`,
          )
        ).body.items.map((i) => [i.person.firstName, [i.status, i.excused, i.outcome]]),
      );
    assert.deepEqual(await byName(), {
      Eva: ['completed', false, 'employment'],
      Farid: ['absent', false, null],
      Gaëlle: ['absent', true, null],
    });

    // Printed: no navigation nor controls, a signature column, boxes ticked as recorded.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.fr-header')!).display,
      footer: getComputedStyle(document.querySelector('.fr-footer')!).display,
      breadcrumb: getComputedStyle(document.querySelector('.fr-breadcrumb')!).display,
      buttons: [...document.querySelectorAll('button')].filter((el) => el.getClientRects().length > 0).length,
      headings: [...document.querySelectorAll('thead th')]
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => el.textContent),
    }));
    assert.deepEqual(printed, {
      header: 'none',
      footer: 'none',
      breadcrumb: 'none',
      buttons: 0,
      headings: ['N°', 'Nom', 'Présence', 'Signature'],
    });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(SCREENSHOTS, 'inscriptions-06-feuille-imprimee.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    assert.ok(pdf.length > 1000, 'a PDF is printed');
    await page.emulateMedia({ media: 'screen' });

    // On a phone: one card per person, nothing sideways.
    const phone = await b.page({ viewport: PHONE });
    await signInAs(b, phone, structure.admin.email, TEST_PASSWORD, sheetPath);
    await phone.locator('tbody tr', { hasText: 'Farid Fontaine' }).getByRole('radio', { name: 'Absent' }).waitFor();
    const { scrollWidth, innerWidth } = await overflow(phone);
    assert.ok(scrollWidth <= innerWidth, `the sheet is ${scrollWidth} px wide for a ${innerWidth} px window`);
    await phone.locator('tbody tr', { hasText: 'Farid Fontaine' }).scrollIntoViewIfNeeded();
    await b.shot(phone, 'inscriptions-07-feuille-telephone');
    await phone.context().close();
    await page.context().close();
  });

  it('a person who is not a member of the structure sees neither its inbox nor its sheets', async () => {
    const page = await b.page({ viewport: DESKTOP });
    await signInAs(b, page, REFERENT, DEMO_PASSWORD, `/${SLUG}/espace/structures/${structure.id}/inscriptions`);
    await page.getByText('Les inscriptions d’une structure sont réservées à ses membres.').waitFor();
    await page.context().close();
  });

  it('the agents’ dashboard counts registrations, without naming anyone', async () => {
    const page = await b.page({ viewport: DESKTOP });
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/tableau-de-bord`);
    const section = page.locator('section[aria-labelledby="dash-registrations"]');
    await section.getByRole('heading', { name: 'Inscriptions' }).waitFor();
    await section.getByText('délai médian de réponse des structures').waitFor();
    await section.locator('table').waitFor();
    assert.equal(await section.getByText('Alice Arnaud').count(), 0, 'no person');
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    assert.deepEqual(await seriousA11yViolations(page), [], 'dashboard');
    await b.shot(page, 'inscriptions-08-tableau-de-bord');
    const phone = await b.page({ viewport: PHONE });
    await signInAs(b, phone, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/tableau-de-bord`);
    await phone.locator('section[aria-labelledby="dash-registrations"] table').waitFor();
    const { scrollWidth, innerWidth } = await overflow(phone);
    assert.ok(scrollWidth <= innerWidth, `the dashboard is ${scrollWidth} px wide for a ${innerWidth} px window`);
    await phone
      .locator('section[aria-labelledby="dash-registrations"] table')
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await b.shot(phone, 'inscriptions-09-tableau-de-bord-telephone');
    await phone.context().close();
    await page.context().close();
  });
});
