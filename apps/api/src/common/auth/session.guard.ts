import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import type { ActorRequest } from './actor.js';
import {
  API_KEY_MALFORMED,
  API_KEY_RATE,
  API_KEY_UNKNOWN,
  ApiKeyAuthenticator,
  apiKeyReadOnly,
  apiKeyRefused,
  machineActor,
  parseBearer,
} from './api-key.js';
import { RateLimiter } from './rate-limiter.js';
import { readSessionCookie } from './session-cookie.js';
import { SessionsRepository } from './sessions.repository.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const OWN_CREDENTIALS = 'ownCredentials';
/**
 * A route that checks its own `Authorization` header (GET /metrics and its METRICS_TOKEN): no
 * session nor API key is read for it, the actor stays anonymous.
 */
export const OwnCredentials = () => SetMetadata(OWN_CREDENTIALS, true);

export const csrfRefused = (message: string) => new ForbiddenException({ code: 'csrf_refused', message });

/**
 * First global guard: loads the session's actor (or none) and protects state-changing requests
 * against cross-site forgery: a foreign Origin is refused, and a request that carries the session
 * cookie must also carry its token in `X-CSRF-Token` (as given by GET /me). Either failure: 403.
 *
 * A request with an `Authorization` header is a machine's: its API key is the only credential
 * read (a cookie beside it is ignored, so no CSRF token is involved: a foreign page cannot set
 * that header without the key). A malformed, unknown or revoked key is 401, never anonymous; a
 * key on a state-changing method is 403; each key has its own rate limit (429).
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly rateLimiter: RateLimiter,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ActorRequest>();
    if (req.actor !== undefined) return true; // already resolved for this request
    if (
      this.reflector.get<boolean | undefined>(OWN_CREDENTIALS, context.getHandler()) &&
      SAFE_METHODS.has(req.method)
    ) {
      req.sessionToken = null;
      req.actor = null;
      return true;
    }
    if (req.headers.authorization !== undefined) return this.machine(req);
    const token = readSessionCookie(req, this.settings.production);
    req.sessionToken = token;
    req.actor = token ? await this.sessions.findActor(token) : null;

    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== this.ownOrigin(req)) throw csrfRefused('Origine de la requête refusée');
      if (req.actor && req.header('x-csrf-token') !== req.actor.csrfToken)
        throw csrfRefused('Jeton CSRF absent ou invalide');
    }
    return true;
  }

  private async machine(req: ActorRequest): Promise<true> {
    req.sessionToken = null;
    if (!SAFE_METHODS.has(req.method)) throw apiKeyReadOnly();
    const secret = parseBearer(req.headers.authorization ?? '');
    if (!secret) throw apiKeyRefused(API_KEY_MALFORMED);
    const key = await this.apiKeys.find(secret);
    if (!key || key.revoked) throw apiKeyRefused(API_KEY_UNKNOWN);
    await this.rateLimiter.consume([{ key: `api_key:${key.id}`, ...API_KEY_RATE }]);
    await this.apiKeys.touch(key);
    req.actor = machineActor(key);
    return true;
  }

  /** The configured public origin, or the request's own when served elsewhere (tests, a proxy on another name). */
  private ownOrigin(req: ActorRequest): string {
    const configured = new URL(this.settings.publicUrl).origin;
    const host = req.headers.host;
    if (req.headers.origin === configured || !host) return configured;
    return `${req.protocol}://${host}`;
  }
}
