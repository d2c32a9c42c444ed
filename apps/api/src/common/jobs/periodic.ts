/**
 * Runs `work` now, then every `intervalMs`, without keeping the process alive (background jobs
 * started by main.ts). A failed run is handed to `onError` and the next one still happens.
 */
export function runPeriodically(
  intervalMs: number,
  work: () => Promise<unknown>,
  onError: (e: unknown) => void,
): NodeJS.Timeout {
  const tick = () => void work().catch(onError);
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return timer;
}
