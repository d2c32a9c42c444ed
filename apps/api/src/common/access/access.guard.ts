import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ActorRequest } from '../auth/actor.js';
import { apiKeyRouteRefused, MACHINE_READABLE_KEY } from '../auth/api-key.js';
import { unauthenticated } from '../policy/policy.service.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';

/** Global guard: a route must declare its access rule, otherwise it is refused. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<ActorRequest>();
    if (req.actor?.apiKey && rule?.kind !== undefined) {
      // A key opens the routes marked machine-readable; on a public route it adds nothing.
      const machine = this.reflector.getAllAndOverride<boolean | undefined>(MACHINE_READABLE_KEY, [
        context.getHandler(),
        context.getClass(),
      ]);
      if (rule.kind === 'public' && !machine) req.actor = null;
      else if (!machine) throw apiKeyRouteRefused();
    }
    if (rule?.kind === 'public') return true;
    if (rule?.kind === 'signedIn') {
      if (!req.actor) throw unauthenticated();
      return true;
    }
    throw new ForbiddenException({ code: 'forbidden', message: 'Accès refusé' });
  }
}
