// The agreement (convention) a selected application becomes, drafted in the decision's own
// transaction: one per application (UNIQUE), prefilled with what the agent then adjusts before
// sending it for signature: a year from the first day of the next month, an advance at signature
// and the balance after the bilan, the indicators of the call's fiches with the year's targets, and
// the bilan due two months after the end.
import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { PlanReader } from '../plan/plan-reader.js';

export interface SelectedApplication {
  applicationId: string;
  callId: string;
  organizationId: string;
  /** The action's title (the application's project title, or the call's). */
  title: string;
  amountCents: number;
  decidedAt: Date;
  ficheIds: readonly string[];
  actorId: string | null;
}

/** The stored tranche: cents, never a float. */
export interface StoredTranche {
  label: string;
  amountCents: number;
  dueOn: string;
}

export interface StoredIndicator {
  indicatorId: string | null;
  label: string;
  unit: string;
  target: number | null;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addMonths = (d: Date, months: number) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));

/** The default dates and schedule of an agreement decided at `decidedAt` (pure, for tests and the demo). */
export function defaultTerms(decidedAt: Date, amountCents: number) {
  const start = new Date(Date.UTC(decidedAt.getUTCFullYear(), decidedAt.getUTCMonth() + 1, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), 0));
  const advance = Math.round(amountCents * 0.7);
  const schedule: StoredTranche[] = [
    { label: 'Avance à la signature (70 %)', amountCents: advance, dueOn: isoDate(start) },
    {
      label: 'Solde après validation du bilan (30 %)',
      amountCents: amountCents - advance,
      dueOn: isoDate(addMonths(end, 3)),
    },
  ];
  return { startsOn: isoDate(start), endsOn: isoDate(end), schedule, bilanDueDates: [isoDate(addMonths(end, 2))] };
}

@Injectable()
export class AgreementDrafts {
  constructor(
    private readonly db: TenantTransaction,
    private readonly plan: PlanReader,
  ) {}

  /** Drafts the agreement of a selected application (in the caller's transaction); returns its id. */
  async createForSelected(a: SelectedApplication): Promise<string> {
    const terms = defaultTerms(a.decidedAt, a.amountCents);
    const year = terms.startsOn.slice(0, 4);
    const indicators: StoredIndicator[] = (await this.plan.indicatorsOf(a.ficheIds)).map((i) => ({
      indicatorId: i.id,
      label: i.label,
      unit: i.unit,
      target: i.targets[year] ?? null,
    }));
    const tenantId = this.db.tenant().id;
    const rows: { id: string }[] = await this.db.manager().query(
      `WITH created AS (
         INSERT INTO agreement (tenant_id, application_id, call_id, organization_id, title, amount_cents, starts_on, ends_on,
                                payment_schedule, indicators, bilan_due_dates, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::date[], $12)
         RETURNING id)
       INSERT INTO agreement_event (tenant_id, agreement_id, to_status, actor_id)
       SELECT $1, id, 'draft', $12 FROM created RETURNING agreement_id AS id`,
      [
        tenantId,
        a.applicationId,
        a.callId,
        a.organizationId,
        a.title.slice(0, 300),
        a.amountCents,
        terms.startsOn,
        terms.endsOn,
        JSON.stringify(terms.schedule),
        JSON.stringify(indicators),
        terms.bilanDueDates,
        a.actorId,
      ],
    );
    return rows[0]!.id;
  }
}
