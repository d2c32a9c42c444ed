import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import type { Tenant } from './tenant.js';

interface TenantScope {
  tenant: Tenant;
  manager: EntityManager;
}

const storage = new AsyncLocalStorage<TenantScope>();

/** Runs `work` with `manager` (a transaction whose tenant is set) as the current tenant scope. */
export const runInTenantScope = <T>(scope: TenantScope, work: () => Promise<T>): Promise<T> => storage.run(scope, work);

/** The current request's tenant transaction; fails loudly where none was opened. */
export function currentTenantScope(): TenantScope {
  const scope = storage.getStore();
  if (!scope) throw new Error('No tenant transaction: the route must be declared with @TenantScoped()');
  return scope;
}
