import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { CoverageController } from './coverage.controller.js';
import { CoverageRepository } from './coverage.repository.js';
import { CoverageService } from './coverage.service.js';

/** Tables this module alone writes (none). */
export const COVERAGE_TABLES = [] as const;

/** Coverage gaps (« zones blanches »): per commune, the distance to the nearest offer of a theme. */
@Module({
  imports: [TenancyModule],
  controllers: [CoverageController],
  providers: [CoverageRepository, CoverageService],
})
export class CoverageModule {}
