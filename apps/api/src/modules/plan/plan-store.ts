// The plan's SQL, over a plain `Queryable` so that the request's transaction (PlanRepository) and
// the demo loader (its own client) write a plan the same way. A plan is written as one document:
// elements sent back with their id are updated in place, new ones inserted, the others deleted.
import { randomUUID } from 'node:crypto';
import type { IndicatorMeasure, Plan, PlanWrite } from '@catalogue/contracts';
import type { Queryable } from '../../database/catalogue-writer.js';

/** An id of the body that is not one of this plan's elements of that kind (or sent twice). */
export class UnknownPlanIdError extends Error {
  constructor(readonly field: string) {
    super(`${field} is not an element of this plan`);
  }
}
/** Fiches the new plan leaves out but that a call or an agreement names. */
export class FicheInUseError extends Error {
  constructor(readonly numbers: string[]) {
    super(`fiches in use: ${numbers.join(', ')}`);
  }
}
/** The plan changed since the version the writer read (`expectedUpdatedAt`). */
export class StalePlanError extends Error {}

export interface PlanWritten {
  planId: string;
  created: boolean;
  /** The fiches the new plan left out (deleted). */
  deletedFiches: string[];
  /** Offers (any state) that pointed to a deleted fiche: they now point to none. */
  unlinkedOffers: number;
  counts: { axes: number; fiches: number; indicators: number };
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The tenant's current plan with its axes, fiches (with their published offers) and indicators, in plan order. */
export async function readPlan(db: Queryable, tenantId: string): Promise<Plan | null> {
  const { rows: plans } = await db.query<{
    id: string;
    name: string;
    period_start: number;
    period_end: number;
    source: string | null;
    updated_at: Date;
  }>(
    `SELECT id, name, period_start, period_end, source, updated_at FROM insertion_plan
      WHERE tenant_id = $1 AND is_current`,
    [tenantId],
  );
  const p = plans[0];
  if (!p) return null;
  const [{ rows: axes }, { rows: fiches }, { rows: indicators }] = [
    await db.query<{ id: string; number: number; title: string; description: string | null }>(
      `SELECT id, number, title, description FROM plan_axis WHERE tenant_id = $1 AND plan_id = $2 ORDER BY number`,
      [tenantId, p.id],
    ),
    await db.query<{
      id: string;
      axis_id: string;
      number: string;
      title: string;
      objective: string | null;
      description: string | null;
      public_text: string | null;
      means: string | null;
      offer_count: number;
    }>(
      `SELECT f.id, f.axis_id, f.number, f.title, f.objective, f.description, f.public_text, f.means,
              (SELECT count(*)::int FROM offer o
                WHERE o.tenant_id = f.tenant_id AND o.plan_fiche_id = f.id AND o.status = 'published') AS offer_count
         FROM plan_fiche f WHERE f.tenant_id = $1 AND f.plan_id = $2 ORDER BY f.position, f.number`,
      [tenantId, p.id],
    ),
    await db.query<{
      id: string;
      fiche_id: string;
      label: string;
      unit: string;
      measure: IndicatorMeasure;
      targets: Record<string, number>;
    }>(
      `SELECT i.id, i.fiche_id, i.label, i.unit, i.measure, i.targets
         FROM plan_indicator i JOIN plan_fiche f ON f.tenant_id = i.tenant_id AND f.id = i.fiche_id
        WHERE i.tenant_id = $1 AND f.plan_id = $2 ORDER BY i.position, i.label`,
      [tenantId, p.id],
    ),
  ];
  return {
    id: p.id,
    name: p.name,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    source: p.source,
    updatedAt: iso(p.updated_at),
    axes: axes.map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      description: a.description,
      fiches: fiches
        .filter((f) => f.axis_id === a.id)
        .map((f) => ({
          id: f.id,
          number: f.number,
          title: f.title,
          objective: f.objective,
          description: f.description,
          publicText: f.public_text,
          means: f.means,
          indicators: indicators
            .filter((i) => i.fiche_id === f.id)
            .map((i) => ({ id: i.id, label: i.label, unit: i.unit, measure: i.measure, targets: i.targets })),
          offerCount: f.offer_count,
        })),
    })),
  };
}

/** The current plan, locked for this transaction (created empty when there is none). */
async function lockCurrent(
  db: Queryable,
  tenantId: string,
  body: PlanWrite,
): Promise<{ id: string; updated_at: Date; created: boolean }> {
  const { rows: inserted } = await db.query<{ id: string; updated_at: Date }>(
    `INSERT INTO insertion_plan (tenant_id, name, period_start, period_end)
     VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) WHERE is_current DO NOTHING RETURNING id, updated_at`,
    [tenantId, body.name, body.periodStart, body.periodEnd],
  );
  if (inserted[0]) return { ...inserted[0], created: true };
  const { rows } = await db.query<{ id: string; updated_at: Date }>(
    `SELECT id, updated_at FROM insertion_plan WHERE tenant_id = $1 AND is_current FOR UPDATE`,
    [tenantId],
  );
  return { ...rows[0]!, created: false };
}

const clean = (v: string | null | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/**
 * Writes `body` as the tenant's current plan (the caller's transaction, tenant set, checks done:
 * shape and planWriteErrors). Throws UnknownPlanIdError, FicheInUseError or StalePlanError.
 */
export async function writePlan(
  db: Queryable,
  tenantId: string,
  body: PlanWrite,
  options: { actorId?: string | null; expectedUpdatedAt?: string | null } = {},
): Promise<PlanWritten> {
  const plan = await lockCurrent(db, tenantId, body);
  if (!plan.created && options.expectedUpdatedAt && iso(plan.updated_at) !== iso(options.expectedUpdatedAt))
    throw new StalePlanError('the plan changed meanwhile');

  const existing = async (sql: string) =>
    new Set((await db.query<{ id: string }>(sql, [tenantId, plan.id])).rows.map((r) => r.id));
  const axisIds = await existing(`SELECT id FROM plan_axis WHERE tenant_id = $1 AND plan_id = $2`);
  const ficheIds = await existing(`SELECT id FROM plan_fiche WHERE tenant_id = $1 AND plan_id = $2`);
  const indicatorIds = await existing(
    `SELECT i.id FROM plan_indicator i JOIN plan_fiche f ON f.tenant_id = i.tenant_id AND f.id = i.fiche_id
      WHERE i.tenant_id = $1 AND f.plan_id = $2`,
  );
  // Ids sent back must be this plan's, once each; new elements get theirs now (children name them).
  const seen = new Set<string>();
  const idOf = (id: string | undefined, known: Set<string>, field: string) => {
    if (id === undefined) return randomUUID();
    if (!known.has(id) || seen.has(id)) throw new UnknownPlanIdError(field);
    seen.add(id);
    return id;
  };
  const axes: object[] = [];
  const fiches: object[] = [];
  const indicators: object[] = [];
  body.axes.forEach((a, ai) => {
    const axisId = idOf(a.id, axisIds, `axes.${ai}.id`);
    axes.push({ id: axisId, number: a.number, title: a.title.trim(), description: clean(a.description) });
    a.fiches.forEach((f, fi) => {
      const ficheId = idOf(f.id, ficheIds, `axes.${ai}.fiches.${fi}.id`);
      fiches.push({
        id: ficheId,
        axis_id: axisId,
        number: f.number,
        position: fi,
        title: f.title.trim(),
        objective: clean(f.objective),
        description: clean(f.description),
        // Undefined (a client that does not know the fields) keeps what is stored.
        public_set: f.publicText !== undefined,
        public_text: clean(f.publicText),
        means_set: f.means !== undefined,
        means: clean(f.means),
      });
      f.indicators.forEach((i, ii) => {
        indicators.push({
          id: idOf(i.id, indicatorIds, `axes.${ai}.fiches.${fi}.indicators.${ii}.id`),
          fiche_id: ficheId,
          position: ii,
          label: i.label.trim(),
          unit: i.unit.trim(),
          measure: i.measure,
          targets: i.targets,
        });
      });
    });
  });

  const deletedFiches = [...ficheIds].filter((id) => !seen.has(id));
  if (deletedFiches.length) {
    // A call serving the fiche (and so its agreements), or an agreement copying its indicators, keeps it.
    const { rows: inUse } = await db.query<{ number: string }>(
      `SELECT f.number FROM plan_fiche f
        WHERE f.tenant_id = $1 AND f.id = ANY($2::uuid[])
          AND (EXISTS (SELECT 1 FROM funding_call_fiche c WHERE c.tenant_id = f.tenant_id AND c.fiche_id = f.id)
            OR EXISTS (SELECT 1 FROM agreement g, jsonb_array_elements(g.indicators) e
                        JOIN plan_indicator i ON i.id::text = e->>'indicatorId'
                       WHERE g.tenant_id = f.tenant_id AND i.tenant_id = f.tenant_id AND i.fiche_id = f.id))
        ORDER BY f.number`,
      [tenantId, deletedFiches],
    );
    if (inUse.length) throw new FicheInUseError(inUse.map((r) => r.number));
  }
  const { rows: unlinked } = deletedFiches.length
    ? await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM offer WHERE tenant_id = $1 AND plan_fiche_id = ANY($2::uuid[])`,
        [tenantId, deletedFiches],
      )
    : { rows: [{ n: 0 }] };

  await db.query(
    `UPDATE insertion_plan SET name = $3, period_start = $4, period_end = $5, source = $6,
            updated_at = clock_timestamp(), updated_by = $7
      WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      plan.id,
      body.name.trim(),
      body.periodStart,
      body.periodEnd,
      clean(body.source),
      options.actorId ?? null,
    ],
  );
  // Children first move under their (possibly new) parents, then what was left out goes.
  await db.query(
    `INSERT INTO plan_axis (id, tenant_id, plan_id, number, title, description)
     SELECT r.id, $1, $2, r.number, r.title, r.description
       FROM json_to_recordset($3::json) AS r(id uuid, number int, title text, description text)
     ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number, title = EXCLUDED.title, description = EXCLUDED.description
      WHERE plan_axis.tenant_id = EXCLUDED.tenant_id AND plan_axis.plan_id = EXCLUDED.plan_id`,
    [tenantId, plan.id, JSON.stringify(axes)],
  );
  await db.query(
    `INSERT INTO plan_fiche (id, tenant_id, plan_id, axis_id, number, position, title, objective, description,
                             public_text, means)
     SELECT r.id, $1, $2, r.axis_id, r.number, r.position, r.title, r.objective, r.description, r.public_text, r.means
       FROM json_to_recordset($3::json)
         AS r(id uuid, axis_id uuid, number text, position int, title text, objective text, description text,
              public_set boolean, public_text text, means_set boolean, means text)
     ON CONFLICT (id) DO UPDATE SET axis_id = EXCLUDED.axis_id, number = EXCLUDED.number, position = EXCLUDED.position,
       title = EXCLUDED.title, objective = EXCLUDED.objective, description = EXCLUDED.description,
       public_text = CASE WHEN (SELECT bool_or(x.public_set) FROM json_to_recordset($3::json) AS x(id uuid, public_set boolean)
                                 WHERE x.id = EXCLUDED.id) THEN EXCLUDED.public_text ELSE plan_fiche.public_text END,
       means = CASE WHEN (SELECT bool_or(x.means_set) FROM json_to_recordset($3::json) AS x(id uuid, means_set boolean)
                           WHERE x.id = EXCLUDED.id) THEN EXCLUDED.means ELSE plan_fiche.means END
      WHERE plan_fiche.tenant_id = EXCLUDED.tenant_id AND plan_fiche.plan_id = EXCLUDED.plan_id`,
    [tenantId, plan.id, JSON.stringify(fiches)],
  );
  await db.query(
    `INSERT INTO plan_indicator (id, tenant_id, fiche_id, position, label, unit, measure, targets)
     SELECT r.id, $1, r.fiche_id, r.position, r.label, r.unit, r.measure, r.targets
       FROM json_to_recordset($2::json)
         AS r(id uuid, fiche_id uuid, position int, label text, unit text, measure text, targets jsonb)
     ON CONFLICT (id) DO UPDATE SET fiche_id = EXCLUDED.fiche_id, position = EXCLUDED.position, label = EXCLUDED.label,
       unit = EXCLUDED.unit, measure = EXCLUDED.measure, targets = EXCLUDED.targets
      WHERE plan_indicator.tenant_id = EXCLUDED.tenant_id`,
    [tenantId, JSON.stringify(indicators)],
  );
  await db.query(
    `DELETE FROM plan_indicator i USING plan_fiche f
      WHERE i.tenant_id = $1 AND f.tenant_id = i.tenant_id AND f.id = i.fiche_id AND f.plan_id = $2
        AND NOT (i.id = ANY($3::uuid[]))`,
    [tenantId, plan.id, indicators.map((i) => (i as { id: string }).id)],
  );
  await db.query(`DELETE FROM plan_fiche WHERE tenant_id = $1 AND plan_id = $2 AND NOT (id = ANY($3::uuid[]))`, [
    tenantId,
    plan.id,
    fiches.map((f) => (f as { id: string }).id),
  ]);
  await db.query(`DELETE FROM plan_axis WHERE tenant_id = $1 AND plan_id = $2 AND NOT (id = ANY($3::uuid[]))`, [
    tenantId,
    plan.id,
    axes.map((a) => (a as { id: string }).id),
  ]);
  return {
    planId: plan.id,
    created: plan.created,
    deletedFiches,
    unlinkedOffers: unlinked[0]?.n ?? 0,
    counts: { axes: axes.length, fiches: fiches.length, indicators: indicators.length },
  };
}

/** The current plan's fiches by number (what legacy texts name). */
export async function ficheIdsByNumber(db: Queryable, tenantId: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; number: string }>(
    `SELECT f.id, f.number FROM plan_fiche f JOIN insertion_plan p ON p.tenant_id = f.tenant_id AND p.id = f.plan_id
      WHERE f.tenant_id = $1 AND p.is_current`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.number, r.id]));
}
