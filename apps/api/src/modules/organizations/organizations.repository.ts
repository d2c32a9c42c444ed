import { Injectable } from '@nestjs/common';
import type { OrganizationIdentity, OrganizationIdentityChange, OrganizationStatus } from '@catalogue/contracts';
import { rederiveOrganizationOffers } from '../../database/catalogue-writer.js';
import { rolesAllowed } from '../../common/policy/policy.js';
import { readTenantRules } from '../../common/tenancy/tenant-rules.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';

export interface OrganizationRow {
  id: string;
  name: string;
  kind: string;
  siret: string | null;
  description: string;
  address: string;
  commune_insee: string | null;
  commune_name: string | null;
  lat: number | null;
  lng: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  offers: { id: string; title: string; summary: string; themes: string[]; access: string }[];
}

/** What the policy and the state checks need about a structure. */
export interface OrganizationState {
  id: string;
  name: string;
  status: OrganizationStatus;
  siret: string | null;
  /** Who created it and who last edited it (four eyes). */
  created_by: string | null;
  updated_by: string | null;
}

/** The latest identity change as the back office's query builds it (json). */
export interface IdentityChangeJson extends Omit<OrganizationIdentityChange, 'requestedBy'> {
  requestedByName: string | null;
  requestedByEmail: string | null;
}

export interface BackOfficeRow extends Omit<OrganizationRow, 'offers'> {
  prescriber: boolean;
  notify_calls: boolean;
  status: OrganizationStatus;
  rejection_reason: string | null;
  created_at: Date;
  decided_at: Date | null;
  offer_count: number;
  identity_change: IdentityChangeJson | null;
}

/** The columns a structure's form writes. */
export interface OrganizationWrite {
  siret: string | null;
  name: string;
  kind: string;
  description: string;
  address: string;
  /** Null only for structures imported without one, until someone sets it. */
  communeInsee: string | null;
  lat: number | null;
  lng: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  prescriber: boolean;
  /** Its members are told of new calls for projects. */
  notifyCalls: boolean;
}

const BACK_OFFICE_SELECT = `
  SELECT org.id, org.siret, org.name, org.kind, org.description, org.address, org.commune_insee, c.name AS commune_name,
         org.lat, org.lng, org.website, org.email, org.phone, org.prescriber, org.notify_calls, org.status, org.rejection_reason,
         org.created_at, org.decided_at,
         (SELECT count(*)::int FROM offer o WHERE o.tenant_id = org.tenant_id AND o.organization_id = org.id) AS offer_count,
         (SELECT json_build_object('id', ch.id, 'status', ch.status, 'proposed', ch.proposed, 'previous', ch.previous, 'reason', ch.reason,
                                   'requestedAt', ch.created_at, 'requestedByName', u.name, 'requestedByEmail', u.email, 'decidedAt', ch.decided_at)
            FROM organization_change ch LEFT JOIN app_user u ON u.id = ch.created_by
           WHERE ch.tenant_id = org.tenant_id AND ch.organization_id = org.id
           ORDER BY (ch.status = 'pending') DESC, ch.created_at DESC LIMIT 1) AS identity_change
    FROM organization org
    LEFT JOIN commune c ON c.insee = org.commune_insee`;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: TenantTransaction) {}

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.manager().query(sql, params);
  }

  private get tenantId(): string {
    return this.db.tenant().id;
  }

  /** A validated structure with its published offers (the public profile). */
  async findWithPublishedOffers(id: string): Promise<OrganizationRow | undefined> {
    const rows = await this.q<OrganizationRow>(
      `SELECT org.id, org.name, org.kind, org.siret, org.description, org.address, org.commune_insee,
              c.name AS commune_name, org.lat, org.lng, org.website, org.email, org.phone,
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'title', o.title, 'summary', o.summary,
                                                          'themes', o.themes, 'access', o.access) ORDER BY o.title)
                          FROM offer o WHERE o.organization_id = org.id AND o.tenant_id = org.tenant_id AND o.status = 'published'), '[]') AS offers
         FROM organization org
         LEFT JOIN commune c ON c.insee = org.commune_insee
        WHERE org.tenant_id = $1 AND org.id = $2 AND org.status = 'validated'`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  /** `lock`: holds the row until the transaction ends (decisions and membership changes are serialised per structure). */
  async findState(id: string, lock = false): Promise<OrganizationState | undefined> {
    const rows = await this.q<OrganizationState>(
      `SELECT id, name, status, siret, created_by, updated_by FROM organization WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [this.tenantId, id],
    );
    return rows[0];
  }

  async findBackOffice(id: string): Promise<BackOfficeRow | undefined> {
    const rows = await this.q<BackOfficeRow>(`${BACK_OFFICE_SELECT} WHERE org.tenant_id = $1 AND org.id = $2`, [
      this.tenantId,
      id,
    ]);
    return rows[0];
  }

  /** One page of structures: pending ones first (oldest first, a queue), then by name. */
  async list(f: {
    status?: OrganizationStatus;
    pendingChange?: boolean;
    q?: string;
    limit: number;
    offset: number;
  }): Promise<{ total: number; rows: BackOfficeRow[] }> {
    const where = [`org.tenant_id = $1`];
    const params: unknown[] = [this.tenantId];
    if (f.status) {
      params.push(f.status);
      where.push(`org.status = $${params.length}`);
    }
    if (f.pendingChange !== undefined) {
      where.push(`${f.pendingChange ? '' : 'NOT '}EXISTS (SELECT 1 FROM organization_change ch
                   WHERE ch.tenant_id = org.tenant_id AND ch.organization_id = org.id AND ch.status = 'pending')`);
    }
    const q = f.q?.trim();
    if (q) {
      params.push(likePattern(q.toLowerCase()));
      const p = `$${params.length}`;
      where.push(
        `(lower(f_unaccent(org.name)) LIKE lower(f_unaccent(${p})) OR org.siret LIKE ${p} OR lower(f_unaccent(coalesce(c.name, ''))) LIKE lower(f_unaccent(${p})))`,
      );
    }
    const filter = where.join(' AND ');
    const [{ total }] = (await this.q<{ total: number }>(
      `SELECT count(*)::int AS total FROM organization org LEFT JOIN commune c ON c.insee = org.commune_insee WHERE ${filter}`,
      params,
    )) as [{ total: number }];
    const rows = await this.q<BackOfficeRow>(
      `${BACK_OFFICE_SELECT} WHERE ${filter}
        ORDER BY (org.status = 'pending') DESC, CASE WHEN org.status = 'pending' THEN org.created_at END, org.name, org.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { total, rows };
  }

  /** Every structure of the tenant, by name (the CSV export). */
  exportAll(): Promise<BackOfficeRow[]> {
    return this.q<BackOfficeRow>(`${BACK_OFFICE_SELECT} WHERE org.tenant_id = $1 ORDER BY org.name, org.id`, [
      this.tenantId,
    ]);
  }

  /** Serialises checks-then-writes on one SIRET in this tenant until the transaction ends. */
  async lockSiret(siret: string): Promise<void> {
    await this.q(`SELECT pg_advisory_xact_lock(hashtext('organization-siret:' || $1 || ':' || $2))`, [
      this.tenantId,
      siret,
    ]);
  }

  /** A structure holding this SIRET that is not rejected (a new one would be a duplicate). */
  async findLiveBySiret(siret: string, exceptId: string | null = null): Promise<OrganizationState | undefined> {
    const rows = await this.q<OrganizationState>(
      `SELECT id, name, status, siret, created_by, updated_by FROM organization
        WHERE tenant_id = $1 AND siret = $2 AND status <> 'rejected' AND ($3::uuid IS NULL OR id <> $3)
        ORDER BY (status = 'validated') DESC, created_at, id LIMIT 1`,
      [this.tenantId, siret, exceptId],
    );
    return rows[0];
  }

  async findValidatedBySiret(siret: string): Promise<OrganizationState | undefined> {
    const rows = await this.q<OrganizationState>(
      `SELECT id, name, status, siret, created_by, updated_by FROM organization WHERE tenant_id = $1 AND siret = $2 AND status = 'validated' ORDER BY created_at, id LIMIT 1`,
      [this.tenantId, siret],
    );
    return rows[0];
  }

  async insert(o: OrganizationWrite, createdBy: string): Promise<string> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO organization (tenant_id, name, kind, siret, description, address, commune_insee, lat, lng, website, email, phone, prescriber, status, created_by, notify_calls)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending', $14, $15) RETURNING id`,
      [
        this.tenantId,
        o.name,
        o.kind,
        o.siret,
        o.description,
        o.address,
        o.communeInsee,
        o.lat,
        o.lng,
        o.website,
        o.email,
        o.phone,
        o.prescriber,
        createdBy,
        o.notifyCalls,
      ],
    );
    return rows[0]!.id;
  }

  async update(id: string, o: OrganizationWrite, updatedBy: string): Promise<void> {
    await this.q(
      `UPDATE organization SET name = $3, kind = $4, siret = $5, description = $6, address = $7, commune_insee = $8, lat = $9, lng = $10,
              website = $11, email = $12, phone = $13, prescriber = $14, updated_at = now(), updated_by = $15,
              notify_calls = $16
        WHERE tenant_id = $1 AND id = $2`,
      [
        this.tenantId,
        id,
        o.name,
        o.kind,
        o.siret,
        o.description,
        o.address,
        o.communeInsee,
        o.lat,
        o.lng,
        o.website,
        o.email,
        o.phone,
        o.prescriber,
        updatedBy,
        o.notifyCalls,
      ],
    );
  }

  /** An accepted identity change: its fields, the others untouched (nor `updated_by`: the agent did not edit). */
  async applyIdentity(id: string, identity: Partial<OrganizationIdentity>): Promise<void> {
    await this.q(
      `UPDATE organization SET name = coalesce($3, name), siret = coalesce($4, siret), prescriber = coalesce($5, prescriber), updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id, identity.name ?? null, identity.siret ?? null, identity.prescriber ?? null],
    );
  }

  async fourEyes(): Promise<boolean> {
    return (await readTenantRules(this.db.manager(), this.tenantId)).fourEyes;
  }

  /** The structure's offers carry its name in their search text: re-derived in this transaction. */
  rederiveOffers(id: string, name: string): Promise<number> {
    const manager = this.db.manager();
    // catalogue-writer speaks pg's `{rows}`; the entity manager answers the rows themselves.
    return rederiveOrganizationOffers(
      { query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await manager.query(sql, params)) as R[] }) },
      id,
      name,
    );
  }

  async decide(id: string, status: 'validated' | 'rejected', reason: string | null, decidedBy: string): Promise<void> {
    await this.q(
      `UPDATE organization SET status = $3, rejection_reason = $4, decided_at = now(), decided_by = $5, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id, status, reason, decidedBy],
    );
  }

  /** Addresses of the tenant's agents and admins (who validate structures). */
  async agentEmails(): Promise<string[]> {
    const rows = await this.q<{ email: string }>(
      `SELECT DISTINCT u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.status = 'active' AND m.role = ANY($2::text[]) ORDER BY u.email`,
      [this.tenantId, rolesAllowed('organization.validate')],
    );
    return rows.map((r) => r.email);
  }
}
