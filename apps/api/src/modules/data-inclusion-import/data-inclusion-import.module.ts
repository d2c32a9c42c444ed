import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

/** Tables this module alone writes. */
export const DATA_INCLUSION_IMPORT_TABLES = [] as const;

/** The admins' import of a data·inclusion file (structures and services), dry run first. */
@Module({
  imports: [TenancyModule],
  controllers: [],
  providers: [],
})
export class DataInclusionImportModule {}
