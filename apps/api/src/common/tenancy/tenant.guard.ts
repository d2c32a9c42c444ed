import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { TenantDirectory } from './tenant-directory.js';
import type { Tenant } from './tenant.js';

export type TenantRequest = Request & { tenant?: Tenant };

/** The one place that resolves a request's tenant, from the `:slug` route parameter. Unknown: 404. */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(private readonly tenants: TenantDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    request.tenant = await this.tenants.getBySlug(String(request.params.slug ?? ''));
    return true;
  }
}
