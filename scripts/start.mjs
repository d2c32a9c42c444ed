#!/usr/bin/env node
// npm start: dependencies if missing, build, then the server (embedded PostgreSQL unless DATABASE_URL).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureDependencies, quietEnv, root } from './lib.mjs';

ensureDependencies();
build();
const server = spawn(
  process.execPath,
  ['--enable-source-maps', '--disable-warning=ExperimentalWarning', join(root, 'apps/api/dist/main.js')],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...quietEnv },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
