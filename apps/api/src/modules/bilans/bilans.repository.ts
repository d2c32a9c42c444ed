// SQL of bilans: the list, one bilan with its agreement, offer and structure, its history and
// documents, the lifecycle's conditional writes, and who is told. Every query names its tenant on
// top of row-level security. Stored shapes (jsonb): `declared` {figureKey: {value, justification}},
// `indicator_values` [{indicatorId, label, unit, target, value, comment}] (read by the indicators),
// `budget_lines` [{label, plannedCents, spentCents}] (cents, like every amount in the database),
// `computed` {figureKey: number | null} frozen at submission.
import { Injectable } from '@nestjs/common';
import type { BilanFigureKey, BilanIndicatorValue, BilanStatus } from '@catalogue/contracts';
import { rolesAllowed } from '../../common/policy/policy.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface StoredDeclared {
  value: number | null;
  justification: string | null;
}
export interface StoredBudgetLine {
  label: string;
  plannedCents: number | null;
  spentCents: number;
}
export type StoredFigures = Partial<Record<BilanFigureKey, number | null>>;

export interface BilanRow {
  id: string;
  agreement_id: string | null;
  agreement_title: string | null;
  call_id: string | null;
  payment_schedule: { label: string; amountCents: number; dueOn: string }[] | null;
  /** The agreement's offer, or the bilan's own (outside agreements). */
  offer_id: string | null;
  offer_title: string | null;
  organization_id: string;
  organization_name: string;
  year: number;
  period_start: string;
  period_end: string;
  due_on: string;
  status: BilanStatus;
  declared: Record<string, StoredDeclared>;
  indicator_values: BilanIndicatorValue[];
  budget_lines: StoredBudgetLine[];
  what_worked: string;
  difficulties: string;
  outlook: string;
  computed: StoredFigures | null;
  granted_cents: string;
  changes_message: string | null;
  submitted_at: Date | null;
  validated_at: Date | null;
  version: number;
}

export type BilanListRow = Pick<
  BilanRow,
  | 'id'
  | 'agreement_id'
  | 'agreement_title'
  | 'offer_id'
  | 'offer_title'
  | 'organization_id'
  | 'organization_name'
  | 'year'
  | 'period_start'
  | 'period_end'
  | 'due_on'
  | 'status'
  | 'submitted_at'
  | 'validated_at'
>;

export interface BilanDocumentRow {
  id: string;
  file_name: string;
  media_type: string;
  size_bytes: string;
  storage_key: string;
  created_at: Date;
}

// Dates as text: a `date` column must never move with the server's time zone.
const LIST_COLUMNS = `b.id, b.agreement_id, a.title AS agreement_title, coalesce(a.offer_id, b.offer_id) AS offer_id,
  f.title AS offer_title, b.organization_id, o.name AS organization_name, b.year, b.period_start::text AS period_start,
  b.period_end::text AS period_end, b.due_on::text AS due_on, b.status, b.submitted_at, b.validated_at`;
const COLUMNS = `${LIST_COLUMNS}, a.call_id, a.payment_schedule, b.declared, b.indicator_values, b.budget_lines,
  b.what_worked, b.difficulties, b.outlook, b.computed, b.granted_cents, b.changes_message, b.version`;
const FROM = `FROM bilan b
  JOIN organization o ON o.tenant_id = b.tenant_id AND o.id = b.organization_id
  LEFT JOIN agreement a ON a.tenant_id = b.tenant_id AND a.id = b.agreement_id
  LEFT JOIN offer f ON f.tenant_id = b.tenant_id AND f.id = coalesce(a.offer_id, b.offer_id)`;

export interface BilanListFilter {
  organizationIds: string[] | null;
  status?: BilanStatus;
  year?: number;
}

@Injectable()
export class BilansRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.db.manager().query(sql, params);
  }
  /** An UPDATE … RETURNING: TypeORM's manager.query answers those with [rows, count]; the query runner gives the rows. */
  private async updated(sql: string, params: unknown[]): Promise<number> {
    const runner = this.db.manager().queryRunner;
    if (!runner) throw new Error('bilans: writes run inside the request transaction');
    return ((await runner.query(sql, params, true)).records as unknown[]).length;
  }
  private get tenantId(): string {
    return this.db.tenant().id;
  }

  /** `organizationIds` null: every structure (agents). */
  list(f: BilanListFilter): Promise<BilanListRow[]> {
    return this.q<BilanListRow>(
      `SELECT ${LIST_COLUMNS} ${FROM}
        WHERE b.tenant_id = $1 AND ($2::uuid[] IS NULL OR b.organization_id = ANY($2::uuid[]))
          AND ($3::text IS NULL OR b.status = $3) AND ($4::int IS NULL OR b.year = $4)
        ORDER BY b.due_on, o.name, b.id
        LIMIT 2000`,
      [this.tenantId, f.organizationIds, f.status ?? null, f.year ?? null],
    );
  }

  /** One bilan; `lock` serialises its transitions (two racing submissions: one wins). */
  async load(id: string, lock = false): Promise<BilanRow | undefined> {
    const rows = await this.q<BilanRow>(
      `SELECT ${COLUMNS} ${FROM} WHERE b.tenant_id = $1 AND b.id = $2 ${lock ? 'FOR UPDATE OF b' : ''}`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  events(id: string) {
    return this.q<{
      from_status: BilanStatus | null;
      to_status: BilanStatus;
      actor_name: string | null;
      message: string | null;
      at: Date;
    }>(
      `SELECT e.from_status, e.to_status, u.name AS actor_name, e.message, e.at
         FROM bilan_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.tenant_id = $1 AND e.bilan_id = $2 ORDER BY e.at, e.id`,
      [this.tenantId, id],
    );
  }

  async addEvent(e: {
    id: string;
    from: BilanStatus | null;
    to: BilanStatus;
    actorId: string | null;
    message?: string | null;
  }): Promise<void> {
    await this.q(
      `INSERT INTO bilan_event (tenant_id, bilan_id, from_status, to_status, actor_id, message) VALUES ($1, $2, $3, $4, $5, $6)`,
      [this.tenantId, e.id, e.from, e.to, e.actorId, e.message ?? null],
    );
  }

  /** The structure's writing, if the bilan is still editable and at `version`; false otherwise. */
  async updateContent(
    id: string,
    c: {
      declared: Record<string, StoredDeclared>;
      indicators: BilanIndicatorValue[];
      budgetLines: StoredBudgetLine[];
      whatWorked: string;
      difficulties: string;
      outlook: string;
    },
    version: number,
  ): Promise<boolean> {
    const n = await this.updated(
      `UPDATE bilan SET declared = $3::jsonb, indicator_values = $4::jsonb, budget_lines = $5::jsonb, what_worked = $6,
              difficulties = $7, outlook = $8, version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status IN ('open', 'changes_requested') AND version = $9
        RETURNING id`,
      [
        this.tenantId,
        id,
        JSON.stringify(c.declared),
        JSON.stringify(c.indicators),
        JSON.stringify(c.budgetLines),
        c.whatWorked,
        c.difficulties,
        c.outlook,
        version,
      ],
    );
    return n === 1;
  }

  /**
   * Moves the bilan to `to` only if it is still in one of `from` (a conditional UPDATE: of two
   * racing requests, one moves it), with the columns of that step.
   */
  async move(
    id: string,
    from: readonly BilanStatus[],
    to: BilanStatus,
    set: { computed?: StoredFigures; changesMessage?: string; validatedBy?: string } = {},
  ): Promise<boolean> {
    const sets = ['status = $4', 'version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [this.tenantId, id, from, to];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (to === 'open') sets.push('opened_at = now()');
    if (to === 'submitted') sets.push('submitted_at = now()');
    if (set.computed) sets.push(`computed = ${param(JSON.stringify(set.computed))}::jsonb`);
    if (set.changesMessage !== undefined) sets.push(`changes_message = ${param(set.changesMessage)}`);
    if (set.validatedBy !== undefined) sets.push('validated_at = now()', `validated_by = ${param(set.validatedBy)}`);
    const n = await this.updated(
      `UPDATE bilan SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) RETURNING id`,
      params,
    );
    return n === 1;
  }

  documents(id: string): Promise<BilanDocumentRow[]> {
    return this.q<BilanDocumentRow>(
      `SELECT id, file_name, media_type, size_bytes, storage_key, created_at FROM bilan_document
        WHERE tenant_id = $1 AND bilan_id = $2 ORDER BY created_at, id`,
      [this.tenantId, id],
    );
  }

  async document(id: string, documentId: string): Promise<BilanDocumentRow | undefined> {
    const rows = await this.q<BilanDocumentRow>(
      `SELECT id, file_name, media_type, size_bytes, storage_key, created_at FROM bilan_document
        WHERE tenant_id = $1 AND bilan_id = $2 AND id = $3`,
      [this.tenantId, id, documentId],
    );
    return rows[0];
  }

  /**
   * A document, under the bilan's lock, while it is editable and holds fewer than `max` documents;
   * 'too_many' or 'not_editable' otherwise.
   */
  async insertDocument(
    id: string,
    d: { fileName: string; mediaType: string; sizeBytes: number; sha256: string; storageKey: string },
    userId: string,
    max: number,
  ): Promise<{ id: string } | 'too_many' | 'not_editable'> {
    const [b] = await this.q<{ status: BilanStatus; n: string }>(
      `SELECT status, (SELECT count(*) FROM bilan_document WHERE tenant_id = $1 AND bilan_id = $2) AS n
         FROM bilan WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [this.tenantId, id],
    );
    if (!b || (b.status !== 'open' && b.status !== 'changes_requested')) return 'not_editable';
    if (Number(b.n) >= max) return 'too_many';
    const rows = await this.q<{ id: string }>(
      `INSERT INTO bilan_document (tenant_id, bilan_id, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [this.tenantId, id, d.fileName, d.mediaType, d.sizeBytes, d.sha256, d.storageKey, userId],
    );
    return rows[0]!;
  }

  /** Removes the document; its storage key, or null when there is none. */
  async deleteDocument(id: string, documentId: string): Promise<string | null> {
    const runner = this.db.manager().queryRunner!;
    const res = await runner.query(
      `DELETE FROM bilan_document WHERE tenant_id = $1 AND bilan_id = $2 AND id = $3 RETURNING storage_key`,
      [this.tenantId, id, documentId],
      true,
    );
    return (res.records as { storage_key: string }[])[0]?.storage_key ?? null;
  }

  /** Active members of the structure who file its bilans. */
  members(organizationId: string) {
    return this.q<{ id: string; email: string }>(
      `SELECT DISTINCT u.id, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.status = 'active' AND m.role = ANY($3::text[])`,
      [this.tenantId, organizationId, rolesAllowed('bilan.edit')],
    );
  }

  /** The agents who follow the agreement (its call's instructors), or else the département's reviewers. */
  async agents(callId: string | null) {
    if (callId) {
      const assigned = await this.q<{ id: string; email: string }>(
        `SELECT DISTINCT u.id, u.email FROM funding_call_instructor i JOIN app_user u ON u.id = i.user_id
           JOIN membership m ON m.user_id = u.id AND m.tenant_id = i.tenant_id AND m.status = 'active'
          WHERE i.tenant_id = $1 AND i.call_id = $2`,
        [this.tenantId, callId],
      );
      if (assigned.length) return assigned;
    }
    return this.q<{ id: string; email: string }>(
      `SELECT DISTINCT u.id, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.status = 'active' AND m.role = ANY($2::text[])`,
      [this.tenantId, rolesAllowed('bilan.review')],
    );
  }

  /** The offer a bilan is asked for outside the agreements: its structure and its title. */
  async offer(offerId: string): Promise<{ organization_id: string; title: string } | undefined> {
    const rows = await this.q<{ organization_id: string; title: string }>(
      `SELECT organization_id, title FROM offer WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, offerId],
    );
    return rows[0];
  }

  /** A bilan of an offer outside the agreements; null when one exists for that offer and year. */
  async createForOffer(b: {
    offerId: string;
    organizationId: string;
    year: number;
    periodStart: string;
    periodEnd: string;
    dueOn: string;
    createdBy: string;
  }): Promise<string | null> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO bilan (tenant_id, offer_id, organization_id, year, period_start, period_end, due_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, offer_id, year) WHERE agreement_id IS NULL DO NOTHING RETURNING id`,
      [this.tenantId, b.offerId, b.organizationId, b.year, b.periodStart, b.periodEnd, b.dueOn, b.createdBy],
    );
    return rows[0]?.id ?? null;
  }
}
