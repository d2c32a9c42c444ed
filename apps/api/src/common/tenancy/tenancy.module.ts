import { Module } from '@nestjs/common';
import { TenantsModule } from '../../modules/tenants/tenants.module.js';
import { TenantGuard } from './tenant.guard.js';
import { TenantTransaction } from './tenant-transaction.js';
import { TenantTransactionInterceptor } from './tenant-transaction.interceptor.js';

/** What a tenant-scoped module needs: tenant resolution and the tenant transaction. */
@Module({
  imports: [TenantsModule],
  providers: [TenantGuard, TenantTransaction, TenantTransactionInterceptor],
  exports: [TenantsModule, TenantGuard, TenantTransaction, TenantTransactionInterceptor],
})
export class TenancyModule {}
