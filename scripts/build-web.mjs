#!/usr/bin/env node
// Production build of the web app (Vite) into apps/web/dist, served by the API process at `/`.
import { join } from 'node:path';
import { root, run } from './lib.mjs';

run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: join(root, 'apps/web') });
