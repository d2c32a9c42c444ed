// The plan's SQL in the request's transaction (plan-store.ts holds it, shared with the demo).
import { Injectable } from '@nestjs/common';
import type { Plan, PlanWrite } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { writerOf } from '../offers/offers-write.repository.js';
import { ficheIdsByNumber, readPlan, writePlan, type PlanWritten } from './plan-store.js';

@Injectable()
export class PlanRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get store() {
    return writerOf(this.db.manager());
  }

  current(): Promise<Plan | null> {
    return readPlan(this.store, this.db.tenant().id);
  }

  write(body: PlanWrite, actorId: string, expectedUpdatedAt: string | null): Promise<PlanWritten> {
    return writePlan(this.store, this.db.tenant().id, body, { actorId, expectedUpdatedAt });
  }

  fichesByNumber(): Promise<Map<string, string>> {
    return ficheIdsByNumber(this.store, this.db.tenant().id);
  }
}
