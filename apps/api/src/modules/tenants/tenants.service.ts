import { Injectable } from '@nestjs/common';
import type { TenantDetail } from '@catalogue/contracts';
import { loadDepartementOutlines } from '@catalogue/domain/geo';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { notFound } from '../../common/errors/app-errors.js';
import { TenantsRepository } from './tenants.repository.js';

/** How long the tenant directory is kept in memory: tenants are created rarely. */
const CACHE_MS = 30_000;
/** An unknown slug reloads the directory at most this often (a new tenant shows within a second). */
const UNKNOWN_RELOAD_MS = 1_000;

@Injectable()
export class TenantsService {
  private cache: { at: number; bySlug: Map<string, Tenant>; list: Tenant[] } | undefined;

  constructor(private readonly repository: TenantsRepository) {}

  async list(): Promise<Tenant[]> {
    return (await this.load()).list;
  }

  /** The tenant with this slug, or 404. */
  async getBySlug(slug: string): Promise<Tenant> {
    const tenant = await this.findBySlug(slug);
    if (!tenant) throw notFound('Département');
    return tenant;
  }

  /** The tenant with this slug, if any (also what the web app's page status relies on). */
  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const cache = await this.load();
    const tenant = cache.bySlug.get(slug);
    // Maybe a tenant created since the cache was filled; unknown slugs cannot make us query each time.
    if (!tenant && Date.now() - cache.at > UNKNOWN_RELOAD_MS) return (await this.load(true)).bySlug.get(slug);
    return tenant;
  }

  /** A tenant with its département's outline (for the map), or 404. */
  async detail(slug: string): Promise<TenantDetail> {
    const { code, name, bbox } = await this.getBySlug(slug);
    return { code, slug, name, bbox, outline: loadDepartementOutlines()[code] ?? null };
  }

  /** Forgets the cached directory (a tenant was created or changed): the next read reloads it. */
  invalidate(): void {
    this.cache = undefined;
  }

  private async load(force = false) {
    if (!force && this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache;
    const list = await this.repository.findAll();
    this.cache = { at: Date.now(), list, bySlug: new Map(list.map((t) => [t.slug, t])) };
    return this.cache;
  }
}
