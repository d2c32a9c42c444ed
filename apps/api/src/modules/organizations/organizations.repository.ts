import { Injectable } from '@nestjs/common';
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

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: TenantTransaction) {}

  /** The structure with its published offers. */
  async findWithPublishedOffers(id: string): Promise<OrganizationRow | undefined> {
    const rows: OrganizationRow[] = await this.db.manager().query(
      `SELECT org.id, org.name, org.kind, org.siret, org.description, org.address, org.commune_insee,
              c.name AS commune_name, org.lat, org.lng, org.website, org.email, org.phone,
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'title', o.title, 'summary', o.summary,
                                                          'themes', o.themes, 'access', o.access) ORDER BY o.title)
                          FROM offer o WHERE o.organization_id = org.id AND o.tenant_id = org.tenant_id AND o.status = 'published'), '[]') AS offers
         FROM organization org
         LEFT JOIN commune c ON c.insee = org.commune_insee
        WHERE org.tenant_id = $1 AND org.id = $2`,
      [this.db.tenant().id, id],
    );
    return rows[0];
  }
}
