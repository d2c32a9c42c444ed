/// <reference lib="dom" />
// Layout stability of the public pages (home, search, offer) on a desktop and a phone: the
// cumulative layout shift (CLS) of each page load, read from Chromium's `layout-shift` performance
// entries (buffered, those without recent input), as web-vitals and Lighthouse count it: the
// largest burst of shifts less than 1 s apart within 5 s. Each load is a fresh page (empty cache),
// observed until the page shows its content, the network is idle and no shift happened for 1 s.
import type { BrowserContextOptions, Page } from 'playwright-core';
import { log, percentile, round2 } from './bench-env.js';
import type { BenchBrowser } from './bench-browser.js';

export const CLS_GOAL = 0.1;
/** Quiet time after the content is shown and after the last shift before a load's CLS is read. */
const QUIET_MS = 1000;
export const CLS_VIEWPORTS = {
  desktop: { viewport: { width: 1350, height: 940 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
} satisfies Record<string, BrowserContextOptions>;
type Viewport = keyof typeof CLS_VIEWPORTS;

export type LayoutPageName = 'home' | 'search' | 'offer';
export interface LayoutPage {
  name: LayoutPageName;
  path: string;
}

interface Shift {
  value: number;
  atMs: number;
  sources: string[];
}
interface ShiftLog {
  /** Largest session window (the CLS). */
  cls: number;
  /** Every shift without recent input, added up. */
  total: number;
  count: number;
  lastAt: number;
  largest: Shift | null;
}
type ShiftWindow = Window & { __benchShifts: ShiftLog };

/** Runs in the page before its own scripts: keeps the CLS up to date from every layout shift. */
function observeLayoutShifts(): void {
  const log: ShiftLog = { cls: 0, total: 0, count: 0, lastAt: 0, largest: null };
  (window as unknown as ShiftWindow).__benchShifts = log;
  let session = 0;
  let first = 0;
  let last = 0;
  const describe = (node: Node | null): string => {
    const parts: string[] = [];
    for (
      let el = node instanceof Element ? node : node?.parentElement;
      el && el !== document.body && parts.length < 3;
      el = el.parentElement
    ) {
      const classes = [...el.classList]
        .slice(0, 2)
        .map((c) => `.${c}`)
        .join('');
      parts.unshift(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}`);
    }
    return parts.join(' > ') || (node ? node.nodeName.toLowerCase() : '(node removed)');
  };
  type LayoutShiftEntry = PerformanceEntry & {
    value: number;
    hadRecentInput: boolean;
    sources?: { node: Node | null }[];
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as LayoutShiftEntry[]) {
      if (entry.hadRecentInput) continue;
      if (session > 0 && entry.startTime - last < 1000 && entry.startTime - first < 5000) session += entry.value;
      else {
        session = entry.value;
        first = entry.startTime;
      }
      last = entry.startTime;
      log.cls = Math.max(log.cls, session);
      log.total += entry.value;
      log.count += 1;
      log.lastAt = entry.startTime;
      if (!log.largest || entry.value > log.largest.value)
        log.largest = {
          value: entry.value,
          atMs: Math.round(entry.startTime),
          sources: (entry.sources ?? []).map((s) => describe(s.node)),
        };
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** The page shows its content: no loading message, no busy region, and what each page waits for. */
function contentShown(name: LayoutPageName): boolean {
  if (document.querySelector('.cat-loading, [aria-busy="true"]') || !document.querySelector('main h1')) return false;
  if (name === 'home') return document.querySelector('main .fr-tile') !== null;
  if (name === 'search') {
    const legend = document.querySelector('.cat-map-legend[data-located]');
    return (
      /offre/.test(document.querySelector('.cat-count')?.textContent ?? '') &&
      legend !== null &&
      !/Chargement/.test(legend.textContent ?? '')
    );
  }
  return true;
}

async function loadOnce(bb: BenchBrowser, page: LayoutPage, viewport: Viewport): Promise<ShiftLog> {
  const tab: Page = await bb.page(CLS_VIEWPORTS[viewport]);
  await tab.addInitScript(observeLayoutShifts);
  const response = await tab.goto(bb.base + page.path);
  if (!response?.ok()) throw new Error(`${page.path} answered ${response?.status()}`);
  await bb.waitFor(tab, contentShown, page.name, `the ${page.name} page's content (${viewport})`);
  await tab.waitForLoadState('networkidle');
  const shownAt = await tab.evaluate(() => performance.now());
  await bb.waitFor(
    tab,
    ({ since, quiet }) =>
      performance.now() - Math.max(since, (window as unknown as ShiftWindow).__benchShifts.lastAt) >= quiet,
    { since: shownAt, quiet: QUIET_MS },
    'a quiet second',
  );
  const shifts = await tab.evaluate(() => (window as unknown as ShiftWindow).__benchShifts);
  await bb.close(tab);
  return shifts;
}

const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** `runs` fresh loads of each page on each viewport, after `warmUp` unmeasured loads of each page. */
export async function measureLayoutShifts(bb: BenchBrowser, pages: LayoutPage[], runs: number, warmUp: number) {
  for (const page of pages) for (let i = 0; i < warmUp; i++) await loadOnce(bb, page, 'desktop');
  const results: Record<string, unknown> = {};
  let goalMet = true;
  for (const page of pages) {
    const perViewport: Record<string, unknown> = {};
    for (const viewport of Object.keys(CLS_VIEWPORTS) as Viewport[]) {
      const samples: ShiftLog[] = [];
      for (let i = 0; i < runs; i++) samples.push(await loadOnce(bb, page, viewport));
      const cls = samples.map((s) => s.cls).sort((a, b) => a - b);
      const median = r4(percentile(cls, 0.5));
      const worst = samples.reduce((a, b) => (b.cls > a.cls ? b : a));
      goalMet &&= median < CLS_GOAL;
      perViewport[viewport] = {
        median,
        max: r4(cls.at(-1)!),
        goalMet: median < CLS_GOAL,
        samples: samples.map((s) => r4(s.cls)),
        totalShiftMedian: r4(
          percentile(
            samples.map((s) => s.total).sort((a, b) => a - b),
            0.5,
          ),
        ),
        shiftsMedian: percentile(
          samples.map((s) => s.count).sort((a, b) => a - b),
          0.5,
        ),
        largestShiftOfWorstLoad: worst.largest && { ...worst.largest, value: r4(worst.largest.value) },
      };
      log(
        `  CLS ${page.name.padEnd(6)} ${viewport.padEnd(7)} médiane ${median.toFixed(3).replace('.', ',')} · max ${round2(cls.at(-1)!).toFixed(2).replace('.', ',')} (${runs} chargements)${median < CLS_GOAL ? '' : ` ≥ ${String(CLS_GOAL).replace('.', ',')}`}`,
      );
    }
    results[page.name] = { url: page.path, ...perViewport };
  }
  return { goal: CLS_GOAL, goalMet, runs, viewports: CLS_VIEWPORTS, pages: results };
}
