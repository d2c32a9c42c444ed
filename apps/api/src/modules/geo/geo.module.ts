import { Module } from '@nestjs/common';
import { CommunesController } from './communes.controller.js';
import { CommunesRepository } from './communes.repository.js';
import { CommunesService } from './communes.service.js';
import { ZonesController } from './zones.controller.js';
import { ZonesRepository } from './zones.repository.js';
import { ZonesService } from './zones.service.js';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

@Module({
  imports: [TenancyModule],
  controllers: [CommunesController, ZonesController],
  providers: [CommunesRepository, CommunesService, ZonesRepository, ZonesService],
  exports: [CommunesService],
})
export class GeoModule {}
