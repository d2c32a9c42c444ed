// The plan's SQL in the request's transaction (plan-store.ts holds it, shared with the demo).
import { Injectable } from '@nestjs/common';
import type { Plan, PlanWrite } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { EntityManager } from 'typeorm';
import type { Queryable } from '../../database/catalogue-writer.js';
import { ficheIdsByNumber, readPlan, writePlan, type PlanWritten } from './plan-store.js';

/** The transaction's query runner as a Queryable: the rows of every command, an UPDATE's too. */
function queryableOf(manager: EntityManager): Queryable {
  return {
    query: async <R>(sql: string, params?: unknown[]) => {
      if (!manager.queryRunner) throw new Error('the plan is written inside a transaction');
      return { rows: (await manager.queryRunner.query(sql, params, true)).records as R[] };
    },
  };
}

@Injectable()
export class PlanRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get store() {
    return queryableOf(this.db.manager());
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
