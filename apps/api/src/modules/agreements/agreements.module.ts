import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { PlanModule } from '../plan/plan.module.js';
import { AgreementDrafts } from './agreement-drafts.js';
import { AgreementJobs } from './agreement-jobs.js';
import { AgreementsController } from './agreements.controller.js';
import { AgreementsRepository } from './agreements.repository.js';
import { AgreementsService } from './agreements.service.js';

/** Tables this module alone writes. */
export const AGREEMENTS_TABLES = ['agreement', 'agreement_event'] as const;

/**
 * Agreements (conventions): drafted at selection, adjusted and sent by the agents, signed by the
 * structure (which creates the draft offer, through the offers module), running, closed.
 */
@Module({
  imports: [TenancyModule, PlanModule, OffersModule],
  controllers: [AgreementsController],
  providers: [AgreementDrafts, AgreementsRepository, AgreementsService, AgreementJobs],
  exports: [AgreementDrafts],
})
export class AgreementsModule {}
