// The plan's indicators for one year, target beside achieved: what the indicators page and the
// execution report both show. Each measure has its source:
// - `manual`: the value an agent entered for the year (plan_indicator_value);
// - `registrations`: the distinct people who entered (registration accepted, then present, absent
//   or ended) an offer attached to the indicator's fiche, registered during the year (Paris time);
// - `bilans`: the sum of the values the validated bilans of the year report for this indicator.
// People counts under SMALL_COUNT_MIN are hidden (1 to 4), never shown.
import { Injectable } from '@nestjs/common';
import { shownCount, type FigureSource, type PlanIndicatorFigure } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

/** Statuses of a registration whose person entered the action. */
export const ENTERED_STATUSES = ['accepted', 'attended', 'absent', 'completed', 'dropped_out'] as const;

/** Units that count people: a bilan's sum in such a unit follows the small-number rule too. */
const PEOPLE_UNIT = /personne|ménage|menage|jeune|bénéficiaire|beneficiaire|famille|parent|allocataire/i;

export interface FigureFilter {
  axisId?: string;
  ficheId?: string;
}

interface Row {
  indicator_id: string;
  axis_id: string;
  axis_number: number;
  axis_title: string;
  fiche_id: string;
  fiche_number: string;
  fiche_title: string;
  label: string;
  unit: string;
  measure: 'manual' | 'registrations' | 'bilans';
  target: string | null;
  manual_value: string | null;
  manual_note: string | null;
  people: number | null;
  bilan_sum: string | null;
  bilan_count: number;
}

const SOURCE: Record<Row['measure'], FigureSource> = {
  manual: 'manual',
  registrations: 'registrations',
  bilans: 'bilans',
};

@Injectable()
export class IndicatorFigures {
  constructor(private readonly db: TenantTransaction) {}

  /** The current plan's indicators for `year`, in plan order. */
  async forYear(year: number, filter: FigureFilter = {}): Promise<PlanIndicatorFigure[]> {
    // The year's bounds once (InitPlans: a range of registration_year_idx, index-only); people
    // counted by grouping (fiche, person) then rows, a hash aggregate rather than count(DISTINCT), which sorts.
    const rows: Row[] = await this.db.manager().query(
      `WITH bounds AS MATERIALIZED (
         SELECT make_timestamptz($2, 1, 1, 0, 0, 0, 'Europe/Paris') AS t0,
                make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'Europe/Paris') AS t1),
       ind AS (
         SELECT i.id, i.fiche_id, i.label, i.unit, i.measure, i.position, i.targets,
                f.number AS fiche_number, f.title AS fiche_title, f.position AS fiche_position,
                a.id AS axis_id, a.number AS axis_number, a.title AS axis_title
           FROM insertion_plan p
           JOIN plan_axis a ON a.tenant_id = p.tenant_id AND a.plan_id = p.id
           JOIN plan_fiche f ON f.tenant_id = p.tenant_id AND f.axis_id = a.id
           JOIN plan_indicator i ON i.tenant_id = p.tenant_id AND i.fiche_id = f.id
          WHERE p.tenant_id = $1 AND p.is_current
            AND ($3::uuid IS NULL OR a.id = $3) AND ($4::uuid IS NULL OR f.id = $4)),
       f_offer AS MATERIALIZED (
         SELECT o.id, o.plan_fiche_id FROM offer o
          WHERE o.tenant_id = $1 AND o.plan_fiche_id IN (SELECT fiche_id FROM ind WHERE measure = 'registrations')),
       people AS (
         SELECT fiche_id, count(*)::int AS n FROM (
           SELECT o.plan_fiche_id AS fiche_id, r.person_id
             FROM registration r
             JOIN f_offer o ON o.id = r.offer_id
            WHERE r.tenant_id = $1 AND r.status = ANY($5::text[])
              AND r.created_at >= (SELECT t0 FROM bounds) AND r.created_at < (SELECT t1 FROM bounds)
            GROUP BY 1, 2) x
          GROUP BY fiche_id),
       reported AS (
         SELECT (v->>'indicatorId')::uuid AS indicator_id, sum((v->>'value')::numeric) AS total, count(*)::int AS n
           FROM bilan b CROSS JOIN LATERAL jsonb_array_elements(b.indicator_values) v
          WHERE b.tenant_id = $1 AND b.status = 'validated' AND b.year = $2
            AND v->>'indicatorId' IS NOT NULL AND jsonb_typeof(v->'value') = 'number'
          GROUP BY 1)
       SELECT ind.id AS indicator_id, ind.axis_id, ind.axis_number, ind.axis_title, ind.fiche_id, ind.fiche_number,
              ind.fiche_title, ind.label, ind.unit,
              ind.measure, ind.targets->>($2::text) AS target,
              mv.value AS manual_value, mv.note AS manual_note,
              people.n AS people, reported.total AS bilan_sum, coalesce(reported.n, 0) AS bilan_count
         FROM ind
         LEFT JOIN plan_indicator_value mv ON mv.tenant_id = $1 AND mv.indicator_id = ind.id AND mv.year = $2
         LEFT JOIN people ON people.fiche_id = ind.fiche_id AND ind.measure = 'registrations'
         LEFT JOIN reported ON reported.indicator_id = ind.id
        ORDER BY ind.axis_number, ind.fiche_position, ind.fiche_number, ind.position`,
      [this.db.tenant().id, year, filter.axisId ?? null, filter.ficheId ?? null, ENTERED_STATUSES],
    );
    return rows.map((r) => {
      const target = r.target === null ? null : Number(r.target);
      let achieved: number | null = null;
      let hidden = false;
      if (r.measure === 'manual') achieved = r.manual_value === null ? null : Number(r.manual_value);
      else if (r.measure === 'registrations') ({ value: achieved, hidden } = shownCount(r.people ?? 0));
      else if (r.bilan_count > 0) {
        const sum = Number(r.bilan_sum);
        ({ value: achieved, hidden } = PEOPLE_UNIT.test(r.unit) ? shownCount(sum) : { value: sum, hidden: false });
      }
      return {
        indicatorId: r.indicator_id,
        axisId: r.axis_id,
        axisNumber: r.axis_number,
        axisTitle: r.axis_title,
        ficheId: r.fiche_id,
        ficheNumber: r.fiche_number,
        ficheTitle: r.fiche_title,
        label: r.label,
        unit: r.unit,
        measure: r.measure,
        source: SOURCE[r.measure],
        target,
        achieved,
        hidden,
        progress: achieved !== null && target !== null && target !== 0 ? achieved / target : null,
        note: r.measure === 'manual' ? r.manual_note : null,
      };
    });
  }
}
