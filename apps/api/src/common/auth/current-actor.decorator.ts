import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor, ActorRequest } from './actor.js';

/** The signed-in actor, or null (public routes). Guards resolved it before any handler runs. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | null => {
  const actor = context.switchToHttp().getRequest<ActorRequest>().actor;
  if (actor === undefined) throw new Error('CurrentActor read before SessionGuard ran');
  return actor;
});

/** The client's address and agent, for sessions and the audit log. */
export const RequestMeta = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const req = context.switchToHttp().getRequest<ActorRequest>();
  return { ip: req.ip ?? null, userAgent: req.header('user-agent') ?? null };
});
export interface RequestMetaValue {
  ip: string | null;
  userAgent: string | null;
}
