import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { DataInclusionExportController } from './data-inclusion-export.controller.js';
import { DataInclusionExportRepository } from './data-inclusion-export.repository.js';
import { DataInclusionExportService } from './data-inclusion-export.service.js';

/** Tables this module alone writes (none: it reads the catalogue). */
export const DATA_INCLUSION_EXPORT_TABLES = [] as const;

/** The open data export in the data·inclusion schema (structures and services, JSON and CSV). */
@Module({
  imports: [TenancyModule],
  controllers: [DataInclusionExportController],
  providers: [DataInclusionExportRepository, DataInclusionExportService],
})
export class DataInclusionExportModule {}
