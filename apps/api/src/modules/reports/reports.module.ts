import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { IndicatorsModule } from '../indicators/indicators.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/** Tables this module alone writes. */
export const REPORTS_TABLES = ['plan_fiche_year', 'plan_indicator_value'] as const;

/**
 * The plan's execution report per year (JSON, printable page, PDF, spreadsheet), and what agents
 * write for it: progress per fiche and year, amounts voted, values entered by hand.
 */
@Module({
  imports: [TenancyModule, IndicatorsModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService],
})
export class ReportsModule {}
