import type { Request } from 'express';

/**
 * The pattern of the Express route that answered (Nest registers the full path, e.g.
 * `/api/v1/tenants/:slug/offers/:id`), read once the response is done; null when no route did.
 * A catch-all (Nest's 404 under the API prefix, `/api/v1*path`; the web app's pages) names no route.
 * The access log and the request metrics both label requests with it: never the URL, which may
 * carry ids, emails or tokens.
 */
export function matchedRoute(req: Request): string | null {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return route && typeof route.path === 'string' && !route.path.includes('*') ? `${req.baseUrl}${route.path}` : null;
}
