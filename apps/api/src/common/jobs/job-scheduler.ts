import { Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { BACKGROUND_JOB, type BackgroundJob } from './background-job.js';
import { runPeriodically } from './periodic.js';

/**
 * Starts every provider marked @RegisterJob() (main.ts calls `start()` once; the test app never
 * does) and stops them when the application shuts down. The mail worker is not one of them: it
 * listens for the outbox's notifications and is started at bootstrap when `mailWorker` is set.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly log = new Logger('Tâches');
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  /** The registered jobs. */
  jobs(): BackgroundJob[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(BACKGROUND_JOB, w.metatype) === true)
      .map((w) => w.instance as BackgroundJob);
  }

  start(): void {
    if (this.timers.length) return;
    for (const job of this.jobs()) {
      this.timers.push(
        runPeriodically(
          job.intervalMs,
          () => job.run(),
          (e) => this.log.warn(`${job.jobName} : échec (${String(e)})`),
        ),
      );
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }
}

@Module({
  imports: [DiscoveryModule],
  providers: [JobScheduler],
  exports: [JobScheduler],
})
export class JobsModule {}
