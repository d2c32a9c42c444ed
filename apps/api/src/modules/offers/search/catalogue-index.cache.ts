import { Injectable } from '@nestjs/common';
import type { Tenant } from '../../../common/tenancy/tenant.js';
import { OffersRepository } from '../offers.repository.js';
import { CatalogueIndex } from './catalogue-index.js';

/**
 * Keeps one CatalogueIndex per tenant, rebuilt when the tenant's catalogue version moves (a
 * trigger bumps it on every change to offers, places or structures). Loading happens inside the
 * request's tenant transaction, so row-level security applies to it like to any other read.
 */
@Injectable()
export class CatalogueIndexCache {
  private readonly entries = new Map<string, { version: number; index: Promise<CatalogueIndex> }>();

  constructor(private readonly offers: OffersRepository) {}

  async get(tenant: Tenant): Promise<CatalogueIndex> {
    const version = await this.offers.catalogueVersion();
    const entry = this.entries.get(tenant.id);
    if (entry && entry.version >= version) return entry.index;
    const index = this.offers.loadIndexedOffers().then((offers) => new CatalogueIndex(offers));
    this.entries.set(tenant.id, { version, index });
    index.catch(() => {
      if (this.entries.get(tenant.id)?.index === index) this.entries.delete(tenant.id);
    });
    return index;
  }
}
