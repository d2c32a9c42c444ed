// The calls' database code: the call, its fiches, its documents, its instructors, its log; and
// what it reads of applications and structures (counts, recipients), read-only. The tenant is in
// every query, even under row-level security.
import { Injectable } from '@nestjs/common';
import type {
  ApplicationStatus,
  CallDocumentRequirement,
  CallQuestion,
  CallStatus,
  CallTerritory,
  CallWrite,
  GridCriterion,
} from '@catalogue/contracts';
import { toCents } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface CallRow {
  id: string;
  status: CallStatus;
  title: string;
  context: string;
  eligible_kinds: string[];
  eligible_publics: string[];
  territory: CallTerritory;
  envelope_cents: string;
  opens_at: Date | null;
  closes_at: Date | null;
  questions: CallQuestion[];
  documents: CallDocumentRequirement[];
  grid: GridCriterion[];
  withdrawn_reason: string | null;
  results: string | null;
  published_at: Date | null;
  closed_at: Date | null;
  decided_at: Date | null;
  version: number;
  fiche_ids: string[];
}

export interface CallDocumentRow {
  id: string;
  call_id: string;
  label: string;
  file_name: string;
  media_type: string;
  size_bytes: string;
  storage_key: string;
}

const COLUMNS = `c.id, c.status, c.title, c.context, c.eligible_kinds, c.eligible_publics, c.territory, c.envelope_cents,
  c.opens_at, c.closes_at, c.questions, c.documents, c.grid, c.withdrawn_reason, c.results, c.published_at,
  c.closed_at, c.decided_at, c.version,
  coalesce((SELECT array_agg(cf.fiche_id) FROM funding_call_fiche cf
             WHERE cf.tenant_id = c.tenant_id AND cf.call_id = c.id), '{}') AS fiche_ids`;

/** The statuses of an application that still waits for a decision. */
export const UNDECIDED: ApplicationStatus[] = ['submitted', 'completion_requested'];

@Injectable()
export class CallsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get tenantId(): string {
    return this.db.tenant().id;
  }

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.manager().query(sql, params) as Promise<T[]>;
  }

  /** The rows an UPDATE … RETURNING gives (the driver answers [rows, count] for a bare UPDATE). */
  private returning<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.q<T>(`WITH done AS (${sql}) SELECT * FROM done`, params);
  }

  /** Calls in `statuses`, open ones by soonest deadline first, then the others by latest deadline. */
  list(statuses: readonly CallStatus[]): Promise<CallRow[]> {
    return this.q<CallRow>(
      `SELECT ${COLUMNS} FROM funding_call c
        WHERE c.tenant_id = $1 AND c.status = ANY($2::text[])
        ORDER BY (c.status = 'published') DESC,
                 CASE WHEN c.status = 'published' THEN c.closes_at END ASC NULLS LAST,
                 c.closes_at DESC NULLS FIRST, c.created_at DESC`,
      [this.tenantId, statuses],
    );
  }

  /** Applications per call and status (agents' view of the list). */
  async applicationCounts(): Promise<Map<string, Partial<Record<ApplicationStatus, number>>>> {
    const rows = await this.q<{ call_id: string; status: ApplicationStatus; n: number }>(
      `SELECT call_id, status, count(*)::int AS n FROM application WHERE tenant_id = $1 GROUP BY call_id, status`,
      [this.tenantId],
    );
    const out = new Map<string, Partial<Record<ApplicationStatus, number>>>();
    for (const r of rows) out.set(r.call_id, { ...out.get(r.call_id), [r.status]: r.n });
    return out;
  }

  async get(id: string, lock = false): Promise<CallRow | undefined> {
    const rows = await this.q<CallRow>(
      `SELECT ${COLUMNS} FROM funding_call c WHERE c.tenant_id = $1 AND c.id = $2 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  async insert(c: CallWrite, userId: string): Promise<string> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO funding_call (tenant_id, title, context, eligible_kinds, eligible_publics, territory, envelope_cents,
                                 opens_at, closes_at, questions, documents, grid, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [this.tenantId, ...this.values(c), userId],
    );
    const id = rows[0]!.id;
    await this.setFiches(id, c.fiches);
    return id;
  }

  /** Writes the call if it is still at `version`; false when someone changed it meanwhile. */
  async update(id: string, c: CallWrite, version: number, postponed: boolean): Promise<boolean> {
    const rows = await this.returning<{ id: string }>(
      `UPDATE funding_call
          SET title = $3, context = $4, eligible_kinds = $5, eligible_publics = $6, territory = $7, envelope_cents = $8,
              opens_at = $9, closes_at = $10, questions = $11, documents = $12, grid = $13,
              reminded_7d_at = CASE WHEN $15 THEN NULL ELSE reminded_7d_at END,
              reminded_1d_at = CASE WHEN $15 THEN NULL ELSE reminded_1d_at END,
              version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND version = $14
        RETURNING id`,
      [this.tenantId, id, ...this.values(c), version, postponed],
    );
    if (!rows.length) return false;
    await this.setFiches(id, c.fiches);
    return true;
  }

  private values(c: CallWrite): unknown[] {
    return [
      c.title,
      c.context,
      c.eligibleKinds,
      c.eligiblePublics,
      JSON.stringify(c.territory),
      toCents(c.envelope),
      c.opensAt,
      c.closesAt,
      JSON.stringify(c.questions),
      JSON.stringify(c.documents),
      JSON.stringify(c.grid),
    ];
  }

  private async setFiches(id: string, ficheIds: readonly string[]): Promise<void> {
    await this.q(
      `DELETE FROM funding_call_fiche WHERE tenant_id = $1 AND call_id = $2 AND NOT fiche_id = ANY($3::uuid[])`,
      [this.tenantId, id, ficheIds],
    );
    await this.q(
      `INSERT INTO funding_call_fiche (tenant_id, call_id, fiche_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
      [this.tenantId, id, ficheIds],
    );
  }

  /**
   * Moves the call from `from` to `to` (stamping the date of the new state), only if it is still in
   * `from`: two requests never both move it. Returns whether this one did.
   */
  async move(
    id: string,
    from: CallStatus,
    to: CallStatus,
    set: { withdrawnReason?: string; results?: string } = {},
  ): Promise<boolean> {
    const stamp = { published: 'published_at', closed: 'closed_at', decided: 'decided_at' }[to as string];
    const rows = await this.returning<{ id: string }>(
      `UPDATE funding_call
          SET status = $4, ${stamp ? `${stamp} = now(),` : ''}
              withdrawn_reason = coalesce($5, withdrawn_reason), results = coalesce($6, results),
              version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = $3
        RETURNING id`,
      [this.tenantId, id, from, to, set.withdrawnReason ?? null, set.results ?? null],
    );
    return rows.length > 0;
  }

  async event(id: string, from: CallStatus | null, to: CallStatus, actorId: string | null, reason: string | null) {
    await this.q(
      `INSERT INTO funding_call_event (tenant_id, call_id, from_status, to_status, actor_id, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [this.tenantId, id, from, to, actorId, reason],
    );
  }

  /** Applications of the call still waiting for a decision (read under the call's row lock). */
  async undecidedApplications(callId: string): Promise<number> {
    const rows = await this.q<{ n: number }>(
      `SELECT count(*)::int AS n FROM application WHERE tenant_id = $1 AND call_id = $2 AND status = ANY($3::text[])`,
      [this.tenantId, callId, UNDECIDED],
    );
    return rows[0]!.n;
  }

  // ---- Checks of what a call names ---------------------------------------------------------

  /** Among `codes`, those that are EPCIs (kind `epci`) or communes (kind `communes`) of the département. */
  async knownTerritoryCodes(
    kind: 'epci' | 'communes',
    codes: readonly string[],
    departement: string,
  ): Promise<Set<string>> {
    if (!codes.length) return new Set();
    const rows = await this.q<{ code: string }>(
      kind === 'communes'
        ? `SELECT insee AS code FROM commune WHERE departement = $1 AND insee = ANY($2::text[])`
        : `SELECT DISTINCT epci AS code FROM commune WHERE departement = $1 AND epci = ANY($2::text[])`,
      [departement, codes],
    );
    return new Set(rows.map((r) => r.code));
  }

  /** The names of these territory codes (EPCIs and communes), for the call's page. */
  async territoryNames(codes: readonly string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.q<{ code: string; name: string }>(
      `SELECT insee AS code, name FROM commune WHERE insee = ANY($1::text[])
       UNION ALL SELECT code, name FROM epci WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  // ---- Documents ---------------------------------------------------------------------------

  documents(callId: string): Promise<CallDocumentRow[]> {
    return this.q<CallDocumentRow>(
      `SELECT id, call_id, label, file_name, media_type, size_bytes, storage_key FROM funding_call_document
        WHERE tenant_id = $1 AND call_id = $2 ORDER BY uploaded_at, id`,
      [this.tenantId, callId],
    );
  }

  async document(callId: string, docId: string): Promise<CallDocumentRow | undefined> {
    const rows = await this.q<CallDocumentRow>(
      `SELECT id, call_id, label, file_name, media_type, size_bytes, storage_key FROM funding_call_document
        WHERE tenant_id = $1 AND call_id = $2 AND id = $3`,
      [this.tenantId, callId, docId],
    );
    return rows[0];
  }

  async insertDocument(
    callId: string,
    d: { label: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; storageKey: string },
    userId: string,
  ): Promise<string> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO funding_call_document (tenant_id, call_id, label, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [this.tenantId, callId, d.label, d.fileName, d.mediaType, d.sizeBytes, d.sha256, d.storageKey, userId],
    );
    return rows[0]!.id;
  }

  async deleteDocument(callId: string, docId: string): Promise<void> {
    await this.q(`DELETE FROM funding_call_document WHERE tenant_id = $1 AND call_id = $2 AND id = $3`, [
      this.tenantId,
      callId,
      docId,
    ]);
  }

  // ---- Instructors -------------------------------------------------------------------------

  /** Among `userIds`, the active agents and admins of the tenant. */
  async activeStaff(userIds: readonly string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await this.q<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM membership
        WHERE tenant_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'active' AND role IN ('agent', 'admin')`,
      [this.tenantId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async setInstructors(callId: string, userIds: readonly string[], by: string): Promise<void> {
    await this.q(
      `DELETE FROM funding_call_instructor WHERE tenant_id = $1 AND call_id = $2 AND NOT user_id = ANY($3::uuid[])`,
      [this.tenantId, callId, userIds],
    );
    await this.q(
      `INSERT INTO funding_call_instructor (tenant_id, call_id, user_id, assigned_by)
       SELECT $1, $2, unnest($3::uuid[]), $4 ON CONFLICT DO NOTHING`,
      [this.tenantId, callId, userIds, by],
    );
  }

  // ---- Recipients of the calls' emails ----------------------------------------------------

  /** One address per person: the active members of the validated structures that asked to hear of new calls. */
  async optedInMembers(): Promise<string[]> {
    const rows = await this.q<{ email: string }>(
      `SELECT DISTINCT u.email FROM membership m
         JOIN organization o ON o.tenant_id = m.tenant_id AND o.id = m.organization_id
         JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.status = 'active' AND m.role IN ('structure_admin', 'structure_member')
          AND o.status = 'validated' AND o.notify_calls
        ORDER BY u.email`,
      [this.tenantId],
    );
    return rows.map((r) => r.email);
  }

  /** One address per person: the active members of the structures with an application to the call in `statuses`. */
  async applicantMembers(callId: string, statuses: readonly ApplicationStatus[]): Promise<string[]> {
    const rows = await this.q<{ email: string }>(
      `SELECT DISTINCT u.email FROM application a
         JOIN membership m ON m.tenant_id = a.tenant_id AND m.organization_id = a.organization_id
         JOIN app_user u ON u.id = m.user_id
        WHERE a.tenant_id = $1 AND a.call_id = $2 AND a.status = ANY($3::text[])
          AND m.status = 'active' AND m.role IN ('structure_admin', 'structure_member')
        ORDER BY u.email`,
      [this.tenantId, callId, statuses],
    );
    return rows.map((r) => r.email);
  }

  // ---- The clock ---------------------------------------------------------------------------

  /**
   * Closes the published calls whose deadline has passed, at the second (a deadline of 23:59:59
   * closes at 00:00:00), in one conditional UPDATE: two instances never close a call twice.
   */
  async closeDue(): Promise<{ id: string; title: string }[]> {
    return this.returning<{ id: string; title: string }>(
      `UPDATE funding_call SET status = 'closed', closed_at = now(), version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND status = 'published' AND closes_at < date_trunc('second', now())
        RETURNING id, title`,
      [this.tenantId],
    );
  }

  /**
   * Claims the reminders due (7 days: between 7 and 1 day before the deadline; 1 day: the last
   * day), stamping them in the same statement: whoever runs it first sends, nobody twice.
   */
  async claimReminders(which: '7d' | '1d'): Promise<{ id: string; title: string; closes_at: Date }[]> {
    const [column, from, to] =
      which === '7d' ? ['reminded_7d_at', '7 days', '1 day'] : ['reminded_1d_at', '1 day', '0 seconds'];
    return this.returning<{ id: string; title: string; closes_at: Date }>(
      `UPDATE funding_call SET ${column} = now()
        WHERE tenant_id = $1 AND status = 'published' AND ${column} IS NULL
          AND closes_at - interval '${from}' <= now() AND closes_at - interval '${to}' > now()
        RETURNING id, title, closes_at`,
      [this.tenantId],
    );
  }
}
