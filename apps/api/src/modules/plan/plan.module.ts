import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { PlanReader } from './plan-reader.js';

/** Tables this module alone writes. */
export const PLAN_TABLES = ['insertion_plan', 'plan_axis', 'plan_fiche', 'plan_indicator'] as const;

/** The département's insertion plan: axes, fiches action, indicators and their targets. */
@Module({
  imports: [TenancyModule],
  providers: [PlanReader],
  exports: [PlanReader],
})
export class PlanModule {}
