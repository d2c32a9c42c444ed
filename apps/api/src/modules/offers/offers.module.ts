import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { GeoModule } from '../geo/geo.module.js';
import { OffersController } from './offers.controller.js';
import { OffersAdminController } from './offers-admin.controller.js';
import { OffersAdminRepository } from './offers-admin.repository.js';
import { OffersAdminService } from './offers-admin.service.js';
import { OffersWriteRepository } from './offers-write.repository.js';
import { OffersWriteService } from './offers-write.service.js';
import { OverdueDigest } from './overdue-digest.js';
import { OffersRepository } from './offers.repository.js';
import { OffersService } from './offers.service.js';
import { CatalogueIndexCache } from './search/catalogue-index.cache.js';

@Module({
  imports: [TenancyModule, GeoModule],
  // The back office first: its `offers/export.csv` must be matched before the public `offers/:id`.
  controllers: [OffersAdminController, OffersController],
  providers: [
    OffersRepository,
    OffersService,
    CatalogueIndexCache,
    OffersWriteRepository,
    OffersWriteService,
    OffersAdminRepository,
    OffersAdminService,
    OverdueDigest,
  ],
  exports: [OverdueDigest],
})
export class OffersModule {}
