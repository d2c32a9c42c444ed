// Settings the application's modules read at run time (derived from the validated environment,
// or given by tests). Injected with @Inject(APP_SETTINGS).

import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const APP_SETTINGS = Symbol('APP_SETTINGS');

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Label of the sign-in button (e.g. "ProConnect"). */
  label: string;
  scopes: string;
}

/**
 * Which proxies may tell the client's address (`X-Forwarded-For`) and protocol: `false` (the
 * default) trusts none, so the socket's peer is the client; a number trusts that many hops; a list
 * trusts those addresses, subnets or Express names (`loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | string[];

/** Limits of the HTTP server against slow or idle clients, in milliseconds. */
export interface HttpTimeouts {
  /** Time to receive a request's headers. */
  headersMs: number;
  /** Time to receive a whole request (headers and body). */
  requestMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveMs: number;
}

export interface AppSettings {
  /** NODE_ENV=production: Secure cookies, SMTP required, no demo mailbox, no demo accounts. */
  production: boolean;
  /** The site's own origin, for links in emails and the Origin check (e.g. http://localhost:3000). */
  publicUrl: string;
  /** SMTP URL (smtp://user:pass@host:port); null: emails are caught in memory (demo and tests). */
  smtpUrl: string | null;
  /** Sender of every email. */
  mailFrom: string;
  /** How often the outbox worker looks for due emails (it is also woken after each commit that wrote one). */
  mailPollMs: number;
  /** Run the outbox worker in this process (tests that read the outbox table turn it off). */
  mailWorker: boolean;
  oidc: OidcSettings | null;
  trustProxy: TrustProxy;
  http: HttpTimeouts;
  /** Where uploaded and generated documents are kept (FILES_DIR; the filesystem storage). */
  filesDir: string;
  /** The largest document accepted (UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
  /**
   * Bearer token that opens `GET /metrics` on the main port (METRICS_TOKEN, 32 characters or more);
   * null: the metrics are not served on the main port.
   */
  metricsToken: string | null;
  /** A port of its own for `GET /metrics`, without token (METRICS_PORT; bind it to a private network); null: none. */
  metricsPort: number | null;
}

export const DEFAULT_SETTINGS: AppSettings = {
  production: false,
  publicUrl: 'http://localhost:3000',
  smtpUrl: null,
  mailFrom: 'Catalogue de l’offre d’insertion <ne-pas-repondre@catalogue.localhost>',
  mailPollMs: 5_000,
  mailWorker: true,
  oidc: null,
  trustProxy: false,
  http: { headersMs: 15_000, requestMs: 30_000, keepAliveMs: 5_000 },
  // Tests and tools that build the app without an environment keep their files out of the repo.
  filesDir: join(tmpdir(), 'catalogue-insertion-files'),
  uploadMaxBytes: 20 * 1024 * 1024,
  metricsToken: null,
  metricsPort: null,
};
