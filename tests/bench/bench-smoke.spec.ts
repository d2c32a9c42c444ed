// `npm run bench` on a tiny dataset, so the benchmark cannot rot unnoticed: every part runs as
// `npm run bench` runs them (the compiled scripts, a fresh benchmark database generated in a
// temporary directory, the real API, HTTP and in-process measures, the browser), write their
// results to a temporary directory, and must succeed. The recorded bench/results are never touched.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from './bench-browser.js';
import { root } from './bench-env.js';

const REQUESTS = 5;
const CLS_RUNS = 1;
const TIMEOUT_MS = 10 * 60_000;
const skipWeb = chromiumPath
  ? false
  : 'Chromium absent : benchmark web non vérifié (apt-get install -y chromium, ou CHROMIUM_PATH)';

/** Runs one part of the benchmark as `npm run bench -- <part>` does, outside the test environment. */
function runPart(
  part:
    'search' | 'web' | 'sessions' | 'registrations' | 'indicators' | 'coverage' | 'import' | 'export' | 'index-memory',
  args: string[],
): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => k !== 'NODE_ENV' && !k.startsWith('TEST_') && !k.startsWith('NODE_TEST'),
    ),
  );
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--disable-warning=ExperimentalWarning',
      ...(part === 'index-memory' ? ['--expose-gc'] : []),
      join(root, `tests/dist/bench/${part}-bench.js`),
      ...args,
    ],
    { cwd: root, env },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

const recorded = (): Record<string, string> => {
  const dir = join(root, 'bench/results');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
};

const isMs = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x >= 0;

describe('benchmark smoke run: 300 offers over 3 départements', { timeout: TIMEOUT_MS }, () => {
  let dir: string;
  let args: string[];
  let recordedBefore: Record<string, string>;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalogue-bench-smoke-'));
    args = [
      '--offers',
      '300',
      '--largest',
      '150',
      '--tenants',
      '3',
      '--data-dir',
      join(dir, 'db'),
      '--results',
      join(dir, 'results'),
    ];
    recordedBefore = recorded();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('search: generates a fresh database, times the API over HTTP and the service in process, writes search.json', async () => {
    const { code, output } = await runPart('search', [...args, '--requests', String(REQUESTS), '--concurrency', '2']);
    assert.equal(code, 0, `npm run bench -- search failed:\n${output.slice(-6000)}`);
    assert.match(output, /Génération terminée/);
    const out = JSON.parse(readFileSync(join(dir, 'results/search.json'), 'utf8'));
    assert.equal(out.dataset.tenants, 3);
    assert.equal(out.dataset.totalOffers, 300);
    for (const kind of ['text', 'geo', 'text_geo_facets', 'facets']) {
      const r = out.results[kind];
      assert.ok(r, `${kind} measured`);
      for (const part of ['httpClient', 'serverTiming', 'sqlDirect']) {
        assert.equal(r[part].n, REQUESTS, `${kind}.${part}.n`);
        assert.ok(isMs(r[part].p50) && isMs(r[part].p95), `${kind}.${part}: ${JSON.stringify(r[part])}`);
      }
      assert.ok(r.throughputRps > 0, `${kind} throughput`);
    }
    assert.ok(out.results.text.matchedOffers.max > 0, 'the text queries find offers');
    assert.ok(
      isMs(out.index.coldFirstSearchMs) && isMs(out.index.changeSearchableAfterMs),
      `index: ${JSON.stringify(out.index)}`,
    );
  });

  it(
    'web: the built app in Chromium, initial JavaScript, markers and layout shifts, writes web.json',
    { skip: skipWeb },
    async () => {
      const screenshot = join(dir, 'markers.png');
      const { code, output } = await runPart('web', [
        ...args,
        '--runs',
        '1',
        '--cls-runs',
        String(CLS_RUNS),
        '--warm-up',
        '0',
        '--screenshot',
        screenshot,
      ]);
      assert.equal(code, 0, `npm run bench -- web failed:\n${output.slice(-6000)}`);
      const out = JSON.parse(readFileSync(join(dir, 'results/web.json'), 'utf8'));
      assert.equal(out.dataset.tenants, 3);
      assert.ok(
        out.initialLoad.javascript.gzipBytes > 0 && out.initialLoad.javascript.count > 0,
        'initial JavaScript measured',
      );
      assert.ok(
        out.markers.markers > 0 && isMs(out.markers.markersMs.median),
        `markers: ${JSON.stringify(out.markers.markersMs)}`,
      );
      assert.ok(existsSync(screenshot), 'the markers screenshot is written where asked');
      const cls = out.layoutShift;
      assert.equal(cls.goal, 0.1);
      assert.deepEqual(cls.viewports.desktop.viewport, { width: 1350, height: 940 });
      assert.deepEqual(cls.viewports.phone.viewport, { width: 390, height: 844 });
      for (const page of ['home', 'search', 'offer']) {
        for (const viewport of ['desktop', 'phone']) {
          const m = cls.pages[page]?.[viewport];
          assert.ok(
            m && typeof m.median === 'number' && m.median >= 0 && m.samples.length === CLS_RUNS,
            `CLS ${page} ${viewport}: ${JSON.stringify(m)}`,
          );
          assert.equal(m.goalMet, m.median < 0.1);
        }
      }
    },
  );

  it('sessions: concurrent bookings leave the catalogue version and do not wait on each other, writes sessions.json', async () => {
    const { code, output } = await runPart('sessions', [...args, '--rounds', '2']);
    assert.equal(code, 0, `npm run bench -- sessions failed:\n${output.slice(-6000)}`);
    const out = JSON.parse(readFileSync(join(dir, 'results/sessions.json'), 'utf8'));
    const { current, beforeMigration } = out.results;
    assert.equal(out.setup.writers, 50);
    assert.equal(
      current.seatsBooked,
      2 * 3 * 50,
      'every booking took a seat (one warm-up round and two measured, each way)',
    );
    assert.equal(
      current.catalogueVersion.after,
      current.catalogueVersion.before,
      'bookings leave the catalogue version',
    );
    assert.ok(current.placesOpenUntilUnchanged, 'and places_open_until');
    // Generous: 50 transactions holding 20 ms each take about 1 s one after another, about 0.1 s at once.
    assert.ok(
      current.concurrentOverSequential < 0.5,
      `concurrent ${current.concurrentMs.median} ms, sequential ${current.sequentialMs.median} ms`,
    );
    assert.ok(
      beforeMigration.catalogueVersion.after > beforeMigration.catalogueVersion.before,
      'the comparison runs with the old triggers, which move the version on every booking',
    );
  });

  it('registrations: people register, cancel and are accepted at once over HTTP; exact seats, wait list in order, writes registrations.json', async () => {
    const { code, output } = await runPart('registrations', [
      ...args,
      '--beneficiaries',
      '30',
      '--seats',
      '5',
      '--reviews',
      '10',
      '--review-seats',
      '3',
    ]);
    assert.equal(code, 0, `npm run bench -- registrations failed:\n${output.slice(-6000)}`);
    const out = JSON.parse(readFileSync(join(dir, 'results/registrations.json'), 'utf8'));
    const { automatic, cancellations, reviewRegistrations, reviewAccepts } = out.results;
    assert.deepEqual(out.checks.failed, []);
    assert.ok(out.goalMet);
    assert.deepEqual(automatic.statuses, { 201: 30 });
    assert.equal(automatic.accepted, 5);
    assert.equal(automatic.waitlisted, 25);
    assert.ok(automatic.arrival.positionsMatchCommitOrder && automatic.arrival.acceptedCommittedFirst);
    assert.deepEqual(cancellations.statuses, { 200: 5 });
    assert.equal(cancellations.promoted, 5);
    assert.ok(cancellations.promotedInOrder);
    assert.equal(reviewRegistrations.pending, 10);
    assert.equal(reviewAccepts.accepted, 3);
    assert.equal(reviewAccepts.waitlisted, 7);
    assert.ok(reviewAccepts.arrival.positionsMatchCommitOrder);
    for (const p of [automatic, cancellations, reviewRegistrations, reviewAccepts])
      assert.ok(isMs(p.clientMs.p50) && isMs(p.clientMs.p95) && p.perSecond > 0, JSON.stringify(p.clientMs));
  });

  it('indicators: generates its tenant, times the indicators endpoints over HTTP, writes indicators.json', async () => {
    const { code, output } = await runPart('indicators', [...args, '--api-runs', '3']);
    assert.equal(code, 0, `npm run bench -- indicators failed:\n${output.slice(-6000)}`);
    const out = JSON.parse(readFileSync(join(dir, 'results/indicators.json'), 'utf8'));
    assert.equal(out.dataset.offers, 150);
    assert.equal(out.dataset.registrations, 1500);
    for (const r of Object.values(out.results) as { serverTiming: { n: number; p95: number } }[])
      assert.ok(r.serverTiming.n === 3 && isMs(r.serverTiming.p95), JSON.stringify(r));
  });

  it('coverage: one theme over the largest département’s communes, in process, writes coverage.json', async () => {
    const { code, output } = await runPart('coverage', [...args, '--runs', '2']);
    assert.equal(code, 0, `npm run bench -- coverage failed:\n${output.slice(-6000)}`);
    const out = JSON.parse(readFileSync(join(dir, 'results/coverage.json'), 'utf8'));
    assert.equal(out.dataset.offers, 150);
    assert.ok(out.dataset.communes > 500, `${out.dataset.departement}: ${out.dataset.communes} communes`);
    for (const theme of ['mobilite', 'numerique']) {
      const r = out.results[theme];
      assert.equal(r.communes, out.dataset.communes, `${theme}: every commune measured`);
      assert.equal(r.runs, 2);
      assert.ok(isMs(r.p50) && isMs(r.p95), `${theme}: ${JSON.stringify(r)}`);
    }
    assert.ok(out.results.mobilite.places > 0, 'the generated mobility offers have places');
  });

  it('import: a spreadsheet uploaded over HTTP as a dry run then imported, time and peak memory, writes import.json', async () => {
    const { code, output } = await runPart('import', [...args, '--import-lines', '100', '--import-runs', '2']);
    assert.equal(code, 0, `npm run bench -- import failed:\n${output.slice(-6000)}`);
    const out = JSON.parse(readFileSync(join(dir, 'results/import.json'), 'utf8'));
    assert.equal(out.dataset.lines, 100);
    for (const kind of ['dryRun', 'import']) {
      const r = out.results[kind];
      assert.deepEqual(r.counts, { created: 98, updated: 0, unchanged: 0, refused: 2 }, kind);
      assert.ok(r.p50Seconds > 0 && r.peakMemoryMiB > 0, `${kind}: ${JSON.stringify(r)}`);
    }
    assert.deepEqual(out.check, { submittedOffers: 196, agentEmails: 2 });
  });

  it('export: the data·inclusion services as JSON and CSV, in process, writes export.json with time and peak memory', async () => {
    const { code, output } = await runPart('export', [...args, '--runs', '2']);
    assert.equal(code, 0, `npm run bench -- export failed:\n${output.slice(-6000)}`);
    const out = JSON.parse(readFileSync(join(dir, 'results/export.json'), 'utf8'));
    assert.equal(out.dataset.services, 150);
    for (const format of ['json', 'csv']) {
      const r = out.results[format];
      assert.equal(r.services, 150, `${format}: every service exported`);
      assert.equal(r.runs, 2);
      assert.ok(isMs(r.medianMs) && r.peakRssMiB > 0 && typeof r.peakHeapDeltaMiB === 'number', JSON.stringify(r));
    }
  });

  it('index-memory: one tenant’s search index, heap retained and build time, writes index-memory.json', async () => {
    const { code, output } = await runPart('index-memory', [...args, '--runs', '2']);
    assert.equal(code, 0, `npm run bench -- index-memory failed:\n${output.slice(-6000)}`);
    const out = JSON.parse(readFileSync(join(dir, 'results/index-memory.json'), 'utf8'));
    assert.equal(out.results.offers, 150);
    assert.equal(out.results.runs, 2);
    assert.ok(out.results.medianRetainedMiB > 0 && isMs(out.results.medianBuildMs), JSON.stringify(out.results));
  });

  it('leaves the recorded results (bench/results/*.json) untouched', () => {
    assert.deepEqual(recorded(), recordedBefore);
  });
});
