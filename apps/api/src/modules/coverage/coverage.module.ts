import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

/** Tables this module alone writes (none). */
export const COVERAGE_TABLES = [] as const;

/** Coverage gaps (« zones blanches »): per commune, the distance to the nearest offer of a theme. */
@Module({
  imports: [TenancyModule],
  controllers: [],
  providers: [],
})
export class CoverageModule {}
