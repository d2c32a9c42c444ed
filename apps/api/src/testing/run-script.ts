// Runs one of the repository's npm scripts (scripts/*.mjs) as an operator types it, without the
// test runner's database settings (the caller gives its own), and keeps its exit code and output.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');

export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const { DATABASE_URL: _u, DATABASE_OWNER_URL: _o, DATABASE_BACKUP_URL: _b, INIT_CWD: _c, ...base } = process.env;
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', script), ...args], {
      cwd: REPO_ROOT,
      env: { ...base, NODE_ENV: 'development', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code, out }));
  });
}
