// data·inclusion export benchmark (issue 16): --largest services (default 20,000) exported as JSON
// and as CSV, time and peak memory of the process.
//  1. its own embedded PostgreSQL database (--data-dir, catalogue_bench_export), migrated, with the
//     reference communes and --largest offers in the département with the most communes, generated as
//     the search and coverage benchmarks do (demo templates, places weighted by population), all
//     published;
//  2. the module's own code in process (Nest context, DataInclusionExportService in a tenant
//     transaction, as a request runs it), the body written to a sink that drops it (a client reading
//     as fast as it can); one unmeasured run, then --runs measured ones (5 at most) per format, memory
//     sampled every 5 ms (RSS and V8 heap, peak minus the value just before the export).
// Results: bench/results/export.json.
import 'reflect-metadata';
import { loadCommunes } from '@catalogue/domain/geo';
import { TenantTransaction } from '@catalogue/api/common/tenancy/tenant-transaction.js';
import {
  DataInclusionExportService,
  EXPORT_BATCH,
  type ExportFormat,
} from '@catalogue/api/modules/data-inclusion-export/data-inclusion-export.service.js';
import { benchOptions, log, machineInfo, round2, writeResults } from './bench-env.js';
import { runBench, type Resources } from './bench-run.js';
import { startPublishedTenant } from './published-tenant.js';

const DATABASE = 'catalogue_bench_export';
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

interface Run {
  /** Live heap (after a forced collection at each batch) minus before; null without --expose-gc or when timed. */
  peakLiveHeapDeltaMiB: number | null;
  ms: number;
  bytes: number;
  records: number;
  peakRssDeltaMiB: number;
  peakHeapDeltaMiB: number;
  peakRssMiB: number;
}

async function main(resources: Resources): Promise<void> {
  const options = benchOptions();
  const code = largestDepartement();
  const offers = options.spec.largestTenantOffers;
  const runs = Math.min(options.runs, MAX_RUNS);
  const { tenant, generationSeconds, context } = await startPublishedTenant(resources, options, DATABASE, code, offers);
  const service = context.get(DataInclusionExportService);
  const transaction = context.get(TenantTransaction);

  // Every record carries its source once (and nothing else does): a count of records without parsing.
  const source = `catalogue-insertion-${tenant.slug}`;
  const once = async (format: ExportFormat, collectEachBatch = false): Promise<Run> => {
    global.gc?.();
    let peakLive: number | null = null;
    const rss0 = process.memoryUsage.rss();
    const heap0 = process.memoryUsage().heapUsed;
    let peakRss = rss0;
    let peakHeap = heap0;
    const sample = () => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    };
    const timer = setInterval(sample, 5);
    const start = performance.now();
    let bytes = 0;
    let records = 0;
    await transaction.run(tenant, async () => {
      const prepared = await service.prepare(tenant, 'services', format);
      for await (const chunk of prepared.chunks()) {
        bytes += Buffer.byteLength(chunk);
        records += chunk.split(source).length - 1;
        sample();
        if (collectEachBatch && global.gc) {
          // What the export keeps alive (not the garbage it leaves for the collector).
          global.gc();
          peakLive = Math.max(peakLive ?? 0, process.memoryUsage().heapUsed - heap0);
        }
        // Yield to the event loop as a socket write would, so the sampler runs during the export.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    });
    const ms = performance.now() - start;
    clearInterval(timer);
    sample();
    return {
      peakLiveHeapDeltaMiB: peakLive === null ? null : round2(peakLive / MiB),
      ms,
      bytes,
      records,
      peakRssDeltaMiB: round2((peakRss - rss0) / MiB),
      peakHeapDeltaMiB: round2((peakHeap - heap0) / MiB),
      peakRssMiB: round2(peakRss / MiB),
    };
  };

  const results: Record<string, unknown> = {};
  for (const format of ['json', 'csv'] as const) {
    await once(format); // warm-up
    const measured: Run[] = [];
    for (let i = 0; i < runs; i++) measured.push(await once(format));
    const last = measured[measured.length - 1]!;
    const live = await once(format, true); // untimed: a collection after each batch
    const r = {
      services: last.records,
      megabytes: round2(last.bytes / MiB),
      runs: measured.length,
      medianMs: round2(median(measured.map((m) => m.ms))),
      maxMs: round2(Math.max(...measured.map((m) => m.ms))),
      peakRssDeltaMiB: Math.max(...measured.map((m) => m.peakRssDeltaMiB)),
      peakHeapDeltaMiB: Math.max(...measured.map((m) => m.peakHeapDeltaMiB)),
      peakRssMiB: Math.max(...measured.map((m) => m.peakRssMiB)),
      peakLiveHeapDeltaMiB: live.peakLiveHeapDeltaMiB,
    };
    results[format] = r;
    log(
      `${format} : ${r.services} services, ${r.megabytes} Mio — médiane ${r.medianMs} ms, pic mémoire +${r.peakRssDeltaMiB} Mio RSS, +${r.peakHeapDeltaMiB} Mio tas (dont vivant : +${r.peakLiveHeapDeltaMiB ?? '?'} Mio)`,
    );
  }
  const out = {
    dataset: { departement: code, services: offers, batch: EXPORT_BATCH, generationSeconds },
    measure:
      'in process: DataInclusionExportService.prepare(…).chunks() in a tenant transaction, written to a sink; memory sampled every 5 ms, peak minus the value before the export (garbage collected first when --expose-gc); peakLiveHeapDeltaMiB: one more untimed run collecting garbage after each batch, the heap the export keeps alive',
    results,
    machine: machineInfo(),
  };
  const file = writeResults(options, 'export.json', out);
  log(`Résultats : ${file}`);
}

process.exit(await runBench(main));
