// Each demo département's insertion plan (libs/domain/data/demo/plans/<slug>.json), written by the
// plan module's own writer, then its demo offers linked to the fiche their text names, as the
// table of PLAN_MEASURES.md says (plans/plan-measures.json, proposed attachments included).
import { readFileSync } from 'node:fs';
import { planWriteErrors, type PlanWrite } from '@catalogue/contracts';
import type { PlanMeasureTable } from '@catalogue/domain';
import type { Queryable } from '../database/catalogue-writer.js';
import { ficheIdsByNumber, readPlan, writePlan } from '../modules/plan/plan-store.js';
import { linkLegacyMeasures } from '../modules/offers/offer-fiche-links.js';

const plansDir = new URL('../../../../libs/domain/data/demo/plans/', import.meta.url);

export function readDemoPlan(slug: string): PlanWrite {
  const plan = JSON.parse(readFileSync(new URL(`${slug}.json`, plansDir), 'utf8')) as PlanWrite;
  const problems = planWriteErrors(plan);
  if (problems.length)
    throw new Error(`plans/${slug}.json: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  return plan;
}

export function readPlanMeasureTable(): PlanMeasureTable {
  return JSON.parse(readFileSync(new URL('plan-measures.json', plansDir), 'utf8')) as PlanMeasureTable;
}

/**
 * Writes the demo plan when the tenant has none (a reload keeps the one in place, edits included),
 * then links the offers that have only their text. Returns how many offers were linked.
 */
export async function loadDemoPlan(db: Queryable, tenantId: string, slug: string): Promise<number> {
  if (!(await readPlan(db, tenantId))) await writePlan(db, tenantId, readDemoPlan(slug));
  return linkLegacyMeasures(db, tenantId, await ficheIdsByNumber(db, tenantId), readPlanMeasureTable()[slug]);
}
