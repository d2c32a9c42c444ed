import { Injectable } from '@nestjs/common';
import type { Tenant } from './tenant.js';
import { notFound } from '../errors/app-errors.js';
import { TenantDirectoryRepository } from './tenant-directory.repository.js';

/** How long the tenant directory is kept in memory: tenants are created rarely. */
const CACHE_MS = 30_000;
/** An unknown slug reloads the directory at most this often (a new tenant shows within a second). */
const UNKNOWN_RELOAD_MS = 1_000;

@Injectable()
/** Every tenant, cached: what resolves a request's tenant (TenantGuard) and what jobs iterate. */
export class TenantDirectory {
  private cache: { at: number; bySlug: Map<string, Tenant>; list: Tenant[] } | undefined;

  constructor(private readonly repository: TenantDirectoryRepository) {}

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
