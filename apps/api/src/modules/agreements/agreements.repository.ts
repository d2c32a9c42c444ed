// SQL of agreements: the list, one agreement with what its PDF and its page name (the structure,
// the call), its history, the lifecycle's conditional writes, who is told, and what the draft
// offer is prefilled from. Every query names its tenant on top of row-level security.
import { Injectable } from '@nestjs/common';
import type { AgreementStatus, CallQuestion, CallTerritory } from '@catalogue/contracts';
import { rolesAllowed } from '../../common/policy/policy.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { StoredIndicator, StoredTranche } from './agreement-drafts.js';

export interface AgreementRow {
  id: string;
  application_id: string;
  call_id: string;
  call_title: string;
  organization_id: string;
  organization_name: string;
  organization_siret: string | null;
  organization_address: string;
  organization_commune: string | null;
  status: AgreementStatus;
  title: string;
  amount_cents: string;
  starts_on: string;
  ends_on: string;
  payment_schedule: StoredTranche[];
  indicators: StoredIndicator[];
  bilan_due_dates: string[];
  signed_file_name: string | null;
  signed_at: Date | null;
  sent_at: Date | null;
  offer_id: string | null;
  version: number;
}

export interface AgreementListRow {
  id: string;
  call_id: string;
  call_title: string;
  organization_id: string;
  organization_name: string;
  status: AgreementStatus;
  title: string;
  amount_cents: string;
  starts_on: string;
  ends_on: string;
  offer_id: string | null;
}

/** What the draft offer is prefilled from: the application's answers, the call, the structure. */
export interface OfferSource {
  answers: Record<string, unknown>;
  questions: CallQuestion[];
  eligible_publics: string[];
  territory: CallTerritory;
  call_title: string;
  organization_name: string;
  organization_address: string;
  commune_insee: string | null;
  commune_departement: string | null;
  lat: number | null;
  lng: number | null;
  commune_lat: number | null;
  commune_lng: number | null;
}

export interface Terms {
  title: string;
  startsOn: string;
  endsOn: string;
  schedule: StoredTranche[];
  indicators: StoredIndicator[];
  bilanDueDates: string[];
}

// Dates as text: a `date` column must never move with the server's time zone.
const COLUMNS = `a.id, a.application_id, a.call_id, c.title AS call_title, a.organization_id, o.name AS organization_name,
  o.siret AS organization_siret, o.address AS organization_address, cm.name AS organization_commune, a.status, a.title,
  a.amount_cents, a.starts_on::text AS starts_on, a.ends_on::text AS ends_on, a.payment_schedule, a.indicators,
  a.bilan_due_dates::text[] AS bilan_due_dates, a.signed_file_name, a.signed_at, a.sent_at, a.offer_id, a.version`;
const FROM = `FROM agreement a
  JOIN funding_call c ON c.tenant_id = a.tenant_id AND c.id = a.call_id
  JOIN organization o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
  LEFT JOIN commune cm ON cm.insee = o.commune_insee`;

@Injectable()
export class AgreementsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.db.manager().query(sql, params);
  }
  /** An UPDATE … RETURNING: TypeORM's manager.query answers those with [rows, count]; the query runner gives the rows. */
  private async updated(sql: string, params: unknown[]): Promise<number> {
    const runner = this.db.manager().queryRunner;
    if (!runner) throw new Error('agreements: writes run inside the request transaction');
    return ((await runner.query(sql, params, true)).records as unknown[]).length;
  }
  private get tenantId(): string {
    return this.db.tenant().id;
  }

  list(f: { callId?: string; status?: AgreementStatus; organizationId?: string }): Promise<AgreementListRow[]> {
    return this.q<AgreementListRow>(
      `SELECT a.id, a.call_id, c.title AS call_title, a.organization_id, o.name AS organization_name, a.status, a.title,
              a.amount_cents, a.starts_on::text AS starts_on, a.ends_on::text AS ends_on, a.offer_id
         ${FROM}
        WHERE a.tenant_id = $1 AND ($2::uuid IS NULL OR a.call_id = $2) AND ($3::text IS NULL OR a.status = $3)
          AND ($4::uuid IS NULL OR a.organization_id = $4)
        ORDER BY a.created_at DESC, a.id
        LIMIT 1000`,
      [this.tenantId, f.callId ?? null, f.status ?? null, f.organizationId ?? null],
    );
  }

  /** One agreement; `lock` serialises its transitions (two signed uploads: one wins). */
  async load(id: string, lock = false): Promise<AgreementRow | undefined> {
    const rows = await this.q<AgreementRow>(
      `SELECT ${COLUMNS} ${FROM} WHERE a.tenant_id = $1 AND a.id = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  async callFicheIds(callId: string): Promise<string[]> {
    const rows = await this.q<{ fiche_id: string }>(
      `SELECT fiche_id FROM funding_call_fiche WHERE tenant_id = $1 AND call_id = $2`,
      [this.tenantId, callId],
    );
    return rows.map((r) => r.fiche_id);
  }

  events(id: string) {
    return this.q<{
      from_status: AgreementStatus | null;
      to_status: AgreementStatus;
      actor_name: string | null;
      message: string | null;
      at: Date;
    }>(
      `SELECT e.from_status, e.to_status, u.name AS actor_name, e.message, e.at
         FROM agreement_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.tenant_id = $1 AND e.agreement_id = $2 ORDER BY e.at, e.id`,
      [this.tenantId, id],
    );
  }

  /** The terms of a draft, if its version is still `version`; false when it moved meanwhile. */
  async updateTerms(id: string, t: Terms, version: number): Promise<boolean> {
    const n = await this.updated(
      `UPDATE agreement SET title = $3, starts_on = $4, ends_on = $5, payment_schedule = $6::jsonb, indicators = $7::jsonb,
              bilan_due_dates = $8::date[], version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'draft' AND version = $9
        RETURNING id`,
      [
        this.tenantId,
        id,
        t.title,
        t.startsOn,
        t.endsOn,
        JSON.stringify(t.schedule),
        JSON.stringify(t.indicators),
        t.bilanDueDates,
        version,
      ],
    );
    return n === 1;
  }

  /**
   * Moves the agreement from `from` to `to` only if it is still in `from` (a conditional UPDATE:
   * of two racing requests, one moves it), with the columns of that step.
   */
  async move(
    id: string,
    from: AgreementStatus,
    to: AgreementStatus,
    set: {
      sentAt?: true;
      signed?: { fileName: string; mediaType: string; sizeBytes: number; sha256: string; key: string };
      offerId?: string;
    } = {},
  ): Promise<boolean> {
    const sets = ['status = $4', 'version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [this.tenantId, id, from, to];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (set.sentAt) sets.push('sent_at = now()');
    if (set.signed)
      sets.push(
        `signed_file_name = ${param(set.signed.fileName)}`,
        `signed_media_type = ${param(set.signed.mediaType)}`,
        `signed_size_bytes = ${param(set.signed.sizeBytes)}`,
        `signed_sha256 = ${param(set.signed.sha256)}`,
        `signed_storage_key = ${param(set.signed.key)}`,
        'signed_at = now()',
      );
    if (set.offerId) sets.push(`offer_id = ${param(set.offerId)}`);
    const n = await this.updated(
      `UPDATE agreement SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 AND status = $3 RETURNING id`,
      params,
    );
    return n === 1;
  }

  async addEvent(e: {
    id: string;
    from: AgreementStatus | null;
    to: AgreementStatus;
    actorId: string | null;
    message?: string | null;
  }): Promise<void> {
    await this.q(
      `INSERT INTO agreement_event (tenant_id, agreement_id, from_status, to_status, actor_id, message)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [this.tenantId, e.id, e.from, e.to, e.actorId, e.message ?? null],
    );
  }

  /** Active members of the structure (who sign and complete the offer). */
  members(organizationId: string) {
    return this.q<{ id: string; email: string }>(
      `SELECT DISTINCT u.id, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.status = 'active' AND m.role = ANY($3::text[])`,
      [this.tenantId, organizationId, rolesAllowed('offer.edit')],
    );
  }

  /** The call's assigned agents, or, when none is assigned, the département's agents. */
  async agents(callId: string) {
    const assigned = await this.q<{ id: string; email: string }>(
      `SELECT DISTINCT u.id, u.email FROM funding_call_instructor i JOIN app_user u ON u.id = i.user_id
         JOIN membership m ON m.user_id = u.id AND m.tenant_id = i.tenant_id AND m.status = 'active'
        WHERE i.tenant_id = $1 AND i.call_id = $2`,
      [this.tenantId, callId],
    );
    if (assigned.length) return assigned;
    return this.q<{ id: string; email: string }>(
      `SELECT DISTINCT u.id, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.status = 'active' AND m.role = ANY($2::text[])`,
      [this.tenantId, rolesAllowed('agreement.manage')],
    );
  }

  async offerSource(id: string): Promise<OfferSource> {
    const rows = await this.q<OfferSource>(
      `SELECT ap.answers, c.questions, c.eligible_publics, c.territory, c.title AS call_title, o.name AS organization_name,
              o.address AS organization_address, o.commune_insee, cm.departement AS commune_departement, o.lat, o.lng,
              cm.lat AS commune_lat, cm.lng AS commune_lng
         FROM agreement a
         JOIN application ap ON ap.tenant_id = a.tenant_id AND ap.id = a.application_id
         JOIN funding_call c ON c.tenant_id = a.tenant_id AND c.id = a.call_id
         JOIN organization o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
         LEFT JOIN commune cm ON cm.insee = o.commune_insee
        WHERE a.tenant_id = $1 AND a.id = $2`,
      [this.tenantId, id],
    );
    return rows[0]!;
  }

  /** Signed agreements whose first day has come, and running ones whose end and last bilan are past. */
  async due(today: string, limit: number): Promise<{ id: string; status: AgreementStatus }[]> {
    return this.q(
      `SELECT id, status FROM agreement
        WHERE tenant_id = $1 AND (
          (status = 'signed' AND starts_on <= $2::date)
          OR (status = 'running' AND greatest(ends_on, (SELECT max(d) FROM unnest(bilan_due_dates) d)) < $2::date))
        ORDER BY id LIMIT $3`,
      [this.tenantId, today, limit],
    );
  }
}
