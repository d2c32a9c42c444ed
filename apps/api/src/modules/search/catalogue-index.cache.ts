import { Injectable, Logger, Optional } from '@nestjs/common';
import { Metrics } from '../../common/metrics/metrics.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { OffersCatalogue } from '../offers/offers-catalogue.service.js';
import { CatalogueIndex } from './catalogue-index.js';

/** Up to this many offers an outdated index is rebuilt before answering (≈ 0.2 s at most). */
export const SYNC_REBUILD_MAX_OFFERS = 3000;

/** Readiness: `cold` (no warm-up asked: indexes build at first search), `warming`, `warm`. */
export type WarmState = 'cold' | 'warming' | 'warm';

interface Entry {
  version: number;
  index: Promise<CatalogueIndex>;
}

/**
 * Keeps one CatalogueIndex per tenant, rebuilt when the tenant's catalogue version moves (triggers
 * bump it when an offer or place is added or removed, or a column this index loads changes: see
 * migration 1764600000000; bookings do not). Loading reads through a tenant transaction, so
 * row-level security applies to it like to any other read.
 *
 * A small tenant's outdated index is rebuilt before answering. A large tenant's keeps answering
 * while its successor is built in the background, in a transaction of its own; the successor
 * replaces it only once complete, so no search ever waits for a rebuild but the first one.
 */
@Injectable()
export class CatalogueIndexCache {
  private readonly logger = new Logger('CatalogueIndex');
  private readonly entries = new Map<string, Entry>();
  /** Tenants whose index is being rebuilt in the background, with the version being built. */
  private readonly rebuilding = new Map<string, number>();
  syncRebuildMaxOffers = SYNC_REBUILD_MAX_OFFERS;
  private warmState: WarmState = 'cold';

  constructor(
    private readonly offers: OffersCatalogue,
    private readonly transaction: TenantTransaction,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** Where the start-up warm-up stands (read by the readiness check). */
  get warmth(): WarmState {
    return this.warmState;
  }

  async get(tenant: Tenant): Promise<CatalogueIndex> {
    const version = await this.offers.catalogueVersion();
    const entry = this.entries.get(tenant.id);
    if (entry && entry.version >= version) return entry.index;
    const current = entry && (await entry.index.catch(() => undefined));
    if (current && current.size > this.syncRebuildMaxOffers) {
      if ((this.rebuilding.get(tenant.id) ?? -1) < version) this.rebuildInBackground(tenant, version);
      return current;
    }
    const index = this.offers.loadIndexedOffers().then((offers) => new CatalogueIndex(offers));
    this.store(tenant, version, index);
    return index;
  }

  /** Builds every tenant's index ahead of its first search (after start-up), one tenant at a time. */
  async warm(list: Tenant[] | Promise<Tenant[]>): Promise<void> {
    // Set before the first await: a readiness probe never sees `cold` once the warm-up is asked for.
    this.warmState = 'warming';
    const started = Date.now();
    const tenants = await Promise.resolve(list).catch((e: unknown) => {
      this.logger.error(`tenants: ${String(e)}`);
      return [];
    });
    for (const tenant of tenants) {
      await this.transaction
        .run(tenant, () => this.get(tenant))
        .catch((e: unknown) => this.logger.error(`${tenant.slug}: ${String(e)}`));
    }
    this.logger.log(`search indexes of ${tenants.length} tenant(s) ready in ${Date.now() - started} ms`);
    // A tenant whose build failed above builds at its first search: the warm-up is over either way.
    this.warmState = 'warm';
  }

  /** Keeps `index` for `version` unless a newer one is already kept; forgets it if it fails. */
  private store(tenant: Tenant, version: number, index: Promise<CatalogueIndex>): void {
    const tenantId = tenant.id;
    const kept = this.entries.get(tenantId);
    if (kept && kept.version > version) return;
    this.entries.set(tenantId, { version, index });
    index.then(
      (built) => {
        this.metrics?.indexRebuilds.inc({ tenant: tenant.slug });
        if (this.entries.get(tenantId)?.index === index)
          this.metrics?.indexedOffers.set({ tenant: tenant.slug }, built.size);
      },
      () => undefined,
    );
    index.catch(() => {
      if (this.entries.get(tenantId)?.index === index) this.entries.delete(tenantId);
    });
  }

  private rebuildInBackground(tenant: Tenant, version: number): void {
    this.rebuilding.set(tenant.id, version);
    const started = Date.now();
    void this.transaction
      .run(tenant, async () => {
        const latest = await this.offers.catalogueVersion();
        const index = new CatalogueIndex(await this.offers.loadIndexedOffers());
        this.store(tenant, latest, Promise.resolve(index));
        this.logger.log(`${tenant.slug}: index rebuilt at version ${latest} in ${Date.now() - started} ms`);
      })
      .catch((e: unknown) => this.logger.error(`${tenant.slug}: index rebuild failed: ${String(e)}`))
      .finally(() => {
        if (this.rebuilding.get(tenant.id) === version) this.rebuilding.delete(tenant.id);
      });
  }
}
