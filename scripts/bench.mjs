#!/usr/bin/env node
// npm run bench: catalogue search at national scale (tests/bench/search-bench.ts), then the web app
// in headless Chromium (tests/bench/web-bench.ts) on the same data, then concurrent bookings of one
// tenant (tests/bench/sessions-bench.ts, in a small database of its own), then concurrent
// registrations over HTTP (tests/bench/registrations-bench.ts, in a small database of its own), then
// the coverage gaps of one theme over the département with the most communes (tests/bench/coverage-bench.ts).
//   npm run bench                     all five
//   npm run bench -- search           the search only
//   npm run bench -- web              the web app only
//   npm run bench -- sessions         the bookings only
//   npm run bench -- registrations    the registrations only
//   npm run bench -- indicators       the indicators' endpoints and execution report (20,000 offers, 200,000 registrations; --api-runs, --keep)
//   npm run bench -- coverage         the coverage gaps only
//   npm run bench -- import           the partners' spreadsheet import (5,000 lines: dry run and import; --import-lines, --import-runs)
//   npm run bench -- export           the data·inclusion export of 20,000 services (JSON and CSV): time and peak memory
//   npm run bench -- index-memory     the heap one tenant's search index retains for 20,000 offers, and its build time
// Options follow the part (tests/bench/bench-env.ts), e.g. `npm run bench -- web --runs 30`; a tiny
// run elsewhere: `npm run bench -- --offers 300 --largest 150 --tenants 3 --data-dir /tmp/b --results /tmp/b`.
// A failed part stops the run with its error and a non-zero exit code.
import { join } from 'node:path';
import { build, ensureDependencies, run, root } from './lib.mjs';

const PARTS = [
  'search',
  'web',
  'sessions',
  'registrations',
  'indicators',
  'coverage',
  'import',
  'export',
  'index-memory',
];
const args = process.argv.slice(2);
const parts = PARTS.includes(args[0]) ? [args.shift()] : PARTS;

ensureDependencies();
build();
for (const part of parts) {
  run(process.execPath, [
    '--enable-source-maps',
    '--disable-warning=ExperimentalWarning',
    ...(part === 'export' || part === 'index-memory' ? ['--expose-gc'] : []),
    join(root, `tests/dist/bench/${part}-bench.js`),
    ...args,
  ]);
}
