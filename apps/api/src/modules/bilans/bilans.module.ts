import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { BilanDocumentsService } from './bilan-documents.service.js';
import { BilanFiguresRepository } from './bilan-figures.repository.js';
import { BilanJobs } from './bilan-jobs.js';
import { BilanNotices } from './bilan-notices.js';
import { BilanScheduleRepository } from './bilan-schedule.repository.js';
import { BilansController } from './bilans.controller.js';
import { BilansReader } from './bilans-reader.js';
import { BilansRepository } from './bilans.repository.js';
import { BilansService } from './bilans.service.js';

/** Tables this module alone writes. */
export const BILANS_TABLES = ['bilan', 'bilan_document', 'bilan_event'] as const;

/**
 * Bilans: one per agreement and year (or per funded offer, on demand), prefilled from the
 * registrations, filed by the structure, reviewed by the agents; reminders before and after the
 * due date.
 */
@Module({
  imports: [TenancyModule],
  controllers: [BilansController],
  providers: [
    BilansRepository,
    BilanFiguresRepository,
    BilanScheduleRepository,
    BilanNotices,
    BilansService,
    BilanDocumentsService,
    BilanJobs,
    BilansReader,
  ],
  exports: [BilansReader],
})
export class BilansModule {}
