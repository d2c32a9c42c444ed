import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Tenant } from './tenant.js';
import { currentTenantScope, runInTenantScope } from './tenant-context.js';
import { setTransactionTenant } from './transaction-tenant.js';

/**
 * Opens one transaction per unit of work and sets its tenant with a parameterised,
 * transaction-local set_config: row-level security then filters every query in it.
 */
@Injectable()
export class TenantTransaction {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(tenant: Tenant, work: (manager: EntityManager) => Promise<T>, userId: string | null = null): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await setTransactionTenant(manager, tenant.id, userId);
      return runInTenantScope({ tenant, manager }, () => work(manager));
    });
  }

  /** The entity manager of the current request's tenant transaction (for repositories). */
  manager(): EntityManager {
    return currentTenantScope().manager;
  }

  tenant(): Tenant {
    return currentTenantScope().tenant;
  }
}
