// Browser tests: the real app (API + built web, demo data loaded by `npm test`) on a free port,
// driven by playwright-core in Debian's Chromium. Never downloads a browser.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { AccountEmailRequests } from '@catalogue/api/modules/auth/account-email-requests.js';
import { startTestApp, type TestApp } from '@catalogue/api/testing/test-app.js';
import { Mailbox } from '@catalogue/api/modules/mail/mailbox.js';
import { hashPassword } from '@catalogue/api/modules/auth/password.js';
import type { MailboxMessage, Me } from '@catalogue/contracts';
import { withLuhnCheckDigit } from '@catalogue/domain';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOTS = join(root, 'tests/screenshots');

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (p): p is string => Boolean(p),
);
export const chromiumPath = candidates.find((p) => existsSync(p));
/** Reason to skip the browser tests (reported as skipped), or false. */
export const skipBrowser = chromiumPath
  ? false
  : 'Chromium absent : installez-le (apt-get install -y chromium) ou indiquez CHROMIUM_PATH';

export interface BrowserApp {
  base: string;
  browser: Browser;
  app: TestApp;
  /** A fresh page (own context); map tiles are never fetched. */
  page(options?: BrowserContextOptions): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  // No tile server in tests (and none reachable): the map must work on its plain background.
  const app = await startTestApp({
    webDir: join(root, 'apps/web/dist'),
    mapTiles: { url: null, attribution: '', maxZoom: 19 },
  });
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath!,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const errors: string[] = [];
  return {
    base,
    browser,
    app,
    async page(options = {}) {
      const context = await browser.newContext({
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: { width: 1366, height: 900 },
        ...options,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    async close() {
      await browser.close();
      await app.close();
      if (errors.length) throw new Error(`Erreurs JavaScript dans les pages : ${errors.join(' | ')}`);
    },
  };
}

/** The results count as the page announces it ("84 offres…" → 84; "aucune offre" → 0). */
export async function announcedCount(page: Page): Promise<number> {
  const status = page.locator('.cat-count');
  await status.filter({ hasText: /offre/ }).waitFor();
  const text = (await status.textContent()) ?? '';
  if (/^aucune/.test(text)) return 0;
  return Number(text.replace(/\s| /g, '').match(/^\d+/)?.[0] ?? NaN);
}

/** Waits until the page shows the results of its current address (list and map). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"]') &&
      document.querySelector('.cat-map-legend[data-located]') !== null &&
      !/Chargement/.test(document.querySelector('.cat-map-legend')?.textContent ?? '') &&
      document.querySelector('.cat-map')?.getAttribute('data-markers') !== '',
  );
  await page.waitForTimeout(150);
}

/**
 * What the map shows: the numbers on visible clusters plus the single markers, once the map is
 * still (the clustering animates for a moment after each zoom: old and new icons overlap).
 */
export async function markersOnMap(page: Page, expected?: number): Promise<number> {
  const count = () =>
    page.evaluate(() => {
      const clusters = [...document.querySelectorAll('.cat-map .cat-cluster')].map((c) =>
        Number(c.textContent!.replace(/\s/g, '')),
      );
      const singles = document.querySelectorAll('.cat-map .cat-marker').length;
      return clusters.reduce((a, b) => a + b, 0) + singles;
    });
  const deadline = Date.now() + 5000;
  let last = await count();
  while (Date.now() < deadline) {
    await page.waitForTimeout(250);
    const now = await count();
    if (now === last && (expected === undefined || now === expected)) return now;
    last = now;
  }
  return last;
}

/** API answer, to compare what the page shows with the source of truth. */
export async function apiJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(base + '/api/v1' + path);
  if (!res.ok) throw new Error(`${path} → ${res.status}`);
  return (await res.json()) as T;
}

/** axe-core run in the page: violations of impact serious or critical (WCAG 2 A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content Security Policy refuses injected <script>s.
  await page.evaluate(readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
  });
}

/**
 * The emails sent to `to`, read where a demo user reads them (/dev/mailbox.json). The test app
 * runs without the outbox worker (a worker would take the emails of the other test files sharing
 * the database), so this person's unsent outbox rows are first delivered to the app's mailbox as
 * the worker would.
 */
export async function mailboxFor(b: BrowserApp, to: string): Promise<MailboxMessage[]> {
  type Row = {
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string;
    attachments: MailboxMessage['attachments'];
  };
  // Reset and magic-link requests are handled right after their answer: let them finish.
  await b.app.app.get(AccountEmailRequests).idle();
  // TypeORM answers an UPDATE … RETURNING with [rows, count].
  const [rows] = (await b.app.dataSource.query(
    `UPDATE email_outbox SET sent_at = clock_timestamp(), attempts = attempts + 1
      WHERE to_address = $1 AND sent_at IS NULL AND failed_at IS NULL
      RETURNING to_address, subject, text_body, html_body, attachments`,
    [to],
  )) as [Row[], number];
  const mailbox = b.app.app.get(Mailbox);
  for (const r of rows)
    mailbox.deliver({
      to: r.to_address,
      subject: r.subject,
      text: r.text_body,
      html: r.html_body,
      attachments: r.attachments,
    });
  const res = await fetch(`${b.base}/dev/mailbox.json`);
  assert.equal(res.status, 200, '/dev/mailbox.json');
  return ((await res.json()) as MailboxMessage[]).filter((m) => m.to === to);
}

export const DEMO_PASSWORD = 'Demo-Insertion-2026';
/** The password of the accounts `makeAccount` creates. */
export const TEST_PASSWORD = 'Une-phrase-de-passe-solide';

/** A signed-in API client (session cookie + CSRF token), for the set-up a test is not about. */
export interface ApiClient {
  me: Me;
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function apiSignIn(b: BrowserApp, email: string, password: string): Promise<ApiClient> {
  const login = await fetch(`${b.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(login.status, 200, `login ${email}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = (await (await fetch(`${b.base}/api/v1/me`, { headers: { cookie } })).json()) as Me;
  return {
    me,
    async call<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${b.base}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': me.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}

/** Signs in through the sign-in page and lands on `back`. */
export async function signInAs(
  b: BrowserApp,
  page: Page,
  email: string,
  password: string,
  back: string,
): Promise<void> {
  await page.goto(`${b.base}/connexion?retour=${encodeURIComponent(back)}`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(`${b.base}${back}`);
}

/**
 * An active account made straight in the database, with TEST_PASSWORD (registration has its own
 * test, and its per-address rate limit is shared by every test file).
 */
export async function makeAccount(b: BrowserApp, name: string): Promise<{ email: string; name: string; id: string }> {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');
  const email = `${local}.${Date.now().toString(36)}${randomUUID().slice(0, 6)}@exemple.fr`;
  const [row] = (await b.app.dataSource.query(
    `INSERT INTO app_user (email, name, password_hash, email_verified_at) VALUES ($1, $2, $3, now()) RETURNING id`,
    [email, name, await hashPassword(TEST_PASSWORD)],
  )) as { id: string }[];
  return { email, name, id: row!.id };
}

/** A structure of the Drôme (Valence), waiting for validation, whose admin is a new account. */
export async function pendingStructure(
  b: BrowserApp,
  adminName: string,
): Promise<{ id: string; name: string; siret: string; admin: { email: string; name: string; id: string } }> {
  const slug = 'drome';
  const admin = await makeAccount(b, adminName);
  const owner = await apiSignIn(b, admin.email, TEST_PASSWORD);
  const taxonomy = await apiJson<{ organizationKinds: { code: string }[] }>(b.base, '/taxonomy');
  const [commune] = await apiJson<{ insee: string; lat: number; lng: number }[]>(
    b.base,
    `/tenants/${slug}/communes?q=valence`,
  );
  const siret = withLuhnCheckDigit(
    `7${String(Date.now()).slice(-9)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`,
  );
  const name = `Chantier d’insertion ${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
  const created = await owner.call<{ id: string }>('POST', `/tenants/${slug}/organizations`, {
    siret,
    name,
    kind: taxonomy.organizationKinds[0]!.code,
    address: '4 rue Championnet',
    communeInsee: commune!.insee,
    lat: commune!.lat,
    lng: commune!.lng,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { id: created.body.id, name, siret, admin };
}

/** A validated structure of the Drôme (Valence) whose admin is a new account (validated by the demo agent). */
export async function validatedStructure(
  b: BrowserApp,
  adminName: string,
): Promise<{ id: string; name: string; siret: string; admin: { email: string; name: string; id: string } }> {
  const structure = await pendingStructure(b, adminName);
  const agent = await apiSignIn(b, 'agent.drome@demo.local', DEMO_PASSWORD);
  const validated = await agent.call('POST', `/tenants/drome/organizations/${structure.id}/validate`);
  assert.equal(validated.status, 200, JSON.stringify(validated.body));
  return structure;
}

/** A moderation step taken through the API: by the structure's admin (`submit`) or the demo agent. */
export type OfferStep = 'submit' | 'publish' | { requestChanges: string };

/**
 * An offer of `structure` (Drôme, one place in Valence, one session), created as a draft by the
 * structure's admin, then taken through `steps` in order.
 */
export async function offerThrough(
  b: BrowserApp,
  structure: { id: string; admin: { email: string } },
  title: string,
  steps: OfferStep[],
): Promise<{ id: string; title: string; path: string }> {
  const slug = 'drome';
  const member = await apiSignIn(b, structure.admin.email, TEST_PASSWORD);
  const agent = await apiSignIn(b, 'agent.drome@demo.local', DEMO_PASSWORD);
  const taxonomy = await apiJson<{ themes: { code: string }[] }>(b.base, '/taxonomy');
  const [commune] = await apiJson<{ insee: string; lat: number; lng: number }[]>(
    b.base,
    `/tenants/${slug}/communes?q=valence`,
  );
  const created = await member.call<{ id: string }>('POST', `/tenants/${slug}/offers`, {
    organization: { id: structure.id },
    title,
    summary: 'Réparer un vélo et apprendre à circuler en ville.',
    themes: [taxonomy.themes[0]!.code],
    access: 'open',
    places: [{ address: '3 place de la Pierre', communeInsee: commune!.insee, lat: commune!.lat, lng: commune!.lng }],
    diffusionZone: { type: 'communes', areas: [{ code: commune!.insee }] },
    sessions: [{ startsAt: '2027-03-01T09:00:00.000Z', capacity: 12 }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  for (const step of steps) {
    const res =
      step === 'submit'
        ? await member.call('POST', `/tenants/${slug}/offers/${id}/submit`)
        : step === 'publish'
          ? await agent.call('POST', `/tenants/${slug}/offers/${id}/publish`)
          : await agent.call('POST', `/tenants/${slug}/offers/${id}/request-changes`, {
              comment: step.requestChanges,
            });
    assert.equal(res.status, 200, `${JSON.stringify(step)}: ${JSON.stringify(res.body)}`);
  }
  return { id, title, path: `/${slug}/espace/offres/${id}` };
}
