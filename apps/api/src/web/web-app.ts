// Serves the built web app beside the API: hashed assets cached for good, and index.html, with
// the server's settings written into it, for the home page and every client-side route.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { MapTilesConfig } from '../config/env.js';

/** What the web app reads from `<meta name="catalogue-config">` (apps/web/src/app/config.ts). */
export interface WebClientConfig {
  tiles: MapTilesConfig;
}

const CONFIG_META = /<meta\s+name="catalogue-config"\s+content="[^"]*"\s*\/?>/;

/** Text made safe inside a double- or single-quoted HTML attribute. */
export function escapeHtmlAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * index.html with the configuration as JSON in its `catalogue-config` meta (added before
 * `</head>` if the page has none).
 */
export function renderIndexHtml(html: string, config: WebClientConfig): string {
  const meta = `<meta name="catalogue-config" content="${escapeHtmlAttribute(JSON.stringify(config))}" />`;
  // Replacement by function: a `$&` in the configuration stays literal.
  if (CONFIG_META.test(html)) return html.replace(CONFIG_META, () => meta);
  return html.includes('</head>') ? html.replace('</head>', () => `${meta}\n</head>`) : html;
}

export interface WebAppOptions {
  webDir: string;
  config: WebClientConfig;
  /** Whether a path's first segment is a tenant slug: its pages answer 200, any other 404. */
  isTenantSlug: (slug: string) => Promise<boolean>;
}

/** First path segments of the web app's own pages (sign-in, personal space, platform admin): not tenant slugs. */
export const APP_SEGMENTS: ReadonlySet<string> = new Set([
  'connexion',
  'inscription',
  'mot-de-passe-oublie',
  'espace',
  'admin',
]);

/**
 * The platform's information pages (accessibility, legal notice, personal data, site map: the
 * DSFR footer's links), answered at these exact paths; a tenant's own are under its slug.
 */
export const INFO_PAGES: ReadonlySet<string> = new Set([
  'accessibilite',
  'mentions-legales',
  'donnees-personnelles',
  'plan-du-site',
]);

/** Files Vite names by their content hash: they never change under the same name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const OTHER_FILES = 'public, max-age=3600';

/**
 * Mounts the web app when `webDir` holds an index.html (read and rendered once, here). Paths
 * under /api never reach it: an unknown API path keeps its JSON 404.
 */
export function serveWebApp(app: NestExpressApplication, { webDir, config, isTenantSlug }: WebAppOptions): boolean {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const page = renderIndexHtml(readFileSync(indexFile, 'utf8'), config);
  const assetsDir = join(webDir, 'assets') + sep;
  // The server's own paths: the API and the demo mailbox (/dev/…, absent in production: then a plain 404).
  const isApi = (path: string) => path === '/api' || path.startsWith('/api/') || path.startsWith('/dev/');

  const sendPage = (res: Response, status: number) => {
    res.status(status).setHeader('Cache-Control', 'no-cache');
    res.type('html').send(page);
  };

  // index.html asked by name is the rendered page too, never the raw file.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/index.html') return sendPage(res, 200);
    next();
  });
  app.useStaticAssets(webDir, {
    index: false,
    redirect: false,
    setHeaders: (res: Response, path: string) =>
      res.setHeader('Cache-Control', path.startsWith(assetsDir) ? IMMUTABLE : OTHER_FILES),
  });
  // Client-side routes: `/`, the app's own pages (APP_SEGMENTS), the information pages (INFO_PAGES), then `/{slug}…` for a known
  // tenant; anything else is the page with a 404 (the web app shows « Page introuvable »).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req.path)) return next();
    const [, segment = '', ...rest] = req.path.split('/');
    if (segment === '' || APP_SEGMENTS.has(segment)) return sendPage(res, 200);
    if (INFO_PAGES.has(segment)) return sendPage(res, rest.join('') === '' ? 200 : 404);
    let slug: string;
    try {
      slug = decodeURIComponent(segment);
    } catch {
      return sendPage(res, 404);
    }
    isTenantSlug(slug).then(
      (known) => sendPage(res, known ? 200 : 404),
      (e: unknown) => next(e),
    );
  });
  return true;
}
