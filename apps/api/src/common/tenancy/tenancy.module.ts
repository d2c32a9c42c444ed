import { Module } from '@nestjs/common';
import { TenantDirectory } from './tenant-directory.js';
import { TenantDirectoryRepository } from './tenant-directory.repository.js';
import { TenantGuard } from './tenant.guard.js';
import { TenantTransaction } from './tenant-transaction.js';
import { TenantTransactionInterceptor } from './tenant-transaction.interceptor.js';

/** What a tenant-scoped module needs: tenant resolution and the tenant transaction. */
@Module({
  providers: [TenantDirectoryRepository, TenantDirectory, TenantGuard, TenantTransaction, TenantTransactionInterceptor],
  exports: [TenantDirectory, TenantGuard, TenantTransaction, TenantTransactionInterceptor],
})
export class TenancyModule {}
