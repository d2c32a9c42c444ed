import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tenant } from './tenant.js';

interface TenantRow {
  id: string;
  code: string;
  slug: string;
  name: string;
  bbox_min_lng: number;
  bbox_min_lat: number;
  bbox_max_lng: number;
  bbox_max_lat: number;
}

/** The tenant directory is global (not tenant-scoped): it is what resolves a tenant. */
@Injectable()
export class TenantDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findAll(): Promise<Tenant[]> {
    const rows: TenantRow[] = await this.dataSource.query(
      `SELECT id, code, slug, name, bbox_min_lng, bbox_min_lat, bbox_max_lng, bbox_max_lat FROM tenant ORDER BY name`,
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      slug: r.slug,
      name: r.name,
      bbox: [r.bbox_min_lng, r.bbox_min_lat, r.bbox_max_lng, r.bbox_max_lat],
    }));
  }
}
