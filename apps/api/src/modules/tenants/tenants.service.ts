import { Injectable } from '@nestjs/common';
import type { TenantDetail } from '@catalogue/contracts';
import { loadDepartementOutlines } from '@catalogue/domain/geo';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import type { Tenant } from '../../common/tenancy/tenant.js';

/** The public list of tenants and their detail (the directory itself lives in common/tenancy). */
@Injectable()
export class TenantsService {
  constructor(private readonly directory: TenantDirectory) {}

  list(): Promise<Tenant[]> {
    return this.directory.list();
  }

  /** A tenant with its département's outline (for the map), or 404. */
  async detail(slug: string): Promise<TenantDetail> {
    const { code, name, bbox } = await this.directory.getBySlug(slug);
    return { code, slug, name, bbox, outline: loadDepartementOutlines()[code] ?? null };
  }
}
