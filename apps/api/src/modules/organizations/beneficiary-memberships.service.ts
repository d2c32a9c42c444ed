import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { setTransactionTenant } from '../../common/tenancy/transaction-tenant.js';
import { MembershipsRepository } from './memberships.repository.js';

/**
 * The beneficiary role in a département: what a personal account's verification link gives
 * (auth asks this service; memberships are this module's table). In the caller's transaction.
 */
@Injectable()
export class BeneficiaryMemberships {
  constructor(private readonly memberships: MembershipsRepository) {}

  /** Binds the transaction to the tenant (row-level security) and makes the person its beneficiary. */
  async enrol(db: Pick<EntityManager, 'query'>, tenantId: string, userId: string): Promise<void> {
    await setTransactionTenant(db, tenantId, userId);
    await this.memberships.enrolBeneficiary(db, tenantId, userId);
  }
}
