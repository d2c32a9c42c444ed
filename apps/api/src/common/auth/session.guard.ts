import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import type { ActorRequest } from './actor.js';
import { readSessionCookie } from './session-cookie.js';
import { SessionsRepository } from './sessions.repository.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfRefused = (message: string) => new ForbiddenException({ code: 'csrf_refused', message });

/**
 * First global guard: loads the session's actor (or none) and protects state-changing requests
 * against cross-site forgery: a foreign Origin is refused, and a request that carries the session
 * cookie must also carry its token in `X-CSRF-Token` (as given by GET /me). Either failure: 403.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ActorRequest>();
    if (req.actor !== undefined) return true; // already resolved for this request
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

  /** The configured public origin, or the request's own when served elsewhere (tests, a proxy on another name). */
  private ownOrigin(req: ActorRequest): string {
    const configured = new URL(this.settings.publicUrl).origin;
    const host = req.headers.host;
    if (req.headers.origin === configured || !host) return configured;
    return `${req.protocol}://${host}`;
  }
}
