import { Module } from '@nestjs/common';
import { CommunesController } from './communes.controller.js';
import { CommunesRepository } from './communes.repository.js';
import { CommunesService } from './communes.service.js';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

@Module({
  imports: [TenancyModule],
  controllers: [CommunesController],
  providers: [CommunesRepository, CommunesService],
  exports: [CommunesService],
})
export class GeoModule {}
