// Search index memory benchmark (issue 17): what one tenant's in-memory search index costs each API
// instance, for --largest offers (default 20,000) in the département with the most communes.
//  1. its own embedded PostgreSQL database (--data-dir, catalogue_bench_index), migrated, with the
//     reference communes and --largest published offers, generated as the export benchmark does;
//  2. the module's own code in process: the offers read as a rebuild reads them (a tenant
//     transaction), then a CatalogueIndex built, each timed; the memory the index retains (V8 heap
//     and typed arrays) measured after forced collections (--expose-gc), minus the memory before.
// One unmeasured run, then --runs measured ones (5 at most); the median is kept.
// Results: bench/results/index-memory.json (the numbers of docs/plusieurs-instances.md).
import 'reflect-metadata';
import { loadCommunes } from '@catalogue/domain/geo';
import { TenantTransaction } from '@catalogue/api/common/tenancy/tenant-transaction.js';
import { OffersCatalogue } from '@catalogue/api/modules/offers/offers-catalogue.service.js';
import { CatalogueIndex } from '@catalogue/api/modules/search/catalogue-index.js';
import { benchOptions, log, machineInfo, round2, writeResults } from './bench-env.js';
import { runBench, type Resources } from './bench-run.js';
import { startPublishedTenant } from './published-tenant.js';

const DATABASE = 'catalogue_bench_index';
const MAX_RUNS = 5;
const MiB = 2 ** 20;

function largestDepartement(): string {
  const counts = new Map<string, number>();
  for (const c of loadCommunes()) counts.set(c.departement, (counts.get(c.departement) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Live memory after collections (twice: finalizers may free more): the V8 heap and the typed arrays' buffers outside it. */
function liveMemory(): number {
  global.gc!();
  global.gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

async function main(resources: Resources): Promise<void> {
  if (!global.gc) throw new Error('lancer avec --expose-gc (npm run bench -- index-memory le fait)');
  const options = benchOptions();
  const code = largestDepartement();
  const offers = options.spec.largestTenantOffers;
  const runs = Math.min(options.runs, MAX_RUNS);
  const { tenant, generationSeconds, context } = await startPublishedTenant(resources, options, DATABASE, code, offers);
  const catalogue = context.get(OffersCatalogue);
  const transaction = context.get(TenantTransaction);

  const once = async () => {
    // Read as a rebuild reads (a tenant transaction), then built from a copy of the rows of its own,
    // dropped once built: the heap left is what the index itself keeps.
    let start = performance.now();
    const rows = await transaction.run(tenant, () => catalogue.loadIndexedOffers());
    const loadMs = performance.now() - start;
    const before = liveMemory();
    let copy: typeof rows | null = structuredClone(rows);
    start = performance.now();
    const index = new CatalogueIndex(copy);
    const buildMs = performance.now() - start;
    copy = null;
    const retained = liveMemory() - before;
    if (index.size !== offers) throw new Error(`index de ${index.size} offres au lieu de ${offers}`);
    return { loadMs, buildMs, retainedMiB: retained / MiB };
  };

  await once(); // warm-up (compiled code, connection)
  const measured: { loadMs: number; buildMs: number; retainedMiB: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await once();
    measured.push(m);
    log(
      `mesure ${i + 1} : lu en ${round2(m.loadMs)} ms, construit en ${round2(m.buildMs)} ms, ${round2(m.retainedMiB)} Mio retenus`,
    );
  }
  const med = (f: (m: (typeof measured)[number]) => number) => median(measured.map(f));
  const results = {
    offers,
    runs: measured.length,
    medianRetainedMiB: round2(med((m) => m.retainedMiB)),
    maxRetainedMiB: round2(Math.max(...measured.map((m) => m.retainedMiB))),
    medianLoadMs: round2(med((m) => m.loadMs)),
    medianBuildMs: round2(med((m) => m.buildMs)),
    medianRebuildMs: round2(med((m) => m.loadMs + m.buildMs)),
    bytesPerOffer: Math.round((med((m) => m.retainedMiB) * MiB) / offers),
  };
  log(
    `Index de ${offers} offres : ${results.medianRetainedMiB} Mio retenus, lu en ${results.medianLoadMs} ms et construit en ${results.medianBuildMs} ms (médianes)`,
  );
  const out = {
    dataset: { departement: code, offers, generationSeconds },
    measure:
      'in process: OffersCatalogue.loadIndexedOffers() in a tenant transaction (loadMs), then new CatalogueIndex(copy of the rows) (buildMs), the copy dropped; retained = heapUsed + external (typed arrays) after forced collections (--expose-gc) with the index alive, minus the same before the copy; one warm-up, then the median of the runs. A rebuild costs loadMs + buildMs',
    results,
    machine: machineInfo(),
  };
  const file = writeResults(options, 'index-memory.json', out);
  log(`Résultats : ${file}`);
}

process.exit(await runBench(main));
