import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { PlanController } from './plan.controller.js';
import { PlanReader } from './plan-reader.js';
import { PlanRepository } from './plan.repository.js';
import { PlanService } from './plan.service.js';

/** Tables this module alone writes. */
export const PLAN_TABLES = ['insertion_plan', 'plan_axis', 'plan_fiche', 'plan_indicator'] as const;

/** The département's insertion plan: axes, fiches action, indicators and their targets. */
@Module({
  // Offers: saving a plan links the offers whose legacy text names one of its fiches.
  imports: [TenancyModule, OffersModule],
  controllers: [PlanController],
  providers: [PlanReader, PlanRepository, PlanService],
  exports: [PlanReader],
})
export class PlanModule {}
