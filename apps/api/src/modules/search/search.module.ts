import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { GeoModule } from '../geo/geo.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { CatalogueIndexCache } from './catalogue-index.cache.js';
import { SearchController } from './search.controller.js';
import { SearchRepository } from './search.repository.js';
import { SearchService } from './search.service.js';

/** Tables this module alone reads (search_term is filled by triggers on offer changes). */
export const SEARCH_TABLES = ['search_term'] as const;

/**
 * The public search and map of the catalogue: an in-memory index per tenant (docs/adr/004) built
 * from what the offers module exports (OffersCatalogue), typo correction from search_term.
 */
@Module({
  imports: [TenancyModule, GeoModule, OffersModule],
  controllers: [SearchController],
  providers: [SearchRepository, SearchService, CatalogueIndexCache],
  exports: [SearchService, CatalogueIndexCache],
})
export class SearchModule {}
