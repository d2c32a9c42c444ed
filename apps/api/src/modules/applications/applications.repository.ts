// The only code that writes applications, their documents and their log at run time (the scores
// and the ranking: instruction.repository.ts). Every query names its tenant on top of row-level
// security. State changes are conditional UPDATEs on the state they were planned from: the
// database, not a read made earlier, decides that a submission or a decision happens once. (An
// UPDATE or DELETE … RETURNING sits inside a WITH: TypeORM's query() would add its count otherwise.)
import { Injectable } from '@nestjs/common';
import type { AnswerValue, ApplicationStatus, CallStatus, OrganizationStatus } from '@catalogue/contracts';
import { rolesAllowed } from '../../common/policy/policy.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

/** An application with what its views, rights and letters need (one query). */
export interface ApplicationRow {
  id: string;
  call_id: string;
  organization_id: string;
  status: ApplicationStatus;
  answers: Record<string, AnswerValue>;
  amount_requested_cents: string | null;
  amount_granted_cents: string | null;
  decision_reasons: string | null;
  completion_message: string | null;
  completion_due_at: Date | null;
  submitted_at: Date | null;
  first_submitted_at: Date | null;
  decided_at: Date | null;
  letter_storage_key: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  call_title: string;
  call_status: CallStatus;
  call_opens_at: Date | null;
  call_closes_at: Date | null;
  organization_name: string;
  organization_status: OrganizationStatus;
  organization_address: string;
  organization_commune: string | null;
  organization_postcode: string | null;
  agreement_id: string | null;
}

export interface DocumentRow {
  id: string;
  key: string;
  file_name: string;
  media_type: string;
  size_bytes: string;
  storage_key: string;
  uploaded_at: Date;
}

export interface EventRow {
  kind: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus | null;
  actor_name: string | null;
  message: string | null;
  at: Date;
}

/** What the database clock says of a call (and of an application's completion), to the second. */
export interface ClockFacts {
  opened: boolean;
  before_deadline: boolean;
  before_completion_due: boolean;
}

const SELECT_APPLICATION = `
  SELECT a.id, a.call_id, a.organization_id, a.status, a.answers, a.amount_requested_cents, a.amount_granted_cents,
         a.decision_reasons, a.completion_message, a.completion_due_at, a.submitted_at, a.first_submitted_at,
         a.decided_at, a.letter_storage_key, a.created_at, a.updated_at, a.version,
         c.title AS call_title, c.status AS call_status, c.opens_at AS call_opens_at, c.closes_at AS call_closes_at,
         o.name AS organization_name, o.status AS organization_status, o.address AS organization_address,
         cm.name AS organization_commune, cm.postcodes[1] AS organization_postcode,
         ag.id AS agreement_id
    FROM application a
    JOIN funding_call c ON c.tenant_id = a.tenant_id AND c.id = a.call_id
    JOIN organization o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
    LEFT JOIN commune cm ON cm.insee = o.commune_insee
    LEFT JOIN agreement ag ON ag.tenant_id = a.tenant_id AND ag.application_id = a.id`;

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get q() {
    return this.db.manager();
  }
  private get tenantId() {
    return this.db.tenant().id;
  }

  async load(id: string): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await this.q.query(`${SELECT_APPLICATION} WHERE a.tenant_id = $1 AND a.id = $2`, [
      this.tenantId,
      id,
    ]);
    return rows[0] ?? null;
  }

  /** The structure's live application to the call (not withdrawn), if any. */
  async liveOf(callId: string, organizationId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.q.query(
      `SELECT id FROM application WHERE tenant_id = $1 AND call_id = $2 AND organization_id = $3 AND status <> 'withdrawn'`,
      [this.tenantId, callId, organizationId],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * A new draft and its first log line, in one statement; null when the structure already has a live
   * application to the call (the partial unique index: a second start waits for the first, then
   * inserts nothing).
   */
  async insert(callId: string, organizationId: string, actorId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.q.query(
      `WITH created AS (
         INSERT INTO application (tenant_id, call_id, organization_id, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, call_id, organization_id) WHERE status <> 'withdrawn' DO NOTHING
         RETURNING id)
       INSERT INTO application_event (tenant_id, application_id, kind, to_status, actor_id)
       SELECT $1, id, 'started', 'draft', $4 FROM created RETURNING application_id AS id`,
      [this.tenantId, callId, organizationId, actorId],
    );
    return rows[0]?.id ?? null;
  }

  /** Saves answers and amount if the version is still `version` and the application still editable. */
  async save(
    id: string,
    answers: Record<string, AnswerValue>,
    amountRequestedCents: number | null,
    version: number | null,
  ): Promise<boolean> {
    const rows: unknown[] = await this.q.query(
      `WITH saved AS (
         UPDATE application SET answers = $3::jsonb, amount_requested_cents = $4, version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND status IN ('draft', 'completion_requested')
            AND ($5::int IS NULL OR version = $5)
          RETURNING id)
       SELECT id FROM saved`,
      [this.tenantId, id, JSON.stringify(answers), amountRequestedCents, version],
    );
    return rows.length > 0;
  }

  /** What the database clock says, in this transaction (its `now()`), to the second. */
  async clock(callId: string, applicationId: string | null): Promise<ClockFacts> {
    const rows: ClockFacts[] = await this.q.query(
      `SELECT coalesce(c.opens_at <= now(), false) AS opened,
              coalesce(date_trunc('second', now()) <= c.closes_at, false) AS before_deadline,
              coalesce(date_trunc('second', now()) <= a.completion_due_at, false) AS before_completion_due
         FROM funding_call c
         LEFT JOIN application a ON a.tenant_id = c.tenant_id AND a.id = $3
        WHERE c.tenant_id = $1 AND c.id = $2`,
      [this.tenantId, callId, applicationId],
    );
    return rows[0] ?? { opened: false, before_deadline: false, before_completion_due: false };
  }

  /**
   * Moves the application from `from` to `to` if it is still in `from`, with what the step records.
   * False when another request moved it first.
   */
  async transition(
    id: string,
    from: ApplicationStatus,
    to: ApplicationStatus,
    step:
      | { kind: 'plain' }
      | { kind: 'submitted' }
      | { kind: 'completion'; message: string; dueAt: string }
      | { kind: 'decision'; amountGrantedCents: number | null; reasons: string; actorId: string },
  ): Promise<boolean> {
    const params: unknown[] = [this.tenantId, id, from, to];
    const p = (v: unknown) => `$${params.push(v)}`;
    const set =
      step.kind === 'submitted'
        ? `, submitted_at = now(), first_submitted_at = coalesce(first_submitted_at, now())`
        : step.kind === 'completion'
          ? `, completion_message = ${p(step.message)}, completion_due_at = ${p(step.dueAt)}::timestamptz`
          : step.kind === 'decision'
            ? `, amount_granted_cents = ${p(step.amountGrantedCents)}::bigint, decision_reasons = ${p(step.reasons)},
               decided_at = now(), decided_by = ${p(step.actorId)}::uuid`
            : '';
    const rows: unknown[] = await this.q.query(
      `WITH moved AS (
         UPDATE application SET status = $4, version = version + 1, updated_at = now()${set}
          WHERE tenant_id = $1 AND id = $2 AND status = $3
          RETURNING id)
       SELECT id FROM moved`,
      params,
    );
    return rows.length > 0;
  }

  async setLetter(id: string, storageKey: string): Promise<void> {
    await this.q.query(`UPDATE application SET letter_storage_key = $3 WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      id,
      storageKey,
    ]);
  }

  async addEvent(e: {
    applicationId: string;
    kind: string;
    from: ApplicationStatus | null;
    to: ApplicationStatus | null;
    actorId: string | null;
    message?: string | null;
  }): Promise<void> {
    await this.q.query(
      `INSERT INTO application_event (tenant_id, application_id, kind, from_status, to_status, actor_id, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [this.tenantId, e.applicationId, e.kind, e.from, e.to, e.actorId, e.message?.slice(0, 5000) ?? null],
    );
  }

  async events(id: string): Promise<EventRow[]> {
    return this.q.query(
      `SELECT e.kind, e.from_status, e.to_status, u.name AS actor_name, e.message, e.at
         FROM application_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.tenant_id = $1 AND e.application_id = $2 ORDER BY e.id`,
      [this.tenantId, id],
    );
  }

  // ---- Lists ------------------------------------------------------------------------------------

  async list(filter: { organizationId?: string; callId?: string }): Promise<ApplicationRow[]> {
    return this.q.query(
      `${SELECT_APPLICATION}
        WHERE a.tenant_id = $1 AND ($2::uuid IS NULL OR a.organization_id = $2) AND ($3::uuid IS NULL OR a.call_id = $3)
        ORDER BY (a.status = 'withdrawn'), a.submitted_at NULLS LAST, a.updated_at DESC, a.id`,
      [this.tenantId, filter.organizationId ?? null, filter.callId ?? null],
    );
  }

  // ---- Documents --------------------------------------------------------------------------------

  async documents(applicationId: string): Promise<DocumentRow[]> {
    return this.q.query(
      `SELECT id, key, file_name, media_type, size_bytes, storage_key, uploaded_at FROM application_document
        WHERE tenant_id = $1 AND application_id = $2 ORDER BY uploaded_at, id`,
      [this.tenantId, applicationId],
    );
  }

  async document(applicationId: string, documentId: string): Promise<DocumentRow | null> {
    const rows: DocumentRow[] = await this.q.query(
      `SELECT id, key, file_name, media_type, size_bytes, storage_key, uploaded_at FROM application_document
        WHERE tenant_id = $1 AND application_id = $2 AND id = $3`,
      [this.tenantId, applicationId, documentId],
    );
    return rows[0] ?? null;
  }

  /**
   * Adds a document while the application is editable and under `max` documents: the application's
   * row is locked first, so that two uploads at once count each other.
   */
  async insertDocument(
    applicationId: string,
    d: { key: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; storageKey: string },
    actorId: string,
    max: number,
  ): Promise<{ id: string } | 'not_editable' | 'too_many'> {
    const locked: { status: ApplicationStatus; n: number }[] = await this.q.query(
      `SELECT a.status, (SELECT count(*)::int FROM application_document d
                          WHERE d.tenant_id = a.tenant_id AND d.application_id = a.id) AS n
         FROM application a WHERE a.tenant_id = $1 AND a.id = $2 FOR UPDATE OF a`,
      [this.tenantId, applicationId],
    );
    const row = locked[0];
    if (!row || (row.status !== 'draft' && row.status !== 'completion_requested')) return 'not_editable';
    if (row.n >= max) return 'too_many';
    const rows: { id: string }[] = await this.q.query(
      `INSERT INTO application_document (tenant_id, application_id, key, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [this.tenantId, applicationId, d.key, d.fileName, d.mediaType, d.sizeBytes, d.sha256, d.storageKey, actorId],
    );
    await this.q.query(`UPDATE application SET updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      applicationId,
    ]);
    return rows[0]!;
  }

  /** Removes a document of an editable application; its storage key, or null when nothing was removed. */
  async deleteDocument(applicationId: string, documentId: string): Promise<string | null> {
    const rows: { storage_key: string }[] = await this.q.query(
      `WITH removed AS (
         DELETE FROM application_document d USING application a
          WHERE d.tenant_id = $1 AND d.application_id = $2 AND d.id = $3
            AND a.tenant_id = d.tenant_id AND a.id = d.application_id AND a.status IN ('draft', 'completion_requested')
          RETURNING d.storage_key)
       SELECT storage_key FROM removed`,
      [this.tenantId, applicationId, documentId],
    );
    return rows[0]?.storage_key ?? null;
  }

  // ---- People and places ------------------------------------------------------------------------

  /** A structure of this tenant, as an application needs it. */
  async organization(id: string): Promise<{ id: string; name: string; status: OrganizationStatus } | null> {
    const rows: { id: string; name: string; status: OrganizationStatus }[] = await this.q.query(
      `SELECT id, name, status FROM organization WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** The emails of the structure's active members (those who act on its applications). */
  async structureEmails(organizationId: string): Promise<string[]> {
    const rows: { email: string }[] = await this.q.query(
      `SELECT DISTINCT u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.status = 'active' AND m.role = ANY($3::text[])
        ORDER BY u.email`,
      [this.tenantId, organizationId, rolesAllowed('application.edit')],
    );
    return rows.map((r) => r.email);
  }

  async communeName(insee: string): Promise<string | null> {
    const rows: { name: string }[] = await this.q.query(`SELECT name FROM commune WHERE insee = $1`, [insee]);
    return rows[0]?.name ?? null;
  }

  /** Whether `code` is a commune (INSEE) or an EPCI (SIREN) of the département. */
  async isPlaceOf(code: string, departement: string): Promise<boolean> {
    const rows: unknown[] = await this.q.query(
      `SELECT 1 FROM commune WHERE departement = $2 AND (insee = $1 OR epci = $1) LIMIT 1`,
      [code, departement],
    );
    return rows.length > 0;
  }
}
