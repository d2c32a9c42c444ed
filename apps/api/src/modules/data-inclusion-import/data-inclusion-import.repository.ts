// The data·inclusion import's database code: the reference data its checks read, what the tenant
// already holds under the file's source keys, and the writes (through the catalogue writer, which
// derives the search columns). The tenant in every query, even under row-level security.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import {
  insertOffers,
  updateOffer,
  upsertOrganization,
  type OfferInput,
  type OfferUpdate,
  type OrganizationInput,
  type Queryable,
} from '../../database/catalogue-writer.js';
import type { CommuneFacts } from './data-inclusion-mapping.js';

export interface StoredOrganization {
  id: string;
  source_key: string;
  name: string;
  kind: string;
  siret: string | null;
  description: string;
  address: string;
  commune_insee: string | null;
  lat: number | null;
  lng: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
}

export interface StoredOffer {
  id: string;
  source_key: string;
  organization_id: string;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  audiences: string[];
  service_types: string[];
  eligibility: string;
  cost: string;
  cost_details: string | null;
  modes: string[];
  access: string;
  mobilisation: string[];
  zone_type: string;
  zone_codes: string[];
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  funding: string[];
  plan_fiche_id: string | null;
  plan_measure: string | null;
  seat_allocation: 'automatic' | 'review';
  cancellation_cutoff_hours: number;
  places: { label: string | null; address: string; communeInsee: string; lat: number; lng: number }[];
}

/** The transaction's query runner as the catalogue writer's Queryable (the rows of every command, an UPDATE's too). */
function queryableOf(manager: EntityManager): Queryable {
  return {
    query: async <R>(sql: string, params?: unknown[]) => {
      if (!manager.queryRunner) throw new Error('the import writes inside the request transaction');
      return { rows: (await manager.queryRunner.query(sql, params, true)).records as R[] };
    },
  };
}

@Injectable()
export class DataInclusionImportRepository {
  constructor(private readonly db: TenantTransaction) {}

  private get tenant() {
    return this.db.tenant();
  }

  private get writer(): Queryable {
    return queryableOf(this.db.manager());
  }

  /** The tenant's département code (what the import's communes and zones must belong to). */
  get departement(): string {
    return this.tenant.code;
  }

  private q<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.manager().query(sql, params) as Promise<T[]>;
  }

  /** One import at a time per tenant: a second one waits, then finds the first one's rows (no duplicates). */
  async lockImports(): Promise<void> {
    await this.q(`SELECT pg_advisory_xact_lock(hashtext('data-inclusion-import:' || $1))`, [this.tenant.id]);
  }

  /** The same lock as a structure's creation takes on its SIRET (one live structure per SIRET). */
  async lockSirets(sirets: string[]): Promise<void> {
    for (const siret of [...new Set(sirets)].sort())
      await this.q(`SELECT pg_advisory_xact_lock(hashtext('organization-siret:' || $1 || ':' || $2))`, [
        this.tenant.id,
        siret,
      ]);
  }

  async savepoint(name: string, action: 'SAVEPOINT' | 'ROLLBACK TO SAVEPOINT' | 'RELEASE SAVEPOINT'): Promise<void> {
    await this.q(`${action} ${name}`);
  }

  async communes(insees: string[]): Promise<Map<string, CommuneFacts>> {
    if (insees.length === 0) return new Map();
    const rows = await this.q<CommuneFacts>(
      `SELECT insee, name, departement, epci, lat, lng FROM commune WHERE insee = ANY($1)`,
      [[...new Set(insees)]],
    );
    return new Map(rows.map((r) => [r.insee, r]));
  }

  async epcis(): Promise<Set<string>> {
    const rows = await this.q<{ epci: string }>(
      `SELECT DISTINCT epci FROM commune WHERE departement = $1 AND epci IS NOT NULL`,
      [this.tenant.code],
    );
    return new Set(rows.map((r) => r.epci));
  }

  async organizationsByKey(keys: string[]): Promise<Map<string, StoredOrganization>> {
    if (keys.length === 0) return new Map();
    const rows = await this.q<StoredOrganization>(
      `SELECT id, source_key, name, kind, siret, description, address, commune_insee, lat, lng, website, email, phone
         FROM organization WHERE tenant_id = $1 AND source_key = ANY($2)`,
      [this.tenant.id, [...new Set(keys)]],
    );
    return new Map(rows.map((r) => [r.source_key, r]));
  }

  /** Live structures (not rejected) holding one of these SIRETs. */
  async siretHolders(sirets: string[]): Promise<{ id: string; siret: string; name: string }[]> {
    if (sirets.length === 0) return [];
    return this.q(
      `SELECT id, siret, name FROM organization WHERE tenant_id = $1 AND siret = ANY($2) AND status <> 'rejected'`,
      [this.tenant.id, [...new Set(sirets)]],
    );
  }

  async offersByKey(keys: string[]): Promise<Map<string, StoredOffer>> {
    if (keys.length === 0) return new Map();
    const rows = await this.q<StoredOffer>(
      `SELECT o.id, o.source_key, o.organization_id, o.title, o.summary, o.description, o.themes, o.audiences,
              o.service_types, o.eligibility, o.cost, o.cost_details, o.modes, o.access, o.mobilisation, o.zone_type,
              o.zone_codes, o.contact_name, o.contact_email, o.contact_phone, o.funding,
              o.plan_fiche_id, o.plan_measure, o.seat_allocation, o.cancellation_cutoff_hours,
              coalesce((SELECT json_agg(json_build_object('label', p.label, 'address', p.address,
                          'communeInsee', p.commune_insee, 'lat', p.lat, 'lng', p.lng) ORDER BY p.position)
                          FROM offer_place p WHERE p.tenant_id = o.tenant_id AND p.offer_id = o.id), '[]') AS places
         FROM offer o WHERE o.tenant_id = $1 AND o.source_key = ANY($2)`,
      [this.tenant.id, [...new Set(keys)]],
    );
    return new Map(rows.map((r) => [r.source_key, r]));
  }

  upsertOrganization(o: OrganizationInput): Promise<string> {
    return upsertOrganization(this.writer, this.tenant.id, o);
  }

  insertOffers(offers: OfferInput[]): Promise<string[]> {
    return insertOffers(this.writer, this.tenant, offers);
  }

  updateOffer(id: string, o: OfferUpdate): Promise<void> {
    return updateOffer(this.writer, this.tenant, id, o);
  }
}
