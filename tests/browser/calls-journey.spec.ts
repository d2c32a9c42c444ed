// The journey of issue 14 in headless Chromium, against the real API: an agent builds a call for
// projects (form with a budget table and a file, a required document, a grid with an eliminatory
// criterion) and publishes it; a partner applies with a document, saves, submits; a submission after
// the deadline is refused; the agent asks for completion, the partner answers and resubmits; two
// agents score; the committee selects within the envelope; the letter (PDF) is in the mailbox; the
// agreement is sent, signed; its draft offer is completed, submitted, published and found in the
// public search. axe on every new page, phone and desktop screenshots of the main ones.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import type { Agreement, Application, Call } from '@catalogue/contracts';
import { setTransactionTenant } from '@catalogue/api/common/tenancy/transaction-tenant.js';
import {
  DEMO_PASSWORD,
  TEST_PASSWORD,
  apiSignIn,
  makeAccount,
  mailboxFor,
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
const PHONE = { width: 390, height: 844 };

type Structure = Awaited<ReturnType<typeof validatedStructure>>;

/** A small real PDF whose text is `lines`. */
function pdfBuffer(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const l of lines) doc.text(l);
    doc.end();
  });
}

const pdfText = async (pdf: Buffer) => (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;

/** Spaces of any kind (Intl writes narrow no-break spaces) as plain ones. */
const flat = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Today and a later day in Paris (YYYY-MM-DD), and the current Paris time (HH:MM). */
function parisNow(plusDays = 0): { date: string; time: string } {
  const d = new Date(Date.now() + plusDays * 86_400_000);
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (t: string) => f.find((x) => x.type === t)!.value;
  return { date: `${p('year')}-${p('month')}-${p('day')}`, time: `${p('hour')}:${p('minute')}` };
}

describe('calls for projects: from the call to the agreement and the offer (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  let agent: ApiClient;
  let partner: Structure;
  let late: Structure;
  let secondAgent: { email: string; id: string; name: string };
  let callId = '';
  let call: Call;
  let appId = '';
  let agreementId = '';
  const stamp = Date.now().toString(36);
  const title = `Mobilité solidaire ${stamp}`;
  const closes = parisNow(30);

  before(async () => {
    b = await startBrowserApp();
    agent = await apiSignIn(b, AGENT, DEMO_PASSWORD);
    partner = await validatedStructure(b, 'Lou Appel');
    late = await validatedStructure(b, 'Max Retard');
    // A second agent of the Drôme (a new account given the role by the demo admin).
    secondAgent = await makeAccount(b, 'Noa Instructrice');
    const granted = await agent.call('POST', `/tenants/${SLUG}/staff`, { email: secondAgent.email, role: 'agent' });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
  });
  after(async () => b?.close());

  /** Waits for `text`; on failure, says what the page shows as errors. */
  async function shown(page: Page, text: string | RegExp) {
    try {
      await page.getByText(text).first().waitFor();
    } catch (e) {
      await b.shot(page, 'calls-journey-failure');
      const errors = await page.locator('.fr-error-text, .fr-alert, .fr-message--error').allTextContents();
      throw new Error(`${String(text)} not shown on ${page.url()}; errors: ${JSON.stringify(errors)}`, { cause: e });
    }
  }

  async function noSeriousViolations(page: Page, what: string) {
    assert.deepEqual(await seriousA11yViolations(page), [], what);
  }

  /** Phone and desktop screenshots of the page at `path`, seen by `email`. */
  async function shots(email: string, password: string, path: string, name: string, ready: string) {
    for (const [suffix, viewport] of [
      ['phone', PHONE],
      ['desktop', { width: 1366, height: 900 }],
    ] as const) {
      const page = await b.page({ viewport });
      if (email) await signInAs(b, page, email, password, path);
      else await page.goto(b.base + path);
      await page.getByText(ready).first().waitFor();
      await b.shot(page, `calls-journey-${name}-${suffix}`);
      await page.context().close();
    }
  }

  it('1. an agent builds the call in the editor and publishes it; the public pages show it', async () => {
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/appels-a-projets`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await noSeriousViolations(page, 'agents’ list of calls');
    await page.getByRole('link', { name: 'Nouvel appel à projets' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/appels-a-projets/nouveau`);
    await page.locator('#call-title').fill(title);
    await page
      .locator('#call-context')
      .fill('Aider les personnes éloignées de l’emploi à se déplacer.\n\nAteliers vélo, permis, covoiturage.');
    // A fiche of the plan.
    await page.locator('#call-fiches details summary').first().click();
    const fiche = page.locator('#call-fiches input[type="checkbox"]').first();
    await fiche.check({ force: true });
    await page.locator('#call-envelope').fill('50 000');
    const opens = parisNow();
    await page.locator('#call-opensAt-date').fill(opens.date);
    await page.locator('#call-opensAt-time').fill(opens.time);
    await page.locator('#call-closesAt-date').fill(closes.date);
    await page.locator('#call-closesAt-time').fill('23:59');
    // The form: a short text, a long text, a budget table, a file.
    const questions: [string, string, boolean][] = [
      ['short_text', 'Nom du projet', true],
      ['long_text', 'Description du projet', true],
      ['budget_table', 'Budget prévisionnel', true],
      ['file', 'Lettre de soutien', false],
    ];
    for (const [i, [type, label, required]] of questions.entries()) {
      await page.locator('#new-question-type').selectOption(type);
      await page.getByRole('button', { name: 'Ajouter la question' }).click();
      await page.locator(`#call-questions-${i}-label`).fill(label);
      if (required) await page.locator(`#call-questions-${i}-required`).check({ force: true });
    }
    await page.getByRole('button', { name: 'Ajouter une pièce' }).click();
    await page.locator('#call-documents-0-label').fill('Budget signé');
    await page.locator('#call-documents-0-required').check({ force: true });
    // The grid: two criteria, the second eliminatory.
    await page.getByRole('button', { name: 'Ajouter un critère' }).click();
    await page.getByRole('button', { name: 'Ajouter un critère' }).click();
    await page.locator('#call-grid-0-label').fill('Qualité du projet');
    await page.locator('#call-grid-0-weight').fill('2');
    await page.locator('#call-grid-0-scale').fill('5');
    await page.locator('#call-grid-1-label').fill('Ancrage territorial');
    await page.locator('#call-grid-1-weight').fill('1');
    await page.locator('#call-grid-1-scale').fill('5');
    await page.locator('#call-grid-1-eliminatory').check({ force: true });
    await noSeriousViolations(page, 'call editor (new call, filled)');
    await b.shot(page, 'calls-journey-editor-desktop');
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await shown(page, 'L’appel est publié');
    callId = /appels-a-projets\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    call = (await agent.call<Call>('GET', `/tenants/${SLUG}/calls/${callId}`)).body;
    assert.equal(call.status, 'published');
    assert.deepEqual(
      call.questions.map((q) => [q.type, q.label, q.required]),
      questions,
    );
    assert.equal(call.envelope, 50_000);
    assert.equal(call.fiches.length, 1, JSON.stringify(call.fiches));
    assert.deepEqual(
      call.grid.map((c) => [c.label, c.weight, c.scale, c.eliminatory ?? false]),
      [
        ['Qualité du projet', 2, 5, false],
        ['Ancrage territorial', 1, 5, true],
      ],
    );
    assert.deepEqual(
      call.documents.map((d) => [d.label, d.required]),
      [['Budget signé', true]],
    );
    // Its instructors: the demo agent and the second agent, through the editor's panel.
    await page.locator(`#instr-${agent.me.id}`).check({ force: true });
    await page.locator(`#instr-${secondAgent.id}`).check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer les instructeurs' }).click();
    await page.getByText('Instructeurs enregistrés.').waitFor();
    await noSeriousViolations(page, 'call editor (published)');
    await page.context().close();

    // The public list and page: the deadline in French, Paris time.
    const visitor = await b.page();
    await visitor.goto(`${b.base}/${SLUG}/appels-a-projets`);
    await visitor.getByRole('link', { name: title }).waitFor();
    await noSeriousViolations(visitor, 'public list of calls');
    await visitor.getByRole('link', { name: title }).click();
    await visitor.waitForURL(`${b.base}/${SLUG}/appels-a-projets/${callId}`);
    const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${closes.date}T12:00:00Z`),
    );
    await visitor.getByText(`Date limite : ${day} à 23 h 59`).first().waitFor();
    await noSeriousViolations(visitor, 'public call page');
    await visitor.context().close();
    await shots('', '', `/${SLUG}/appels-a-projets/${callId}`, 'call', title);
    await shots('', '', `/${SLUG}/appels-a-projets`, 'calls', title);
  });

  it('2. a partner applies: fills the form with two budget lines, uploads a PDF, saves, submits', async () => {
    const page = await b.page();
    await signInAs(b, page, partner.admin.email, TEST_PASSWORD, `/${SLUG}/appels-a-projets/${callId}`);
    await page.getByRole('button', { name: 'Déposer un dossier' }).click();
    await page.waitForURL(new RegExp(`/${SLUG}/espace/dossiers/[0-9a-f-]{36}$`));
    appId = /dossiers\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const key = (label: string) => call.questions.find((q) => q.label === label)!.key;
    const f = (field: string) => page.locator(`#f-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`);
    await f(`answers.${key('Nom du projet')}`).fill('Vélos pour l’emploi');
    await f(`answers.${key('Description du projet')}`).fill(
      'Un atelier de réparation de vélos ouvert aux demandeurs d’emploi. Prêt de vélos pour les trajets domicile-travail.',
    );
    const budget = key('Budget prévisionnel');
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await f(`answers.${budget}.0.label`).fill('Achat de vélos');
    await f(`answers.${budget}.0.amount`).fill('8 000');
    await f(`answers.${budget}.1.label`).fill('Encadrement');
    await f(`answers.${budget}.1.amount`).fill('4 500,50');
    assert.equal(flat(await page.locator('.cat-app-total').textContent()), 'Total : 12 500,50 €');
    // The required document, a real PDF.
    const docKey = call.documents[0]!.key;
    await f(`documents.${docKey}`).setInputFiles({
      name: 'budget-signe.pdf',
      mimeType: 'application/pdf',
      buffer: await pdfBuffer(['Budget prévisionnel signé', partner.name]),
    });
    await page.getByRole('link', { name: /budget-signe\.pdf/ }).waitFor();
    await f('amountRequested').fill('12 000');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.locator('.cat-app-saved').filter({ hasText: /\S/ }).waitFor();
    const saved = (await agent.call<Application>('GET', `/tenants/${SLUG}/applications/${appId}`)).body;
    assert.equal(saved.status, 'draft');
    assert.equal(saved.amountRequested, 12_000);
    assert.deepEqual(saved.answers[budget], [
      { label: 'Achat de vélos', amount: 8000 },
      { label: 'Encadrement', amount: 4500.5 },
    ]);
    await noSeriousViolations(page, 'application page (partner, draft)');
    await b.shot(page, 'calls-journey-application-partner-desktop');
    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.getByText('Votre dossier est déposé').waitFor();
    await page.getByText('Déposé', { exact: true }).first().waitFor();
    await noSeriousViolations(page, 'application page (partner, submitted)');
    await page.context().close();
    const submitted = (await agent.call<Application>('GET', `/tenants/${SLUG}/applications/${appId}`)).body;
    assert.equal(submitted.status, 'submitted');
    assert.equal(submitted.documents.length, 1);
  });

  it('3. a submission after the deadline is refused with a clear message', async () => {
    // A separate short call (the API: its building is step 1), applied to by a second structure.
    const write = {
      title: `Appel express ${stamp}`,
      context: 'Un appel court.',
      fiches: [],
      eligibleKinds: [],
      eligiblePublics: [],
      territory: { kind: 'department', codes: [] },
      envelope: 10_000,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ key: 'projet', label: 'Projet', type: 'short_text', required: true }],
      documents: [],
      grid: [{ key: 'qualite', label: 'Qualité', weight: 1, scale: 5 }],
    };
    const created = await agent.call<Call>('POST', `/tenants/${SLUG}/calls`, write);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const published = await agent.call('POST', `/tenants/${SLUG}/calls/${created.body.id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const member = await apiSignIn(b, late.admin.email, TEST_PASSWORD);
    const started = await member.call<Application>('POST', `/tenants/${SLUG}/calls/${created.body.id}/applications`, {
      organizationId: late.id,
    });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const filled = await member.call('PATCH', `/tenants/${SLUG}/applications/${started.body.id}`, {
      answers: { projet: 'Un projet en retard' },
      amountRequested: 5000,
      version: started.body.version,
    });
    assert.equal(filled.status, 200, JSON.stringify(filled.body));
    const page = await b.page();
    await signInAs(b, page, late.admin.email, TEST_PASSWORD, `/${SLUG}/espace/dossiers/${started.body.id}`);
    await page.getByRole('button', { name: 'Déposer le dossier' }).waitFor();
    // The deadline passes: one second before the database's now.
    await b.app.dataSource.transaction(async (m) => {
      const [{ id: tenantId }]: { id: string }[] = await m.query(`SELECT id FROM tenant WHERE slug = $1`, [SLUG]);
      await setTransactionTenant(m, tenantId);
      await m.query(`UPDATE funding_call SET closes_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
    });
    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.getByText(/L’appel à projets est clos depuis le .* : le dossier ne peut plus être déposé\./).waitFor();
    const after = (await member.call<Application>('GET', `/tenants/${SLUG}/applications/${started.body.id}`)).body;
    assert.equal(after.status, 'draft');
    await page.context().close();
  });

  it('4. the agent asks for completion; the partner sees it, answers and resubmits', async () => {
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/dossiers/${appId}`);
    await page.getByRole('button', { name: 'Demander un complément' }).click();
    await noSeriousViolations(page, 'application page (agent)');
    await b.shot(page, 'calls-journey-application-agent-desktop');
    await page.locator('#ag-message').fill('Précisez le nombre de vélos achetés.');
    await page.locator('#ag-dueAt').fill(parisNow(10).date);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByText('Demande de complément envoyée à la structure.').waitFor();
    await page.context().close();

    const member = await b.page();
    await signInAs(b, member, partner.admin.email, TEST_PASSWORD, `/${SLUG}/espace/dossiers/${appId}`);
    await member.getByText('Le Département demande un complément').waitFor();
    await member
      .locator('.fr-alert .cat-app-pre')
      .filter({ hasText: 'Précisez le nombre de vélos achetés.' })
      .waitFor();
    await noSeriousViolations(member, 'application page (partner, completion asked)');
    const description = call.questions.find((q) => q.label === 'Description du projet')!.key;
    const field = member.locator(`#f-answers-${description}`);
    await field.fill(`${await field.inputValue()} Achat de 20 vélos.`);
    await member.getByRole('button', { name: 'Renvoyer le dossier' }).click();
    await member.getByText('Votre dossier est déposé').waitFor();
    await member.context().close();
    const back = (await agent.call<Application>('GET', `/tenants/${SLUG}/applications/${appId}`)).body;
    assert.equal(back.status, 'submitted');
    assert.match(back.answers[description] as string, /Achat de 20 vélos\.$/);
  });

  it('5. two agents score it, each declaring no conflict of interest', async () => {
    for (const [email, password, scores] of [
      [AGENT, DEMO_PASSWORD, ['4', '5']],
      [secondAgent.email, TEST_PASSWORD, ['3', '4']],
    ] as const) {
      const page = await b.page();
      await signInAs(b, page, email, password, `/${SLUG}/espace/dossiers/${appId}`);
      for (const [i, c] of call.grid.entries()) await page.locator(`#ag-scores-${c.key}`).fill(scores[i]!);
      await page.locator('#ag-comment').fill('Projet solide et bien ancré.');
      await page.locator('#ag-noConflictOfInterest').check({ force: true });
      await page.getByRole('button', { name: 'Enregistrer mon évaluation' }).click();
      await page.getByText('Évaluation enregistrée.').waitFor();
      await page.context().close();
    }
    const scored = (await agent.call<Application>('GET', `/tenants/${SLUG}/applications/${appId}`)).body;
    assert.equal(scored.scores?.length, 2);
    assert.deepEqual(scored.scores!.map((s) => s.instructorId).sort(), [agent.me.id, secondAgent.id].sort());
  });

  it('6. the committee selects it within the envelope; the letter (PDF) is in the partner’s mailbox', async () => {
    // Decisions come after the closing: the deadline passes (the database state is what is read).
    await b.app.dataSource.transaction(async (m) => {
      const [{ id: tenantId }]: { id: string }[] = await m.query(`SELECT id FROM tenant WHERE slug = $1`, [SLUG]);
      await setTransactionTenant(m, tenantId);
      await m.query(`UPDATE funding_call SET closes_at = now() - interval '1 second' WHERE id = $1`, [callId]);
    });
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/appels-a-projets/${callId}/classement`);
    await page.getByLabel(`Retenir ${partner.name}`).check({ force: true });
    await page.locator('.cat-app-envelope').filter({ hasText: 'Reste' }).waitFor();
    assert.equal(
      flat(await page.locator('.cat-app-envelope p').first().textContent()),
      'Enveloppe : 50 000,00 € — Sélectionné : 12 000,00 € — Reste : 38 000,00 €',
    );
    await page.locator('#rk-selectReasons').fill('Projet utile et bien construit.');
    await page.locator('#rk-rejectReasons').fill('Dossier moins abouti que les autres.');
    await noSeriousViolations(page, 'ranking');
    await b.shot(page, 'calls-journey-ranking-desktop');
    await page.getByRole('button', { name: 'Enregistrer les décisions' }).click();
    await page.getByRole('heading', { name: 'Résultat de l’enregistrement' }).waitFor();
    await page.context().close();
    const decided = (await agent.call<Application>('GET', `/tenants/${SLUG}/applications/${appId}`)).body;
    assert.equal(decided.status, 'selected');
    assert.equal(decided.amountGranted, 12_000);
    assert.ok(decided.agreementId, 'the agreement is drafted');
    agreementId = decided.agreementId!;
    const agreement = (await agent.call<Agreement>('GET', `/tenants/${SLUG}/agreements/${agreementId}`)).body;
    assert.equal(agreement.status, 'draft');
    assert.equal(agreement.amount, 12_000);

    const mails = await mailboxFor(b, partner.admin.email);
    const letter = mails.find((m) => m.attachments.some((a) => a.contentType === 'application/pdf'));
    assert.ok(letter, `a decision letter among ${JSON.stringify(mails.map((m) => m.subject))}`);
    const pdf = letter.attachments.find((a) => a.contentType === 'application/pdf')!;
    assert.match(pdf.filename, /\.pdf$/);
    const text = flat(await pdfText(Buffer.from(pdf.content, 'base64')));
    assert.ok(text.includes(partner.name), `structure named in the letter: ${text}`);
    assert.match(text, /12 000(,00)? €/);
  });
  it('7. the agreement is sent and signed; its draft offer is completed, published and found', async () => {
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/dossiers/${appId}`);
    await page.getByRole('link', { name: 'Voir la convention' }).click();
    await page.waitForURL(`${b.base}/${SLUG}/espace/conventions/${agreementId}`);
    await page.getByRole('button', { name: 'Envoyer pour signature' }).waitFor();
    await noSeriousViolations(page, 'agreement page (agent, draft)');
    await b.shot(page, 'calls-journey-agreement-desktop');
    await page.getByRole('button', { name: 'Envoyer pour signature' }).click();
    await shown(page, 'Envoyée pour signature');
    await page.goto(`${b.base}/${SLUG}/espace/conventions`);
    await page
      .getByRole('link', { name: new RegExp(partner.name) })
      .first()
      .waitFor();
    await noSeriousViolations(page, 'agreements list');
    await page.context().close();

    const member = await b.page();
    await signInAs(b, member, partner.admin.email, TEST_PASSWORD, `/${SLUG}/espace/conventions/${agreementId}`);
    await member.locator('#signed-file').setInputFiles({
      name: 'convention-signee.pdf',
      mimeType: 'application/pdf',
      buffer: await pdfBuffer(['Convention signée', partner.name]),
    });
    await noSeriousViolations(member, 'agreement page (partner, to sign)');
    await member.getByRole('button', { name: 'Déposer la convention signée' }).click();
    await shown(member, 'L’offre brouillon a été créée');
    const signed = (await agent.call<Agreement>('GET', `/tenants/${SLUG}/agreements/${agreementId}`)).body;
    assert.ok(signed.offerId, 'the agreement names its draft offer');
    await member.getByRole('link', { name: 'La compléter' }).click();
    await member.waitForURL(`${b.base}/${SLUG}/espace/offres/${signed.offerId}`);
    const offerTitle = await member.locator('#offer-title').inputValue();
    assert.ok(offerTitle, 'the offer is prefilled with a title');
    // What the application did not say: a theme, the access, a session.
    await member.locator('summary', { hasText: 'Mobilité' }).click();
    await member.locator('details[open] input[type="checkbox"]').first().check({ force: true });
    await member.locator('#offer-access-open').check({ force: true });
    await member.getByRole('button', { name: 'Ajouter une session' }).click();
    await member.locator('#offer-sessions-0-startsAt').fill('2027-03-01T09:00');
    await member.locator('#offer-sessions-0-capacity').fill('12');
    await member.getByRole('button', { name: 'Enregistrer' }).click();
    await shown(member, 'Offre enregistrée.');
    await member.getByRole('button', { name: 'Soumettre', exact: true }).click();
    await shown(member, 'Offre soumise à la modération du département.');
    await member.context().close();

    // The agent publishes it from the offer's moderation page.
    const moderator = await b.page();
    await signInAs(b, moderator, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/offres/${signed.offerId}`);
    await moderator.getByRole('button', { name: 'Publier' }).click();
    await moderator.locator('.cat-status-now', { hasText: 'Publiée' }).waitFor();
    await moderator.context().close();

    // The public search finds it.
    const visitor = await b.page();
    await visitor.goto(`${b.base}/${SLUG}?q=${encodeURIComponent(offerTitle)}`);
    await visitor.getByRole('link', { name: offerTitle }).first().waitFor();
    await visitor.context().close();
  });

  it('8. the plan’s public page and its editor are accessible', async () => {
    const visitor = await b.page();
    await visitor.goto(`${b.base}/${SLUG}/plan`);
    await visitor.getByRole('heading', { level: 1 }).waitFor();
    await visitor.locator('main').getByText(/Axe 1/).first().waitFor();
    await noSeriousViolations(visitor, 'public plan page');
    await visitor.context().close();
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/plan`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('main input, main textarea').first().waitFor();
    await noSeriousViolations(page, 'plan editor');
    await page.context().close();
    await shots('', '', `/${SLUG}/plan`, 'plan', 'Axe 1');
  });
});
