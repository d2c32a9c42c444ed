import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { PlanModule } from '../plan/plan.module.js';
import { CallDocumentsService } from './call-documents.service.js';
import { CallJobs } from './call-jobs.js';
import { CallsController } from './calls.controller.js';
import { CallsReader } from './calls-reader.js';
import { CallsRepository } from './calls.repository.js';
import { CallsService } from './calls.service.js';

/** Tables this module alone writes. */
export const CALLS_TABLES = [
  'funding_call',
  'funding_call_fiche',
  'funding_call_document',
  'funding_call_instructor',
  'funding_call_event',
] as const;

/** Calls for projects: drafting, publication, closing at the deadline, instructors, results. */
@Module({
  imports: [TenancyModule, PlanModule],
  controllers: [CallsController],
  providers: [CallsReader, CallsRepository, CallsService, CallDocumentsService, CallJobs],
  exports: [CallsReader],
})
export class CallsModule {}
