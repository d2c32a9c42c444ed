import { createServer } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { HttpTimeouts } from '../../config/settings.js';

/** A connection that sends nothing for this long, mid-request or mid-response, is closed. */
export const IDLE_SOCKET_MS = 60_000;

/**
 * Express under Nest, on an HTTP server that does not wait forever for slow clients: headers and
 * whole requests have a deadline (Node answers 408 and closes), idle keep-alive connections close,
 * and a connection that stalls is dropped. Node checks the deadlines on a timer; it runs often
 * enough here for them to hold to within a quarter of the shortest one.
 */
export class LimitedExpressAdapter extends ExpressAdapter {
  constructor(private readonly timeouts: HttpTimeouts) {
    super();
  }

  override initHttpServer(_options: NestApplicationOptions): void {
    const { headersMs, requestMs, keepAliveMs } = this.timeouts;
    const server = createServer(
      {
        headersTimeout: headersMs,
        requestTimeout: requestMs,
        connectionsCheckingInterval: Math.min(5_000, Math.max(50, Math.floor(Math.min(headersMs, requestMs) / 4))),
      },
      this.getInstance(),
    );
    server.keepAliveTimeout = keepAliveMs;
    server.setTimeout(Math.max(IDLE_SOCKET_MS, requestMs));
    this.setHttpServer(server);
  }
}
