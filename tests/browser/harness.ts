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
import type { MailboxMessage } from '@catalogue/contracts';
import assert from 'node:assert/strict';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOTS = join(root, 'tests/screenshots');

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
export const chromiumPath = candidates.find((p) => existsSync(p));
/** Reason to skip the browser tests (reported as skipped), or false. */
export const skipBrowser = chromiumPath ? false : 'Chromium absent : installez-le (apt-get install -y chromium) ou indiquez CHROMIUM_PATH';

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
  const app = await startTestApp({ webDir: join(root, 'apps/web/dist'), mapTiles: { url: null, attribution: '', maxZoom: 19 } });
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const errors: string[] = [];
  return {
    base,
    browser,
    app,
    async page(options = {}) {
      const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 900 }, ...options });
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
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && document.querySelector('.cat-map-legend[data-located]') !== null && !/Chargement/.test(document.querySelector('.cat-map-legend')?.textContent ?? '') && document.querySelector('.cat-map')?.getAttribute('data-markers') !== '');
  await page.waitForTimeout(150);
}

/**
 * What the map shows: the numbers on visible clusters plus the single markers, once the map is
 * still (the clustering animates for a moment after each zoom: old and new icons overlap).
 */
export async function markersOnMap(page: Page, expected?: number): Promise<number> {
  const count = () =>
    page.evaluate(() => {
      const clusters = [...document.querySelectorAll('.cat-map .cat-cluster')].map((c) => Number(c.textContent!.replace(/\s/g, '')));
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
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * The emails sent to `to`, read where a demo user reads them (/dev/mailbox.json). The test app
 * runs without the outbox worker (a worker would take the emails of the other test files sharing
 * the database), so this person's unsent outbox rows are first delivered to the app's mailbox as
 * the worker would.
 */
export async function mailboxFor(b: BrowserApp, to: string): Promise<MailboxMessage[]> {
  type Row = { to_address: string; subject: string; text_body: string; html_body: string };
  // Reset and magic-link requests are handled right after their answer: let them finish.
  await b.app.app.get(AccountEmailRequests).idle();
  // TypeORM answers an UPDATE … RETURNING with [rows, count].
  const [rows] = (await b.app.dataSource.query(
    `UPDATE email_outbox SET sent_at = clock_timestamp(), attempts = attempts + 1
      WHERE to_address = $1 AND sent_at IS NULL AND failed_at IS NULL
      RETURNING to_address, subject, text_body, html_body`,
    [to],
  )) as [Row[], number];
  const mailbox = b.app.app.get(Mailbox);
  for (const r of rows) mailbox.deliver({ to: r.to_address, subject: r.subject, text: r.text_body, html: r.html_body });
  const res = await fetch(`${b.base}/dev/mailbox.json`);
  assert.equal(res.status, 200, '/dev/mailbox.json');
  return ((await res.json()) as MailboxMessage[]).filter((m) => m.to === to);
}
