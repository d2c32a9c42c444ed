// Security headers of every response (helmet), with a Content-Security-Policy fitted to the web app:
// its own scripts and styles (the Vite build has no inline script; the configuration is a <meta>),
// images from itself, data: URIs and the configured map tiles.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { MapTilesConfig } from '../../config/env.js';

/**
 * The origin the map's tiles come from, as a CSP source: `https://tile.example.org`, a wildcard for
 * Leaflet's `{s}` subdomains, or null when there are no tiles or they are served by ourselves.
 */
export function tileSource(tiles: Pick<MapTilesConfig, 'url'>): string | null {
  if (!tiles.url) return null;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tiles.url);
  if (!m) return null; // a /path template: same origin
  const host = m[2]!.replace(/\{s\}/g, '*').toLowerCase();
  return /^[a-z0-9*.:[\]-]+$/.test(host) ? `${m[1]!.toLowerCase()}://${host}` : null;
}

export interface SecurityHeadersOptions {
  tiles: Pick<MapTilesConfig, 'url'>;
  /** HTTPS only: HSTS and upgrade-insecure-requests. */
  production: boolean;
  /** Path prefixes of pages with inline styles (the Swagger UI, the demo mailbox): allowed there only. */
  inlineStylePaths: string[];
}

export function securityHeaders({ tiles, production, inlineStylePaths }: SecurityHeadersOptions) {
  const tile = tileSource(tiles);
  const directives = {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', ...(tile ? [tile] : [])],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    scriptSrcAttr: ["'none'"],
    upgradeInsecureRequests: production ? [] : null,
  };
  const common = {
    // The map's tile servers (OpenStreetMap's policy) want to know which site asks.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
    xFrameOptions: { action: 'deny' as const },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
  const site = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives } });
  const relaxed = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  const prefixes = inlineStylePaths.map((p) => `/${p.replace(/^\/|\/$/g, '')}`);
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const inlineStyles = prefixes.some((p) => path === p || path.startsWith(`${p}/`));
    (inlineStyles ? relaxed : site)(req, res, next);
  };
}
