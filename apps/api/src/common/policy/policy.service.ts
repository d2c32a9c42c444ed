import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { notFound } from '../errors/app-errors.js';
import { decide, type Action, type Resource } from './policy.js';

export const unauthenticated = () =>
  new UnauthorizedException({ code: 'unauthenticated', message: 'Connexion requise' });
export const forbidden = (message = 'Action non autorisée') => new ForbiddenException({ code: 'forbidden', message });
export const FOUR_EYES_MESSAGE =
  'Double validation : une autre personne de l’équipe du département doit valider ce que vous avez créé ou modifié vous-même.';
export const fourEyes = () => new ForbiddenException({ code: 'four_eyes', message: FOUR_EYES_MESSAGE });

/** Asks the policy and turns its answer into the HTTP outcome: 401, 404 (hidden) or 403 (`forbidden`, `four_eyes`). */
@Injectable()
export class Policy {
  authorize(
    actor: Actor | null | undefined,
    action: Action,
    resource: Resource,
    what = 'Ressource',
  ): asserts actor is Actor {
    const decision = decide(actor, action, resource);
    if (decision === 'allow') return;
    if (decision === 'unauthenticated') throw unauthenticated();
    if (decision === 'hidden') throw notFound(what);
    if (decision === 'four_eyes') throw fourEyes();
    throw forbidden();
  }

  can(actor: Actor | null | undefined, action: Action, resource: Resource): boolean {
    return decide(actor, action, resource) === 'allow';
  }
}
