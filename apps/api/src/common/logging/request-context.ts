// Every request gets an id: returned in X-Request-Id, kept for the request's whole async chain so
// that the logger and the audit log can name it without being handed the request.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * What an incoming id must look like to be kept (a proxy's or a client's): short, plain ASCII, no
 * separator a log or a header could trip on. Anything else is replaced, never echoed.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the request being served, or undefined outside any request (jobs, start-up). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `fn` as if inside a request with this id (tests, work done on a request's behalf); a malformed id is replaced. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId: requestIdFrom(requestId) }, fn);
}

/** The incoming id when acceptable, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}

/** First middleware of the app: names the request, answers the name on every response. */
export function requestIdMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    storage.run({ requestId }, next);
  };
}
