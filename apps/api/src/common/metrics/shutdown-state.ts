import { Injectable } from '@nestjs/common';

/**
 * Whether the process is stopping (main.ts sets it on SIGTERM): readiness then answers 503 so
 * the proxy stops sending, and the metrics say so.
 */
@Injectable()
export class ShutdownState {
  private since: number | null = null;

  begin(): void {
    this.since ??= Date.now();
  }

  get stopping(): boolean {
    return this.since !== null;
  }
}
