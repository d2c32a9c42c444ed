// A structure's page in headless Chromium, against the real API and the demo data: editing its
// details (a contact at once, a new name only once an agent accepts it, a refusal and its reason),
// the page on a phone (nothing sideways, every member's controls visible), and the lists that
// showed the same structure or person twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OrganizationDetail } from '@catalogue/contracts';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  TEST_PASSWORD,
  apiJson,
  makeAccount,
  seriousA11yViolations,
  signInAs,
  skipBrowser,
  startBrowserApp,
  validatedStructure,
  type BrowserApp,
} from './harness.js';
import { setTransactionTenant } from '@catalogue/api/common/tenancy/transaction-tenant.js';

const SLUG = 'drome';
const AGENT = 'agent.drome@demo.local';
const REFERENT = 'referent.drome@demo.local';

describe('back office: a structure’s page and details (Chromium)', { skip: skipBrowser }, () => {
  let b: BrowserApp;
  let structure: Awaited<ReturnType<typeof validatedStructure>>;

  before(async () => {
    b = await startBrowserApp();
    structure = await validatedStructure(b, 'Maëlle Structure');
  });
  after(async () => b?.close());

  const publicProfile = (id: string) => apiJson<OrganizationDetail>(b.base, `/tenants/${SLUG}/organizations/${id}`);

  /** What sticks out of the viewport sideways, and the page's own width against the window's. */
  const overflow = (page: Page) =>
    page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  const insideViewport = async (page: Page, box: { x: number; width: number } | null) => {
    const width = page.viewportSize()!.width;
    return box !== null && box.x >= 0 && box.x + box.width <= width;
  };

  it('a structure admin changes the phone at once, and the name only once an agent accepts it', async () => {
    const admin = await b.page();
    await signInAs(b, admin, structure.admin.email, TEST_PASSWORD, `/${SLUG}/espace/structures/${structure.id}`);
    await admin.getByRole('link', { name: 'Modifier la fiche' }).click();
    await admin.waitForURL(`${b.base}/${SLUG}/espace/structures/${structure.id}/modifier`);
    await admin.getByRole('heading', { level: 1, name: 'Modifier la structure' }).waitFor();
    await admin.getByText('Soumis à la validation du département').waitFor();
    assert.equal(await admin.locator('#org-name').inputValue(), structure.name, 'the form starts from the structure');

    // A contact field: saved at once, public at once.
    await admin.locator('#org-phone').fill('04 75 44 55 66');
    await admin.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await admin.getByText('Modifications enregistrées.', { exact: true }).waitFor();
    assert.equal((await publicProfile(structure.id)).phone, '04 75 44 55 66');

    // The name: waits for an agent; the public keeps the validated one.
    const newName = `${structure.name} (nouveau nom)`;
    await admin.locator('#org-name').fill(newName);
    await admin.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await admin.getByText(/Le changement \(nom\) attend la validation d’un agent du département/).waitFor();
    await admin.getByRole('heading', { name: 'Modification en attente de validation' }).waitFor();
    assert.equal(await admin.locator('#org-name').isDisabled(), true, 'one pending change at a time');
    assert.deepEqual(await seriousA11yViolations(admin), [], 'edit page');
    await b.shot(admin, 'bo-structure-01-modification-en-attente');
    assert.equal((await publicProfile(structure.id)).name, structure.name, 'not public before an agent accepts');

    await admin.getByRole('link', { name: 'Retour à la structure' }).click();
    const pending = admin.locator('section', {
      has: admin.getByRole('heading', { name: 'Modification en attente de validation' }),
    });
    await pending.getByText(newName).waitFor();
    await pending.getByRole('button', { name: 'Retirer la modification' }).waitFor();

    // The agent reads before → after on the structure's page and accepts.
    const agent = await b.page();
    await signInAs(b, agent, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/structures/${structure.id}`);
    const box = agent.locator('section', {
      has: agent.getByRole('heading', { name: 'Modification en attente de validation' }),
    });
    assert.equal(await box.locator('del').first().textContent(), structure.name);
    assert.equal(await box.locator('strong').first().textContent(), newName);
    assert.deepEqual(await seriousA11yViolations(agent), [], 'agent’s structure page');
    await b.shot(agent, 'bo-structure-02-agent-avant-apres');
    await box.getByRole('button', { name: 'Accepter la modification' }).click();
    await agent.getByText(/^Dernière modification acceptée/).waitFor();
    await agent.getByRole('heading', { level: 1, name: newName }).waitFor();

    // Public now, on the public page.
    const visitor = await b.page();
    await visitor.goto(`${b.base}/${SLUG}/structures/${structure.id}`);
    await visitor.getByRole('heading', { level: 1, name: newName }).waitFor();
    await visitor.context().close();
    await agent.context().close();
    await admin.context().close();
  });

  it('a refused change leaves the structure as it was and shows the agent’s reason to its admin', async () => {
    const admin = await b.page();
    await signInAs(
      b,
      admin,
      structure.admin.email,
      TEST_PASSWORD,
      `/${SLUG}/espace/structures/${structure.id}/modifier`,
    );
    await admin.getByRole('checkbox', { name: /Structure prescriptrice/ }).check({ force: true });
    await admin.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await admin.getByText(/Le changement \(structure prescriptrice\) attend la validation/).waitFor();

    // Found by the agents through the list's « Modification à valider ».
    const agent = await b.page();
    await signInAs(b, agent, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/structures`);
    await agent.locator('#org-status').selectOption('change');
    const item = agent.locator('li', { has: agent.getByRole('link', { name: structure.name }) });
    await item.getByText('Modification à valider').waitFor();
    await item.getByRole('button', { name: 'Refuser la modification' }).click();
    await item.getByLabel(/Motif du refus/).fill('Aucun référent déclaré dans cette structure');
    await item.getByRole('button', { name: 'Confirmer le refus' }).click();
    await item.waitFor({ state: 'detached' });
    await agent.context().close();

    await admin.goto(`${b.base}/${SLUG}/espace/structures/${structure.id}`);
    await admin.getByText(/^Modification refusée par le département/).waitFor();
    await admin.getByText('Motif : Aucun référent déclaré dans cette structure').waitFor();
    assert.equal(
      await admin.locator('dt:text-is("Prescriptrice") + dd').textContent(),
      'Non',
      'still not a prescriber',
    );
    await b.shot(admin, 'bo-structure-03-modification-refusee');
    await admin.context().close();
  });

  it('on a phone (390 × 844) the structure page does not overflow sideways, and each member’s role and « Retirer » are visible', async () => {
    // A colleague with a long name and address: the widest row the table has to hold.
    const colleague = await makeAccount(b, 'Marie-Hélène de La Tour-Dubreuil-Montagnac');
    await b.app.dataSource.transaction(async (m) => {
      const [{ id: tenantId }]: { id: string }[] = await m.query(`SELECT id FROM tenant WHERE slug = $1`, [SLUG]);
      await setTransactionTenant(m, tenantId);
      await m.query(
        `INSERT INTO membership (tenant_id, user_id, role, organization_id, status) SELECT id, $2, 'structure_member', $3, 'active' FROM tenant WHERE slug = $1`,
        [SLUG, colleague.id, structure.id],
      );
    });
    for (const [width, height, name] of [
      [390, 844, 'telephone'],
      [1366, 900, 'ordinateur'],
    ] as const) {
      const page = await b.page({ viewport: { width, height } });
      await signInAs(b, page, structure.admin.email, TEST_PASSWORD, `/${SLUG}/espace/structures/${structure.id}`);
      const members = page.locator('section[aria-labelledby="org-members"]');
      await members.getByText(colleague.email).waitFor();
      const { scrollWidth, innerWidth } = await overflow(page);
      assert.ok(scrollWidth <= innerWidth, `${name}: the page is ${scrollWidth} px wide for a ${innerWidth} px window`);
      for (const who of [structure.admin.name, colleague.name]) {
        const role = page.getByRole('combobox', { name: `Rôle de ${who}` });
        const remove = page.getByRole('button', { name: `Retirer ${who}` });
        await role.scrollIntoViewIfNeeded();
        assert.ok(await role.isVisible(), `${name}: role of ${who}`);
        assert.ok(
          await insideViewport(page, await role.boundingBox()),
          `${name}: the role of ${who} is inside the window`,
        );
        assert.ok(
          await insideViewport(page, await remove.boundingBox()),
          `${name}: « Retirer » of ${who} is inside the window`,
        );
        assert.notEqual(await role.inputValue(), '', `${name}: the role of ${who} reads`);
      }
      assert.deepEqual(await seriousA11yViolations(page), [], `${name}: structure page`);
      await members.scrollIntoViewIfNeeded();
      await b.shot(page, `bo-structure-04-membres-${name}`);
      await page.context().close();
    }
  });

  it('lists a referent’s prescriber structure once in « Mon espace », with both roles', async () => {
    const page = await b.page();
    await signInAs(b, page, REFERENT, DEMO_PASSWORD, '/espace');
    const mine = page.locator('section', { has: page.getByRole('heading', { name: 'Mes structures' }) });
    await mine.getByRole('link', { name: 'CCAS de Montélimar' }).first().waitFor();
    assert.equal(await mine.getByRole('link', { name: 'CCAS de Montélimar' }).count(), 1, 'one line per structure');
    await mine.getByText(/Membre de la structure, Référent \(structure prescriptrice\)/).waitFor();
    await b.shot(page, 'bo-structure-05-mon-espace-referent');
    await page.context().close();
  });

  it('lists the département’s agent once in the team, with one « Retirer de l’équipe »', async () => {
    const page = await b.page();
    await signInAs(b, page, AGENT, DEMO_PASSWORD, `/${SLUG}/espace/reglages`);
    const rows = page.locator('tr', { hasText: AGENT });
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1, 'one row per person');
    await rows.getByRole('cell', { name: 'Administrateur et agent' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], 'settings page');
    assert.equal(await page.getByRole('button', { name: 'Retirer de l’équipe : Agent Drôme', exact: true }).count(), 1);
    assert.equal(
      await page.getByRole('button', { name: /^Retirer le rôle d’administrateur à Agent Drôme/ }).count(),
      1,
    );
    await page.context().close();
  });
});
