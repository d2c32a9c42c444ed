import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { GeoModule } from '../geo/geo.module.js';
import { OffersController } from './offers.controller.js';
import { OffersRepository } from './offers.repository.js';
import { OffersService } from './offers.service.js';
import { CatalogueIndexCache } from './search/catalogue-index.cache.js';

@Module({
  imports: [TenancyModule, GeoModule],
  controllers: [OffersController],
  providers: [OffersRepository, OffersService, CatalogueIndexCache],
})
export class OffersModule {}
