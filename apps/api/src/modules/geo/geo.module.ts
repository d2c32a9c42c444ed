import { Module } from '@nestjs/common';
import { CommunesController } from './communes.controller.js';
import { CommunesRepository } from './communes.repository.js';
import { CommunesService } from './communes.service.js';
import { ZonesController } from './zones.controller.js';
import { ZonesRepository } from './zones.repository.js';
import { ZonesService } from './zones.service.js';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

/** Reference tables this module reads (written by the reference-data sync and the demo loader, outside any module). */
export const GEO_TABLES = ['commune', 'epci', 'territory'] as const;

@Module({
  imports: [TenancyModule],
  controllers: [CommunesController, ZonesController],
  providers: [CommunesRepository, CommunesService, ZonesRepository, ZonesService],
  exports: [CommunesService],
})
export class GeoModule {}
