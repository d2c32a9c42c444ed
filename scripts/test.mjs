#!/usr/bin/env node
// npm test: builds, starts a throw-away embedded PostgreSQL (unless DATABASE_URL is set), migrates
// it with the real migrations as the owner role, then runs every unit and integration test with
// node's test runner; the application code under test connects as the non-owner role.
// Ends with one line: "N passed, N failed[, N skipped]".
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, ensureDependencies, OUTPUTS, quietEnv, root } from './lib.mjs';

ensureDependencies();
// SKIP_BUILD=1: run what is already compiled (several people working in one tree).
if (process.env.SKIP_BUILD !== '1') build();

const { startEmbeddedPostgres } = await import(join(root, 'apps/api/dist/common/database/embedded-postgres.js'));
const { runMigrations } = await import(join(root, 'apps/api/dist/common/database/data-source.js'));
const { syncReferenceData } = await import(join(root, 'apps/api/dist/database/reference-data.js'));
const { loadDemoData } = await import(join(root, 'apps/api/dist/demo/demo-loader.js'));
const { ensureDemoAccounts } = await import(join(root, 'apps/api/dist/demo/demo-accounts.js'));

let server;
let dataDir;
let appUrl = process.env.DATABASE_URL;
let ownerUrl = process.env.DATABASE_OWNER_URL || appUrl;
if (!appUrl) {
  dataDir = mkdtempSync(join(tmpdir(), 'catalogue-test-'));
  server = await startEmbeddedPostgres({ dataDir, database: 'catalogue_test', ephemeral: true });
  ({ appUrl, ownerUrl } = server);
}
let failedSetup = false;
try {
  await runMigrations(ownerUrl);
  await syncReferenceData(ownerUrl);
  // The browser tests walk through the demo départements, as a newcomer would after `npm start`.
  await loadDemoData(ownerUrl);
  await ensureDemoAccounts(ownerUrl);
} catch (e) {
  console.error(e);
  failedSetup = true;
}

function specFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(p).isDirectory()) return specFiles(p);
    return name.endsWith('.spec.js') ? [p] : [];
  });
}
// `--test-name-pattern=…` (and other `--test-*` flags) go to node's test runner; other arguments pick
// the spec files whose path contains them.
const runnerFlags = process.argv.slice(2).filter((a) => a.startsWith('--test-'));
const only = process.argv.slice(2).filter((a) => !a.startsWith('--test-'));
const files = OUTPUTS.map(([out]) => out)
  .flatMap((d) => {
    try {
      return specFiles(join(root, d));
    } catch {
      return [];
    }
  })
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

const counts = { pass: 0, fail: 0, skipped: 0 };
let code = 1;
if (!failedSetup) {
  code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--disable-warning=ExperimentalWarning',
        '--test',
        '--test-concurrency=2',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        '--test-reporter-destination=' + join(dataDir ?? tmpdir(), 'tap.txt'),
        ...runnerFlags,
        ...files,
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: {
          ...process.env,
          ...quietEnv,
          TEST_DATABASE_URL: appUrl,
          TEST_DATABASE_OWNER_URL: ownerUrl,
          ...(server ? { TEST_DATABASE_SUPERUSER_URL: server.superuserUrl('postgres') } : {}),
          NODE_ENV: 'test',
        },
      },
    );
    child.on('exit', (c) => resolve(c ?? 1));
  });
  try {
    const { readFileSync } = await import('node:fs');
    const tap = readFileSync(join(dataDir ?? tmpdir(), 'tap.txt'), 'utf8');
    const last = (key) => Number([...tap.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
    counts.pass = last('pass');
    counts.fail = last('fail') + last('cancelled');
    counts.skipped = last('skipped') + last('todo');
  } catch {
    counts.fail += 1;
  }
} else counts.fail = 1;

if (server) await server.stop().catch(() => undefined);
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
console.log(`\nfichiers de test : ${files.length} (${files.map((f) => relative(root, f)).length})`);
console.log(`${counts.pass} passed, ${counts.fail} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(code === 0 && counts.fail === 0 && counts.pass > 0 ? 0 : 1);
