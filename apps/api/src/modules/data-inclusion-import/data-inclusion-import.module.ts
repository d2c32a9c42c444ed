import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { DataInclusionImportController } from './data-inclusion-import.controller.js';
import { DataInclusionImportRepository } from './data-inclusion-import.repository.js';
import { DataInclusionImportService } from './data-inclusion-import.service.js';

/** Tables this module alone writes (none: structures and offers go through the catalogue writer). */
export const DATA_INCLUSION_IMPORT_TABLES = [] as const;

/** The admins' import of a data·inclusion file (structures and services), dry run first. */
@Module({
  imports: [TenancyModule],
  controllers: [DataInclusionImportController],
  providers: [DataInclusionImportRepository, DataInclusionImportService],
})
export class DataInclusionImportModule {}
