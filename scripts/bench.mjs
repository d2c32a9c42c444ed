#!/usr/bin/env node
// npm run bench: catalogue search at national scale (see tests/bench/search-bench.ts).
import { join } from 'node:path';
import { build, ensureDependencies, run, root } from './lib.mjs';

ensureDependencies();
build();
run(process.execPath, ['--enable-source-maps', '--disable-warning=ExperimentalWarning', join(root, 'tests/dist/bench/search-bench.js'), ...process.argv.slice(2)]);
