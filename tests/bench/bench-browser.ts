/// <reference lib="dom" />
// The web benchmarks' browser: Debian's headless Chromium (driven by playwright-core, never
// downloaded), fresh contexts that reach only the local server, and the copy of the built web app
// the benchmark's server reads.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { log, root } from './bench-env.js';
import type { Resources } from './bench-run.js';

export const TIMEOUT_MS = 120_000;
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const chromiumPath = (
  process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser']
).find((p) => existsSync(p));
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1).replace('.', ',')} Ko`;

export function gitState(): { commit: string; webSourceChanged: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const changes = execFileSync('git', ['status', '--porcelain', '--', 'apps/web', 'libs/contracts'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    return { commit, webSourceChanged: changes.length > 0 };
  } catch {
    return { commit: 'unknown', webSourceChanged: false };
  }
}

/** The built web app: built now when apps/web/dist is missing. */
function ensureWebBuild(): string {
  const dist = join(root, 'apps/web/dist');
  if (!existsSync(join(dist, 'index.html'))) {
    log('apps/web/dist absent : construction de l’application web…');
    const r = spawnSync(process.execPath, [join(root, 'scripts/build-web.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('the web build failed');
  }
  return dist;
}

/** Scripts and stylesheets that index.html or a chunk refers to but the build lacks. */
function missingAssets(dir: string): string[] {
  if (!existsSync(join(dir, 'index.html')) || !existsSync(join(dir, 'assets'))) return ['index.html'];
  const present = new Set(readdirSync(join(dir, 'assets')));
  const texts = ['index.html', ...[...present].filter((n) => /\.(js|css)$/.test(n)).map((n) => `assets/${n}`)];
  const missing = new Set<string>();
  for (const file of texts) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/(?:assets\/|\.\/)([\w-]+\.(?:js|css))(?=["'`])/g)) {
      if (!present.has(m[1]!)) missing.add(m[1]!);
    }
  }
  return [...missing];
}

/**
 * The server reads a copy of the build (source maps left out), so a rebuild during the run cannot
 * pull files from under it; a copy caught in the middle of a rebuild is taken again.
 */
export async function snapshotWebBuild(resources: Resources): Promise<string> {
  const dist = ensureWebBuild();
  for (let attempt = 1; ; attempt++) {
    const copy = mkdtempSync(join(tmpdir(), 'catalogue-bench-web-'));
    cpSync(dist, copy, { recursive: true, filter: (src) => !src.endsWith('.map') });
    const missing = missingAssets(copy);
    if (!missing.length) {
      resources.add('copie de l’application web', () => rmSync(copy, { recursive: true, force: true }));
      return copy;
    }
    rmSync(copy, { recursive: true, force: true });
    if (attempt === 10) throw new Error(`apps/web/dist is incomplete: ${missing.join(', ')} missing`);
    log('apps/web/dist incomplet (construction en cours ?) : nouvel essai dans 3 s');
    await new Promise((r) => setTimeout(r, 3000));
  }
}

export class BenchBrowser {
  blocked: string[] = [];
  errors: string[] = [];

  constructor(
    readonly browser: Browser,
    readonly base: string,
  ) {}

  /** A fresh page in its own context (empty cache, 1366×900 unless `options` say otherwise); only the local server is reachable. */
  async page(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1366, height: 900 },
      ...options,
    });
    await context.route(
      (url) => url.protocol.startsWith('http') && url.origin !== this.base,
      async (route) => {
        this.blocked.push(route.request().url());
        await route.abort('blockedbyclient');
      },
    );
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('pageerror', (e) => this.errors.push(`${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) this.errors.push(`${r.status()} ${r.url()}`);
    });
    return page;
  }

  /** Waits until `predicate(arg)` holds in the page; on time-out, says what the page shows. */
  async waitFor<A>(page: Page, predicate: (arg: A) => boolean, arg: A, what: string): Promise<void> {
    try {
      await page.waitForFunction(predicate as (arg: unknown) => boolean, arg as unknown, {
        polling: 50,
        timeout: TIMEOUT_MS,
      });
    } catch (e) {
      const shown = await page
        .evaluate(() => ({
          count: document.querySelector('.cat-count')?.textContent,
          markers: document.querySelector('.cat-map')?.getAttribute('data-markers'),
        }))
        .catch(() => null);
      throw new Error(
        `${page.url()}: ${what} not shown; the page shows ${JSON.stringify(shown)}; errors: ${this.errors.join(' | ') || 'none'}`,
        { cause: e },
      );
    }
  }

  async close(page: Page): Promise<void> {
    await page.context().close();
    if (this.errors.length) throw new Error(`JavaScript errors in the page: ${this.errors.join(' | ')}`);
  }
}
