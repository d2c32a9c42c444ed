// How a benchmark runs and fails: the error that stopped it is printed first, then what was started
// (database, API, browser, connections) is stopped in reverse order, and the process exits non-zero.
// Stopping must never hide the error: a connection cut by the database's shutdown
// ("terminating connection due to administrator command") is expected then, not a new failure.
import pg from 'pg';

type Stop = () => Promise<unknown> | unknown;

/** What a benchmark started, stopped last-started first. */
export class Resources {
  private readonly stops: { what: string; stop: Stop }[] = [];
  private stopping = false;

  /** Registers `stop`; the function returned runs it now (and forgets it), for what ends before the run does. */
  add(what: string, stop: Stop): () => Promise<void> {
    const entry = { what, stop };
    this.stops.push(entry);
    return async () => {
      const i = this.stops.indexOf(entry);
      if (i < 0) return;
      this.stops.splice(i, 1);
      await stop();
    };
  }

  /** True once shutdown began: errors of what is being stopped are expected. */
  get closing(): boolean {
    return this.stopping;
  }

  /** Stops everything; returns the failures of the stops themselves (reported after the main error). */
  async stopAll(): Promise<string[]> {
    this.stopping = true;
    const failures: string[] = [];
    for (const { what, stop } of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (e) {
        failures.push(`${what} : ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return failures;
  }
}

/**
 * A pg client connected to `url`, ended before the database it was opened after stops. An error
 * the server sends outside a query (the database going away) is reported, never left unhandled:
 * an unhandled 'error' event would kill the process before the real error is printed.
 */
export async function connectClient(
  resources: Resources,
  what: string,
  url: string,
): Promise<{ client: pg.Client; end: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', (e) => {
    if (!resources.closing) console.error(`${what} : connexion perdue (${e.message})`);
  });
  await client.connect();
  return { client, end: resources.add(what, () => client.end()) };
}

/** `work` with a client of its own, ended afterwards; on failure the client is ended with the rest, after the error is shown. */
export async function withClient<T>(
  resources: Resources,
  what: string,
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const { client, end } = await connectClient(resources, what, url);
  const result = await work(client);
  await end();
  return result;
}

/** Runs a benchmark's `main`; resolves to the exit code for the process (1 if `main` or a stop failed). */
export async function runBench(
  main: (resources: Resources) => Promise<void>,
  report: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  const resources = new Resources();
  let code = 0;
  try {
    await main(resources);
  } catch (e) {
    code = 1;
    // First, before anything is stopped: this is the cause.
    report(`\n✖ Benchmark interrompu : ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    const cause = e instanceof Error ? e.cause : undefined;
    if (cause) report(`  cause : ${cause instanceof Error ? (cause.stack ?? cause.message) : JSON.stringify(cause)}`);
  }
  const failures = await resources.stopAll();
  if (failures.length) {
    code = 1;
    report(`✖ Arrêt incomplet :\n  ${failures.join('\n  ')}`);
  }
  return code;
}
