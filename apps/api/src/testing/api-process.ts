// A real API process (apps/api/dist/main.js, as `npm start` runs it) for the tests that need more
// than one instance, a signal, or the production start: spawned with the environment given, ready
// once `GET /api/v1/health` answers 200. Its output is kept for assertions (logs) and shown when it
// fails to start.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../common/database/embedded-postgres.js';

export const API_MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

export interface ApiProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything written on stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ApiProcessOptions {
  /** DATABASE_URL (the application role) and DATABASE_OWNER_URL (migrations). */
  appUrl: string;
  ownerUrl: string;
  /** More environment (overrides the defaults below). */
  env?: Record<string, string | undefined>;
  /** How long to wait for the health check. */
  readyTimeoutMs?: number;
  /** Do not wait for the health check (a start that must fail). */
  noWait?: boolean;
}

/** Spawns `node apps/api/dist/main.js` on a free port against the given database. */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.appUrl,
    DATABASE_OWNER_URL: options.ownerUrl,
    DEMO_DATA: 'false',
    FILES_DIR: mkdtempSync(join(tmpdir(), 'catalogue-process-files-')),
    WEB_DIR: join(tmpdir(), 'catalogue-no-web-app'),
    LOG_LEVEL: 'log',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--enable-source-maps', API_MAIN], {
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const proc: ApiProcess = {
    url,
    port,
    child,
    output: () => out,
    exited,
    stop: async (graceMs = 30_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  if (options.noWait) return proc;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.status === 200) return proc;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await proc.stop(1_000);
  throw new Error(`the API process did not become healthy on ${url}:\n${out}`);
}
