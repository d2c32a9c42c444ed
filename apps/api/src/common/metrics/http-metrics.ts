import type { NextFunction, Request, Response } from 'express';
import { matchedRoute } from '../http/route-pattern.js';
import type { Metrics } from './metrics.js';

/** The label of a request no route matched (unknown paths, the web app's files and pages): one series, whatever the URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts each answered request and its duration under its route PATTERN (`/api/v1/tenants/:slug/offers`),
 * read once the response is done, when Express has set `req.route`; a request cut before its
 * answer counts with status 0.
 */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const labels = {
        method: req.method,
        route: matchedRoute(req) ?? UNMATCHED_ROUTE,
        status: String(res.writableFinished ? res.statusCode : 0),
      };
      metrics.httpRequests.inc(labels);
      end(labels);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
