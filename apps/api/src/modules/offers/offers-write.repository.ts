// SQL of the offers' back office: one offer in any state with its revision, the lifecycle's
// writes, history, and the look-ups that validation and emails need. Every query names its
// tenant explicitly on top of row-level security.
import { Injectable } from '@nestjs/common';
import type { FicheRef, OfferStatusCode } from '@catalogue/contracts';
import type { EntityManager } from 'typeorm';
import { rolesAllowed } from '../../common/policy/policy.js';
import {
  insertOffers,
  updateOffer,
  type OfferInput,
  type OfferUpdate,
  type Queryable,
} from '../../database/catalogue-writer.js';
import { readTenantRules, type TenantRules } from '../../common/tenancy/tenant-rules.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { OfferSession } from '../sessions/sessions.service.js';
import type { OfferContent } from './offer-content.js';
import type { Plan } from './offer-lifecycle.js';
import { FICHE_REF_JSON, OFFER_CONTENT_COLUMNS, type OfferDetailRow } from './offers-catalogue.repository.js';

/** The public detail's row (same content columns), codes narrowed, plus the back office's columns. */
export interface OfferRecord extends Omit<OfferDetailRow, 'cost' | 'access' | 'zone_type'> {
  organization_status: 'pending' | 'validated' | 'rejected';
  status: OfferStatusCode;
  cost: OfferContent['cost'];
  access: OfferContent['access'];
  zone_type: OfferContent['diffusionZone']['type'];
  update_frequency_months: 3 | 6 | 12;
  confirmed_at: Date;
  review_comment: string | null;
  needs_review: boolean;
  submitted_at: Date | null;
  overdue: boolean;
  /** Read from the sessions module. */
  sessions: OfferSession[];
  revision_data: OfferContent | null;
  revision_status: 'draft' | 'submitted' | null;
  revision_comment: string | null;
  revision_updated_at: Date | null;
  revision_submitted_at: Date | null;
  /** Four eyes: who created the offer, who started its pending revision, who last edited its content. */
  created_by: string | null;
  revision_created_by: string | null;
  last_editor_id: string | null;
}

/** Content fields added after revisions were first saved: an older revision lacks them. */
type LaterContentField = 'seatAllocation' | 'cancellationCutoffHours' | 'ficheId';
/** A revision as stored (offer_revision.data). */
export type StoredRevision = Omit<OfferContent, LaterContentField> & Partial<Pick<OfferContent, LaterContentField>>;
/** The offer as load() reads it: without its sessions, its revision as stored. */
export type LoadedOffer = Omit<OfferRecord, 'sessions' | 'revision_data'> & { revision_data: StoredRevision | null };

export interface CommuneRef {
  insee: string;
  name: string;
  departement: string;
  epci: string | null;
  lat: number;
  lng: number;
}

/** Overdue: published and past its update frequency since it was last confirmed. */
export const OVERDUE_SQL = (o: string) =>
  `(${o}.status = 'published' AND ${o}.confirmed_at + make_interval(months => ${o}.update_frequency_months::int) < now())`;

/**
 * The catalogue writer speaks node-postgres' `{rows}`; TypeORM's manager.query answers an UPDATE
 * with [rows, count]. The transaction's query runner gives the rows of every command alike.
 */
export function writerOf(manager: EntityManager): Queryable {
  return {
    query: async <R>(sql: string, params?: unknown[]) => {
      if (!manager.queryRunner) throw new Error('the catalogue writer runs inside a transaction');
      return { rows: (await manager.queryRunner.query(sql, params, true)).records as R[] };
    },
  };
}

@Injectable()
export class OffersWriteRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.db.manager().query(sql, params);
  }
  private get tenantId(): string {
    return this.db.tenant().id;
  }

  rules(): Promise<TenantRules> {
    return readTenantRules(this.db.manager(), this.tenantId);
  }

  async organization(
    id: string,
  ): Promise<{ id: string; name: string; status: 'pending' | 'validated' | 'rejected' } | undefined> {
    const rows = await this.q<{ id: string; name: string; status: 'pending' | 'validated' | 'rejected' }>(
      `SELECT id, name, status FROM organization WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  /** The offer in any state with its pending revision; `lock` serialises transitions of one offer. */
  async load(id: string, lock = false): Promise<LoadedOffer | undefined> {
    const rows = await this.q<LoadedOffer>(
      `SELECT o.id, o.organization_id, org.name AS organization_name, org.status AS organization_status, o.status,
              ${OFFER_CONTENT_COLUMNS}, o.update_frequency_months, o.confirmed_at, o.review_comment, o.needs_review,
              o.submitted_at, o.published_at, o.updated_at,
              coalesce(o.places_open_until > now(), false) AS has_places, ${OVERDUE_SQL('o')} AS overdue,
              coalesce((SELECT json_agg(json_build_object('label', p.label, 'address', p.address, 'commune', c.name,
                                  'communeInsee', p.commune_insee, 'lat', p.lat, 'lng', p.lng) ORDER BY p.position)
                          FROM offer_place p JOIN commune c ON c.insee = p.commune_insee
                         WHERE p.offer_id = o.id AND p.tenant_id = o.tenant_id), '[]') AS places,
              r.data AS revision_data, r.status AS revision_status, r.review_comment AS revision_comment,
              r.updated_at AS revision_updated_at, r.submitted_at AS revision_submitted_at,
              o.created_by, r.created_by AS revision_created_by,
              (SELECT e.actor_id FROM offer_event e
                WHERE e.tenant_id = o.tenant_id AND e.offer_id = o.id AND e.action IN ('created', 'edited')
                  AND e.changed_fields <> '{updateFrequencyMonths}'
                ORDER BY e.at DESC, e.id LIMIT 1) AS last_editor_id
         FROM offer o
         JOIN organization org ON org.id = o.organization_id AND org.tenant_id = o.tenant_id
         LEFT JOIN offer_revision r ON r.offer_id = o.id AND r.tenant_id = o.tenant_id
        WHERE o.tenant_id = $1 AND o.id = $2
        ${lock ? 'FOR UPDATE OF o' : ''}`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  /** The offer without its sessions (the sessions module writes those). */
  async create(input: Omit<OfferInput, 'sessions'>, frequency: number, actorId: string): Promise<string> {
    const [id] = await insertOffers(writerOf(this.db.manager()), this.db.tenant(), [{ ...input, sessions: [] }]);
    await this.q(
      `UPDATE offer SET update_frequency_months = $3, created_by = $4, updated_by = $4 WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id, frequency, actorId],
    );
    return id!;
  }

  /** A fiche of the tenant's current plan, or undefined. */
  async ficheRef(id: string): Promise<FicheRef | undefined> {
    const rows = await this.q<{ fiche: FicheRef | null }>(
      `SELECT ${FICHE_REF_JSON('$2::uuid', '$1::uuid')} AS fiche
        WHERE EXISTS (SELECT 1 FROM plan_fiche f JOIN insertion_plan p ON p.tenant_id = f.tenant_id AND p.id = f.plan_id
                       WHERE f.tenant_id = $1 AND f.id = $2 AND p.is_current)`,
      [this.tenantId, id],
    );
    return rows[0]?.fiche ?? undefined;
  }

  /** Once a person chose the offer's fiche, the legacy text that named one is done with (never linked again). */
  async clearLegacyMeasure(id: string): Promise<void> {
    await this.q(`UPDATE offer SET plan_measure = NULL WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id]);
  }

  async update(id: string, input: OfferUpdate, actorId: string): Promise<void> {
    await updateOffer(writerOf(this.db.manager()), this.db.tenant(), id, input);
    await this.q(`UPDATE offer SET updated_by = $3 WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id, actorId]);
  }

  /** A back-office setting, not public content: changed at once, even on a published offer. */
  async setFrequency(id: string, months: number, actorId: string): Promise<void> {
    await this.q(
      `UPDATE offer SET update_frequency_months = $3, updated_by = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id, months, actorId],
    );
  }

  /** Carries out the offer part of a lifecycle plan (on one offer, or on a batch in the same state). */
  async applyOfferPlan(
    id: string | string[],
    p: NonNullable<Plan['offer']>,
    comment: string | null,
    actorId: string,
  ): Promise<void> {
    const sets: string[] = ['updated_by = $3'];
    const params: unknown[] = [this.tenantId, Array.isArray(id) ? id : [id], actorId];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (p.status) {
      sets.push(`status = ${param(p.status)}`);
      if (p.status === 'published') sets.push('published_at = coalesce(published_at, now())');
    }
    if (p.needsReview !== undefined) sets.push(`needs_review = ${param(p.needsReview)}`);
    if (p.reviewComment === 'set') sets.push(`review_comment = ${param(comment)}`);
    if (p.reviewComment === 'clear') sets.push('review_comment = NULL');
    if (p.submittedAt === 'now') sets.push('submitted_at = now()');
    if (p.submittedAt === 'clear') sets.push('submitted_at = NULL');
    if (p.confirm) sets.push('confirmed_at = now()');
    await this.q(`UPDATE offer SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, params);
  }

  async saveRevision(offerId: string, data: OfferContent, actorId: string): Promise<void> {
    await this.q(
      `INSERT INTO offer_revision (tenant_id, offer_id, data, status, created_by)
       VALUES ($1, $2, $3, 'draft', $4)
       ON CONFLICT (offer_id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [this.tenantId, offerId, JSON.stringify(data), actorId],
    );
  }

  async setRevisionStatus(offerId: string, status: 'draft' | 'submitted', comment: string | null): Promise<void> {
    await this.q(
      `UPDATE offer_revision
          SET status = $3, review_comment = $4, updated_at = now(),
              submitted_at = CASE WHEN $3 = 'submitted' THEN now() ELSE NULL END
        WHERE tenant_id = $1 AND offer_id = $2`,
      [this.tenantId, offerId, status, comment],
    );
  }

  async dropRevision(offerId: string): Promise<void> {
    await this.q(`DELETE FROM offer_revision WHERE tenant_id = $1 AND offer_id = $2`, [this.tenantId, offerId]);
  }

  async addEvent(e: {
    offerId: string;
    actorId: string;
    action: string;
    from: OfferStatusCode | null;
    to: OfferStatusCode | null;
    comment?: string | null;
    changedFields?: string[];
    onRevision?: boolean;
  }): Promise<void> {
    await this.q(
      `INSERT INTO offer_event (tenant_id, offer_id, actor_id, action, from_status, to_status, comment, changed_fields, on_revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        this.tenantId,
        e.offerId,
        e.actorId,
        e.action,
        e.from,
        e.to,
        e.comment ?? null,
        e.changedFields ?? [],
        e.onRevision ?? false,
      ],
    );
  }

  history(offerId: string) {
    return this.q<{
      id: string;
      at: Date;
      actor_id: string | null;
      actor_name: string | null;
      actor_email: string | null;
      action: string;
      from_status: OfferStatusCode | null;
      to_status: OfferStatusCode | null;
      comment: string | null;
      changed_fields: string[];
      on_revision: boolean;
    }>(
      `SELECT e.id, e.at, e.actor_id, u.name AS actor_name, u.email AS actor_email, e.action, e.from_status, e.to_status,
              e.comment, e.changed_fields, e.on_revision
         FROM offer_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.tenant_id = $1 AND e.offer_id = $2
        ORDER BY e.at DESC, e.id`,
      [this.tenantId, offerId],
    );
  }

  async communes(insees: string[]): Promise<Map<string, CommuneRef>> {
    if (insees.length === 0) return new Map();
    const rows = await this.q<CommuneRef>(
      `SELECT insee, name, departement, epci, lat, lng FROM commune WHERE insee = ANY($1)`,
      [[...new Set(insees)]],
    );
    return new Map(rows.map((r) => [r.insee, r]));
  }

  /** The given zone codes that exist for this tenant: its communes, EPCI reaching it, its territories. */
  async existingZoneCodes(
    type: 'communes' | 'epci' | 'territory',
    codes: string[],
    departement: string,
  ): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows =
      type === 'territory'
        ? await this.q<{ code: string }>(`SELECT code FROM territory WHERE tenant_id = $1 AND code = ANY($2)`, [
            this.tenantId,
            codes,
          ])
        : type === 'communes'
          ? await this.q<{ code: string }>(
              `SELECT insee AS code FROM commune WHERE departement = $1 AND insee = ANY($2)`,
              [departement, codes],
            )
          : await this.q<{ code: string }>(
              `SELECT DISTINCT epci AS code FROM commune WHERE departement = $1 AND epci = ANY($2)`,
              [departement, codes],
            );
    return new Set(rows.map((r) => r.code));
  }

  /** Active members of a structure (who receive its offers' news). */
  members(organizationId: string) {
    return this.q<{ id: string; email: string; name: string }>(
      `SELECT DISTINCT u.id, u.email, u.name FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.status = 'active' AND m.role = ANY($3::text[])`,
      [this.tenantId, organizationId, rolesAllowed('offer.edit')],
    );
  }

  /** The tenant's agents (and admins), who moderate. */
  agents() {
    return this.q<{ id: string; email: string; name: string }>(
      `SELECT DISTINCT u.id, u.email, u.name FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.status = 'active' AND m.role = ANY($2::text[])`,
      [this.tenantId, rolesAllowed('offer.moderate')],
    );
  }
}
