import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import { TenantGuard, type TenantRequest } from './tenant.guard.js';
import { TenantTransactionInterceptor } from './tenant-transaction.interceptor.js';
import type { Tenant } from './tenant.js';
import { ErrorResponseDto } from '../errors/error-response.dto.js';

/** Routes under /tenants/:slug: resolves the tenant and wraps the handler in a tenant transaction. */
export const TenantScoped = () =>
  applyDecorators(
    UseGuards(TenantGuard),
    UseInterceptors(TenantTransactionInterceptor),
    ApiParam({ name: 'slug', type: String, description: 'Slug du département (ex. `drome`)', example: 'drome' }),
    ApiNotFoundResponse({ description: 'Département ou objet inconnu', type: ErrorResponseDto }),
  );

/** The request's tenant; throws if the route forgot @TenantScoped(). */
export const CurrentTenant = createParamDecorator((_: unknown, context: ExecutionContext): Tenant => {
  const tenant = context.switchToHttp().getRequest<TenantRequest>().tenant;
  if (!tenant) throw new Error('CurrentTenant used on a route without @TenantScoped()');
  return tenant;
});
