// One line per request once its response is done: method, route PATTERN (never the URL: no query
// string, no id, no email), status, duration, size, and the request id (from the logger's context).
// Never the body, the cookies nor the Authorization header.
import { AsyncResource } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { matchedRoute } from '../http/route-pattern.js';

export const ACCESS_LOG_CONTEXT = 'Accès';

export interface AccessRecord {
  method: string;
  route: string;
  status: number;
  durationMs: number;
  bytes: number;
  aborted?: true;
}

/** A name for requests matched by no route, from the path's shape only (the path itself may carry data). */
function unroutedName(req: Request): { route: string; asset: boolean } {
  // originalUrl: `req.path` is relative to wherever the answering handler was mounted.
  const path = req.originalUrl.split('?')[0]!;
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/dev/'))
    return { route: '<unmatched>', asset: false };
  if (req.method !== 'GET' && req.method !== 'HEAD') return { route: '<unmatched>', asset: false };
  // The web app's files (…/x.js, favicon.svg) against its pages (client-side routes, no extension).
  return /\.[A-Za-z0-9]{1,8}$/.test(path) ? { route: '<static>', asset: true } : { route: '<web-app>', asset: false };
}

/** The route pattern that answered, or a name from the path's shape when none did. */
export function routePattern(req: Request): { route: string; asset: boolean } {
  const route = matchedRoute(req);
  return route !== null ? { route, asset: false } : unroutedName(req);
}

/** Registered right after the request id, so that it times (and sizes) everything after it. */
export function accessLog(logger = new Logger(ACCESS_LOG_CONTEXT)) {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    let bytes = 0;
    // Bytes of body as sent (after compression, which writes through these).
    const write = res.write;
    const end = res.end;
    const count = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === 'string')
        bytes += Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
    };
    res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
      count(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Response['write'];
    res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
      if (typeof chunk !== 'function') count(chunk, rest[0]);
      return (end as (...a: unknown[]) => Response).call(this, chunk, ...rest);
    } as Response['end'];

    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const { route, asset } = routePattern(req);
      const record: AccessRecord = {
        method: req.method,
        route,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100,
        bytes,
        ...(aborted ? { aborted: true as const } : {}),
      };
      const line = `${record.method} ${record.route} ${record.status} ${record.durationMs} ms`;
      // The web app's files are many and dull: seen only at LOG_LEVEL=debug.
      if (asset) logger.debug(line, record);
      else logger.log(line, record);
    };
    // Bound to the request's context, so that the line carries its id whatever emits these events.
    res.once(
      'finish',
      AsyncResource.bind(() => finish(false)),
    );
    res.once(
      'close',
      AsyncResource.bind(() => finish(!res.writableFinished)),
    );
    next();
  };
}
