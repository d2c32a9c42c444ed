import { Injectable, Logger } from '@nestjs/common';
import type { Tenant } from '../../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../../common/tenancy/tenant-transaction.js';
import { OffersRepository } from '../offers.repository.js';
import { CatalogueIndex } from './catalogue-index.js';

/** Up to this many offers an outdated index is rebuilt before answering (≈ 0.2 s at most). */
export const SYNC_REBUILD_MAX_OFFERS = 3000;

interface Entry {
  version: number;
  index: Promise<CatalogueIndex>;
  /** A newer index being built in the background, and for which version. */
  rebuilding?: number;
}

/**
 * Keeps one CatalogueIndex per tenant, rebuilt when the tenant's catalogue version moves (a
 * trigger bumps it on every change to offers, places or structures). Loading reads through a
 * tenant transaction, so row-level security applies to it like to any other read. A large
 * tenant's outdated index keeps answering while its successor is built in the background.
 */
@Injectable()
export class CatalogueIndexCache {
  private readonly logger = new Logger('CatalogueIndex');
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly offers: OffersRepository,
    private readonly transaction: TenantTransaction,
  ) {}

  async get(tenant: Tenant): Promise<CatalogueIndex> {
    const version = await this.offers.catalogueVersion();
    const entry = this.entries.get(tenant.id);
    if (entry && entry.version >= version) return entry.index;
    const current = entry && (await entry.index.catch(() => undefined));
    if (current && current.size > SYNC_REBUILD_MAX_OFFERS) {
      if ((entry.rebuilding ?? 0) < version) this.rebuildInBackground(tenant, entry, version);
      return current;
    }
    return this.build(tenant, version, this.offers.loadIndexedOffers());
  }

  private build(tenant: Tenant, version: number, offers: ReturnType<OffersRepository['loadIndexedOffers']>): Promise<CatalogueIndex> {
    const index = offers.then((list) => new CatalogueIndex(list));
    const previous = this.entries.get(tenant.id);
    if (!previous || previous.version <= version) this.entries.set(tenant.id, { version, index });
    index.catch(() => {
      if (this.entries.get(tenant.id)?.index === index) this.entries.delete(tenant.id);
    });
    return index;
  }

  /** Builds every tenant's index ahead of its first search (after start-up), one tenant at a time. */
  async warm(tenants: Tenant[]): Promise<void> {
    const started = Date.now();
    for (const tenant of tenants) {
      await this.transaction.run(tenant, () => this.get(tenant)).catch((e: unknown) => this.logger.error(`${tenant.slug}: ${String(e)}`));
    }
    this.logger.log(`search indexes of ${tenants.length} tenant(s) ready in ${Date.now() - started} ms`);
  }

  private rebuildInBackground(tenant: Tenant, entry: Entry, version: number): void {
    entry.rebuilding = version;
    const started = Date.now();
    this.transaction
      .run(tenant, async () => {
        const latest = await this.offers.catalogueVersion();
        await this.build(tenant, latest, this.offers.loadIndexedOffers());
        this.logger.log(`${tenant.slug}: index rebuilt at version ${latest} in ${Date.now() - started} ms`);
      })
      .catch((e: unknown) => {
        entry.rebuilding = undefined;
        this.logger.error(`${tenant.slug}: index rebuild failed: ${String(e)}`);
      });
  }
}
