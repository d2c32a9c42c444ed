import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, Observable } from 'rxjs';
import { TenantTransaction } from './tenant-transaction.js';
import type { TenantRequest } from './tenant.guard.js';
import type { ActorRequest } from '../auth/actor.js';

/** Runs the whole handler inside one transaction bound to the request's tenant. */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(private readonly transaction: TenantTransaction) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<TenantRequest & ActorRequest>();
    const tenant = request.tenant;
    if (!tenant) throw new Error('TenantTransactionInterceptor needs TenantGuard before it');
    return from(
      this.transaction.run(
        tenant,
        () => lastValueFrom(next.handle(), { defaultValue: undefined }),
        request.actor?.userId ?? null,
      ),
    );
  }
}
