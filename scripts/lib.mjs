// Helpers shared by the npm scripts (plain Node: they run before dependencies are installed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Nx and friends must never prompt, phone home or wait for a daemon. */
export const quietEnv = {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_SKIP_NX_CACHE: 'false',
  SCARF_ANALYTICS: 'false',
  DO_NOT_TRACK: '1',
};

export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
    env: { ...process.env, ...quietEnv, ...(options.env ?? {}) },
  });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} a échoué (code ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && (!existsSync(lock) || statSync(lock).mtimeMs <= statSync(marker).mtimeMs)) return;
  // `npm install` follows the lock file; unlike `npm ci` it tolerates optional platform packages
  // (Nx's binaries for other systems) that a registry mirror may not carry.
  console.log('Installation des dépendances (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
}

/** Compiled outputs (directory → its sources), where the test runner finds the specs; a file moved or deleted leaves its old output here. */
export const OUTPUTS = [
  ['apps/api/dist', 'apps/api/src'],
  ['libs/contracts/dist', 'libs/contracts/src'],
  ['libs/domain/dist', 'libs/domain'],
  ['tests/dist', 'tests'],
  ['apps/web/dist-test', 'apps/web/src'],
];

/**
 * Removes the outputs whose source is gone (`tsc -b` never does), so that a moved spec is not run
 * twice, once from its stale copy, and nothing imports a module that no longer exists.
 */
export function pruneStaleOutputs() {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
    );
  for (const [out, src] of OUTPUTS) {
    const outDir = join(root, out);
    if (!existsSync(outDir)) continue;
    for (const file of walk(outDir)) {
      const m = file.match(/^(.*)\.(js|js\.map|d\.ts|d\.ts\.map)$/);
      if (!m) continue;
      const base = join(root, src, m[1].slice(outDir.length));
      if (!['.ts', '.tsx'].some((ext) => existsSync(base + ext))) rmSync(file);
    }
  }
}

/** Compiles every TypeScript project (incremental) and builds the web app. */
export function build() {
  pruneStaleOutputs();
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.json']);
  // SKIP_WEB_BUILD=1: API-only work (the last built web stays in apps/web/dist).
  if (process.env.SKIP_WEB_BUILD !== '1') run(process.execPath, [join(root, 'scripts/build-web.mjs')]);
}

/**
 * The API's code compiled for a command-line tool (incremental; the web app is not needed). In
 * production a built release is used as it is: the service's tree may be read-only (systemd's
 * ProtectSystem=strict), and the release was built once by `npm run build`.
 */
export function compileApi() {
  if (process.env.NODE_ENV === 'production' && existsSync(join(root, 'apps/api/dist/main.js'))) return;
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'apps/api/tsconfig.json']);
}
