#!/usr/bin/env node
// Production build of the web app into apps/web/dist, served by the API process at `/`:
// type-check the app (Vite itself does not), then bundle with Vite.
import { join } from 'node:path';
import { root, run } from './lib.mjs';

const web = join(root, 'apps/web');
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(web, 'tsconfig.json')]);
run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: web });
