import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

/** Tables this module alone writes. */
export const DATA_INCLUSION_EXPORT_TABLES = [] as const;

/** The open data export in the data·inclusion schema (structures and services, JSON and CSV). */
@Module({
  imports: [TenancyModule],
  controllers: [],
  providers: [],
})
export class DataInclusionExportModule {}
