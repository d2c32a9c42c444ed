// SQL of the agents' views over every offer of the tenant: moderation queue, dashboard, CSV
// export, and a structure's own list. Tenant named in every query on top of row-level security.
import { Injectable } from '@nestjs/common';
import type { OfferStatusCode, OrganizationStatus } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { OVERDUE_SQL } from './offers-write.repository.js';

/** Waiting for a decision: a new offer, a submitted revision, or a post-moderated publication. */
const WAITING_SQL = `CASE WHEN o.status = 'submitted' THEN 'new'
                          WHEN o.status = 'published' AND r.status = 'submitted' THEN 'revision'
                          WHEN o.status = 'published' AND o.needs_review THEN 'post' END`;

export interface QueueFilters {
  status: OfferStatusCode;
  organization?: string;
  theme?: string;
  kind?: 'new' | 'revision' | 'post';
  offset: number;
  limit: number;
}

export interface QueueRow {
  id: string;
  title: string;
  organization_id: string;
  organization_name: string;
  status: OfferStatusCode;
  kind: 'new' | 'revision' | 'post';
  submitted_at: Date | null;
  themes: string[];
  total: string;
}

export interface ExportRow {
  id: string;
  title: string;
  status: OfferStatusCode;
  organization: string;
  siret: string | null;
  themes: string[];
  communes: string[];
  zone_type: string;
  zone_codes: string[];
  access: string;
  update_frequency_months: number;
  confirmed_at: Date;
  overdue: boolean;
  needs_review: boolean;
  revision_status: 'draft' | 'submitted' | null;
  published_at: Date | null;
  updated_at: Date;
}

@Injectable()
export class OffersAdminRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.db.manager().query(sql, params);
  }
  private get tenantId(): string {
    return this.db.tenant().id;
  }

  /**
   * `submitted`: what waits for a decision, oldest first; another status: the offers in it, last
   * changed first (their kind tells a pending revision or a post-moderated publication apart).
   */
  queue(f: QueueFilters): Promise<QueueRow[]> {
    const params: unknown[] = [this.tenantId];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (f.status === 'submitted') where.push('kind IS NOT NULL');
    else where.push(`status = ${param(f.status)}`);
    if (f.organization) where.push(`organization_id = ${param(f.organization)}`);
    if (f.theme) where.push(`${param(f.theme)} = ANY(theme_index)`);
    if (f.kind) where.push(`kind = ${param(f.kind)}`);
    const order = f.status === 'submitted' ? 'submitted_at ASC NULLS LAST, id' : 'updated_at DESC, id';
    return this.q<QueueRow>(
      `WITH items AS (
         SELECT o.id, o.title, o.organization_id, org.name AS organization_name, o.status, o.themes, o.theme_index, o.updated_at,
                ${f.status === 'submitted' ? WAITING_SQL : `CASE WHEN r.status IS NOT NULL THEN 'revision' WHEN o.needs_review THEN 'post' ELSE 'new' END`} AS kind,
                CASE WHEN r.status = 'submitted' THEN r.submitted_at ELSE o.submitted_at END AS submitted_at
           FROM offer o
           JOIN organization org ON org.id = o.organization_id AND org.tenant_id = o.tenant_id
           LEFT JOIN offer_revision r ON r.offer_id = o.id AND r.tenant_id = o.tenant_id
          WHERE o.tenant_id = $1)
       SELECT id, title, organization_id, organization_name, status, kind, submitted_at, themes, count(*) OVER () AS total
         FROM items WHERE ${where.join(' AND ')}
        ORDER BY ${order}
        LIMIT ${param(f.limit)} OFFSET ${param(f.offset)}`,
      params,
    );
  }

  async countQueue(f: Omit<QueueFilters, 'offset' | 'limit'>): Promise<number> {
    const rows = await this.queue({ ...f, offset: 0, limit: 1 });
    return Number(rows[0]?.total ?? 0);
  }

  async dashboard(): Promise<{
    organizations: Partial<Record<OrganizationStatus, string>> | null;
    offers: Partial<Record<OfferStatusCode, string>> | null;
    to_moderate: string;
    overdue: string;
  }> {
    const rows = await this.q<{
      organizations: Partial<Record<OrganizationStatus, string>> | null;
      offers: Partial<Record<OfferStatusCode, string>> | null;
      to_moderate: string;
      overdue: string;
    }>(
      `SELECT (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) AS n FROM organization WHERE tenant_id = $1 GROUP BY status) s) AS organizations,
              (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) AS n FROM offer WHERE tenant_id = $1 GROUP BY status) s) AS offers,
              (SELECT count(*) FROM offer o LEFT JOIN offer_revision r ON r.offer_id = o.id AND r.tenant_id = o.tenant_id
                WHERE o.tenant_id = $1 AND ${WAITING_SQL} IS NOT NULL) AS to_moderate,
              (SELECT count(*) FROM offer o WHERE o.tenant_id = $1 AND ${OVERDUE_SQL('o')}) AS overdue`,
      [this.tenantId],
    );
    return rows[0]!;
  }

  /** Validated and pending structures that have coordinates. */
  organizationPoints() {
    return this.q<{ id: string; name: string; status: OrganizationStatus; lat: number; lng: number }>(
      `SELECT id, name, status, lat, lng FROM organization
        WHERE tenant_id = $1 AND status IN ('validated', 'pending') AND lat IS NOT NULL AND lng IS NOT NULL
        ORDER BY name, id`,
      [this.tenantId],
    );
  }

  exportRows(): Promise<ExportRow[]> {
    return this.q<ExportRow>(
      `SELECT o.id, o.title, o.status, org.name AS organization, org.siret, o.themes,
              coalesce(array(SELECT DISTINCT c.name FROM offer_place p JOIN commune c ON c.insee = p.commune_insee
                              WHERE p.offer_id = o.id AND p.tenant_id = o.tenant_id ORDER BY c.name), '{}') AS communes,
              o.zone_type, o.zone_codes, o.access, o.update_frequency_months, o.confirmed_at, ${OVERDUE_SQL('o')} AS overdue,
              o.needs_review, r.status AS revision_status, o.published_at, o.updated_at
         FROM offer o
         JOIN organization org ON org.id = o.organization_id AND org.tenant_id = o.tenant_id
         LEFT JOIN offer_revision r ON r.offer_id = o.id AND r.tenant_id = o.tenant_id
        WHERE o.tenant_id = $1
        ORDER BY org.name, o.title, o.id`,
      [this.tenantId],
    );
  }

  async organizationExists(id: string): Promise<boolean> {
    const rows = await this.q(`SELECT 1 FROM organization WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id]);
    return rows.length > 0;
  }

  organizationOffers(organizationId: string) {
    return this.q<{
      id: string;
      title: string;
      summary: string;
      themes: string[];
      status: OfferStatusCode;
      overdue: boolean;
      needs_review: boolean;
      review_comment: string | null;
      revision_status: 'draft' | 'submitted' | null;
      update_frequency_months: 3 | 6 | 12;
      confirmed_at: Date;
      published_at: Date | null;
      updated_at: Date;
    }>(
      `SELECT o.id, o.title, o.summary, o.themes, o.status, ${OVERDUE_SQL('o')} AS overdue, o.needs_review,
              coalesce(r.review_comment, o.review_comment) AS review_comment, r.status AS revision_status,
              o.update_frequency_months, o.confirmed_at, o.published_at, o.updated_at
         FROM offer o LEFT JOIN offer_revision r ON r.offer_id = o.id AND r.tenant_id = o.tenant_id
        WHERE o.tenant_id = $1 AND o.organization_id = $2
        ORDER BY o.updated_at DESC, o.id`,
      [this.tenantId, organizationId],
    );
  }
}
