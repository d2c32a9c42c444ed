// The environment, validated once at boot: a wrong value stops the process with a clear message.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import {
  DEFAULT_SETTINGS,
  type AppSettings,
  type HttpTimeouts,
  type OidcSettings,
  type TrustProxy,
} from './settings.js';

/** The map's background tiles, given to the web app (written into its index.html). */
export interface MapTilesConfig {
  /** Leaflet URL template (`{z}`, `{x}`, `{y}`); null: no tile layer (the map shows outlines and markers only). */
  url: string | null;
  /** Credit shown on the map, plain text. */
  attribution: string;
  maxZoom: number;
}

export const DEFAULT_MAP_TILES: MapTilesConfig = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© les contributeurs d’OpenStreetMap',
  maxZoom: 19,
};

export interface AppConfig {
  port: number;
  host: string;
  /** Application role URL (non-owner, no BYPASSRLS). Unset: the embedded PostgreSQL is used. */
  databaseUrl: string | null;
  /** Owner role URL for migrations and reference data; defaults to databaseUrl. */
  databaseOwnerUrl: string | null;
  /** Where the embedded PostgreSQL keeps its files. */
  dataDir: string;
  /** Load the demo catalogue when the database has no tenant yet. */
  loadDemoData: boolean;
  /** Build every tenant's search index right after start-up rather than at its first search. */
  warmSearchIndex: boolean;
  /** Directory of the built web app served at `/`. */
  webDir: string;
  mapTiles: MapTilesConfig;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** LOG_FORMAT: one JSON object per line (default in production) or readable lines (default otherwise). */
  logFormat: 'json' | 'text';
  /** SHUTDOWN_TIMEOUT: on SIGTERM, how long requests in flight and the outbox's batch may take to finish. */
  shutdownTimeoutMs: number;
  /** Run-time settings of the modules (production mode, public URL, mail, single sign-on). */
  settings: AppSettings;
}

export class ConfigError extends Error {}

const bool = (name: string, value: string | undefined, fallback: boolean): boolean => {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
};

const url = (name: string, value: string | undefined): string | null => {
  if (value === undefined || value === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new ConfigError(`${name} must be a postgres:// URL`);
  return value;
};

function mapTiles(env: NodeJS.ProcessEnv): MapTilesConfig {
  // Unset: OpenStreetMap's tiles; set but empty: no tiles at all.
  const url = env.MAP_TILES_URL === undefined ? DEFAULT_MAP_TILES.url : env.MAP_TILES_URL.trim() || null;
  if (url !== null && (!/^(https?:\/\/|\/)\S+$/.test(url) || !['{z}', '{x}', '{y}'].every((p) => url.includes(p)))) {
    throw new ConfigError(
      'MAP_TILES_URL must be an http(s) or /path URL template with {z}, {x} and {y}, or empty for no tiles',
    );
  }
  const attribution = env.MAP_TILES_ATTRIBUTION?.trim() || DEFAULT_MAP_TILES.attribution;
  const zoom = env.MAP_TILES_MAX_ZOOM?.trim();
  const maxZoom = zoom ? (/^\d+$/.test(zoom) ? Number(zoom) : Number.NaN) : DEFAULT_MAP_TILES.maxZoom;
  if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 24)
    throw new ConfigError(`MAP_TILES_MAX_ZOOM must be a whole number from 1 to 24, got "${zoom}"`);
  return { url, attribution, maxZoom };
}

function httpUrl(name: string, value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new ConfigError(`${name} must be an http(s):// URL`);
  return parsed.toString().replace(/\/$/, '');
}

function oidc(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = httpUrl('OIDC_ISSUER', env.OIDC_ISSUER);
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret)
    throw new ConfigError('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together');
  return {
    issuer,
    clientId,
    clientSecret,
    label: env.OIDC_LABEL?.trim() || 'ProConnect',
    scopes: env.OIDC_SCOPES?.trim() || 'openid email given_name usual_name siret',
  };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One trusted proxy: an Express name, an address, or a subnet (`10.0.0.0/8`, `fd00::/8`). */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset, empty or `false` trusts no proxy (the socket's peer is the client); a whole
 * number from 1 to 10 trusts that many hops; otherwise a comma-separated list of proxies. `true`
 * (every hop) is refused: any client could then choose the address the rate limits and the audit log see.
 */
export function trustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? '';
  if (v === '' || /^(false|0|no|off)$/i.test(v)) return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops >= 1 && hops <= 10) return hops;
    throw new ConfigError(`TRUST_PROXY: a number of proxies must be from 1 to 10, got "${v}"`);
  }
  if (/^(true|yes|on)$/i.test(v)) {
    throw new ConfigError(
      'TRUST_PROXY=true would trust any client’s X-Forwarded-For: give the number of proxies or their addresses (e.g. loopback, 10.0.0.0/8)',
    );
  }
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const bad = entries.filter((e) => !isProxyEntry(e));
  if (bad.length)
    throw new ConfigError(`TRUST_PROXY: not an address, subnet, loopback, linklocal or uniquelocal: ${bad.join(', ')}`);
  return entries;
}

function seconds(name: string, value: string | undefined, fallbackMs: number, max: number): number {
  const v = value?.trim();
  if (!v) return fallbackMs;
  if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0 || Number(v) > max)
    throw new ConfigError(`${name} must be a number of seconds above 0 and at most ${max}, got "${v}"`);
  return Math.round(Number(v) * 1000);
}

/** HTTP_HEADERS_TIMEOUT, HTTP_REQUEST_TIMEOUT and HTTP_KEEP_ALIVE_TIMEOUT, in seconds. */
export function httpTimeouts(env: NodeJS.ProcessEnv): HttpTimeouts {
  const d = DEFAULT_SETTINGS.http;
  const t: HttpTimeouts = {
    headersMs: seconds('HTTP_HEADERS_TIMEOUT', env.HTTP_HEADERS_TIMEOUT, d.headersMs, 600),
    requestMs: seconds('HTTP_REQUEST_TIMEOUT', env.HTTP_REQUEST_TIMEOUT, d.requestMs, 3600),
    keepAliveMs: seconds('HTTP_KEEP_ALIVE_TIMEOUT', env.HTTP_KEEP_ALIVE_TIMEOUT, d.keepAliveMs, 600),
  };
  if (t.requestMs < t.headersMs)
    throw new ConfigError('HTTP_REQUEST_TIMEOUT must not be shorter than HTTP_HEADERS_TIMEOUT');
  return t;
}

export function appSettings(env: NodeJS.ProcessEnv, port: number): AppSettings {
  const production = env.NODE_ENV === 'production';
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
  // Production's required settings are checked, all at once, by productionProblems().
  const publicUrl = httpUrl('PUBLIC_URL', env.PUBLIC_URL) ?? `http://localhost:${port}`;
  return {
    ...DEFAULT_SETTINGS,
    production,
    publicUrl,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || DEFAULT_SETTINGS.mailFrom,
    oidc: oidc(env),
    trustProxy: trustProxy(env.TRUST_PROXY),
    http: httpTimeouts(env),
    filesDir: resolve(env.FILES_DIR?.trim() || '.data/files'),
    uploadMaxBytes: uploadMaxBytes(env.UPLOAD_MAX_BYTES),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    metricsPort: metricsPort(env.METRICS_PORT, port),
  };
}

/** METRICS_TOKEN: unset or empty for none; otherwise 32 characters or more, without spaces. */
export const METRICS_TOKEN_MIN_LENGTH = 32;
function metricsToken(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (v.length < METRICS_TOKEN_MIN_LENGTH || /\s/.test(v))
    throw new ConfigError(
      `METRICS_TOKEN must be ${METRICS_TOKEN_MIN_LENGTH} characters or more, without spaces (e.g. openssl rand -hex 32)`,
    );
  return v;
}

function metricsPort(value: string | undefined, port: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535)
    throw new ConfigError(`METRICS_PORT must be a port number, got "${v}"`);
  if (Number(v) === port) throw new ConfigError('METRICS_PORT must differ from PORT');
  return Number(v);
}

function uploadMaxBytes(value: string | undefined): number {
  const v = value?.trim();
  if (!v) return DEFAULT_SETTINGS.uploadMaxBytes;
  if (!/^\d+$/.test(v) || Number(v) < 1024 || Number(v) > 200 * 1024 * 1024)
    throw new ConfigError(`UPLOAD_MAX_BYTES must be a number of bytes between 1024 and 209715200, got "${v}"`);
  return Number(v);
}

function logFormat(env: NodeJS.ProcessEnv): AppConfig['logFormat'] {
  const v = env.LOG_FORMAT?.trim();
  if (!v) return env.NODE_ENV === 'production' ? 'json' : 'text';
  if (v !== 'json' && v !== 'text') throw new ConfigError(`LOG_FORMAT must be json or text, got "${v}"`);
  return v;
}

/** Secrets shorter than this are refused in production (database passwords, OIDC client secret). */
export const SECRET_MIN_LENGTH = 12;
/** The embedded server's fixed development passwords (embedded-postgres.ts) and infra/env.example's placeholders. */
const KNOWN_PASSWORDS = new Set(['catalogue_app', 'catalogue_owner', 'postgres']);
const PLACEHOLDER = /remplacer|change-?me/i;

function weakSecret(value: string): boolean {
  return value.length < SECRET_MIN_LENGTH || KNOWN_PASSWORDS.has(value) || PLACEHOLDER.test(value);
}

/** The password written in a postgres:// URL, if any (a socket, a client certificate or ~/.pgpass need none). */
function urlPassword(value: string): string | null {
  try {
    const password = new URL(value).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null; // reported by url() itself
  }
}

const isLocalHost = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);

/**
 * What NODE_ENV=production needs beyond the development defaults: an external PostgreSQL with
 * real passwords, the public https address, a mail server, strong secrets. Every problem, not the
 * first one: an operator fixes the environment file once.
 */
export function productionProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (!env.DATABASE_URL?.trim())
    problems.push(
      'DATABASE_URL is required in production: an external PostgreSQL prepared by infra/sql/roles.sql (the embedded one is for the demo and development)',
    );
  for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL'] as const) {
    const value = env[name]?.trim();
    const password = value ? urlPassword(value) : null;
    if (password !== null && weakSecret(password))
      problems.push(
        `${name}: the database password is weak (${SECRET_MIN_LENGTH} characters or more, not a development password such as catalogue_app, catalogue_owner or postgres)`,
      );
  }
  const publicUrl = env.PUBLIC_URL?.trim();
  if (!publicUrl)
    problems.push(
      'PUBLIC_URL is required in production (links in emails, origin check), e.g. https://catalogue.example.fr',
    );
  else {
    let parsed: URL | null = null;
    try {
      parsed = new URL(publicUrl);
    } catch {
      /* reported below */
    }
    if (!parsed || (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLocalHost(parsed.hostname))))
      problems.push('PUBLIC_URL must be an https:// address in production (http:// only for localhost)');
  }
  if (!env.SMTP_URL?.trim())
    problems.push('SMTP_URL is required in production (smtp:// or smtps://): the outbox sends real emails');
  const oidcSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (oidcSecret && weakSecret(oidcSecret))
    problems.push(`OIDC_CLIENT_SECRET is weak (${SECRET_MIN_LENGTH} characters or more, not a placeholder)`);
  try {
    metricsToken(env.METRICS_TOKEN);
  } catch (e) {
    problems.push((e as Error).message);
  }
  return problems;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, repoRoot = process.cwd()): AppConfig {
  if (env.NODE_ENV !== 'production') return parseConfig(env, repoRoot);
  const problems = productionProblems(env);
  try {
    const config = parseConfig(env, repoRoot);
    if (!problems.length) return config;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    if (!problems.includes(e.message)) problems.push(e.message);
  }
  throw new ConfigError(
    problems.length === 1 ? problems[0]! : ['NODE_ENV=production:', ...problems.map((p) => `  - ${p}`)].join('\n'),
  );
}

function parseConfig(env: NodeJS.ProcessEnv, repoRoot: string): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be error, warn, log or debug`);
  const databaseUrl = url('DATABASE_URL', env.DATABASE_URL);
  const databaseOwnerUrl = url('DATABASE_OWNER_URL', env.DATABASE_OWNER_URL);
  if (databaseOwnerUrl && !databaseUrl) throw new ConfigError('DATABASE_OWNER_URL needs DATABASE_URL');
  return {
    port,
    // The demo (no NODE_ENV=production) listens on this machine only unless HOST says otherwise:
    // its demo accounts and mailbox are not for the network.
    host: env.HOST?.trim() || (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    databaseOwnerUrl: databaseOwnerUrl ?? databaseUrl,
    dataDir: resolve(repoRoot, env.DATA_DIR ?? '.data/postgres'),
    // Production mode never loads the demo (nor its accounts).
    loadDemoData: env.NODE_ENV === 'production' ? false : bool('DEMO_DATA', env.DEMO_DATA, true),
    warmSearchIndex: bool('WARM_SEARCH_INDEX', env.WARM_SEARCH_INDEX, true),
    webDir: resolve(repoRoot, env.WEB_DIR ?? 'apps/web/dist'),
    mapTiles: mapTiles(env),
    logLevel,
    logFormat: logFormat(env),
    shutdownTimeoutMs: seconds('SHUTDOWN_TIMEOUT', env.SHUTDOWN_TIMEOUT, 20_000, 600),
    settings: appSettings(env, port),
  };
}
