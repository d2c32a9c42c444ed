import { SetMetadata } from '@nestjs/common';

/**
 * A periodic task of the application (digests, housekeeping, sweeps). The JobScheduler runs
 * `run()` now and then every `intervalMs` once main.ts starts it; tests call `run()` themselves.
 */
export interface BackgroundJob {
  /** For the logs. */
  readonly jobName: string;
  readonly intervalMs: number;
  run(): Promise<unknown>;
}

export const BACKGROUND_JOB = Symbol('BACKGROUND_JOB');

/** Marks a provider implementing BackgroundJob: the JobScheduler finds it (DiscoveryService). */
export const RegisterJob = (): ClassDecorator => SetMetadata(BACKGROUND_JOB, true);
