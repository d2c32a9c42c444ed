import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { IndicatorFigures } from './indicator-figures.js';
import { IndicatorsController } from './indicators.controller.js';
import { IndicatorsRepository } from './indicators.repository.js';
import { IndicatorsService } from './indicators.service.js';

/** Tables this module alone writes (none: it reads registrations, bilans and the plan). */
export const INDICATORS_TABLES = [] as const;

/**
 * The département's indicators: plan indicators (targets beside achieved values), registrations
 * by theme, territory and year, with the small-number rule; CSV of every table.
 */
@Module({
  imports: [TenancyModule],
  controllers: [IndicatorsController],
  providers: [IndicatorFigures, IndicatorsRepository, IndicatorsService],
  exports: [IndicatorFigures],
})
export class IndicatorsModule {}
