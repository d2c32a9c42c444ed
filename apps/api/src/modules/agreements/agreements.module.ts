import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { PlanModule } from '../plan/plan.module.js';
import { AgreementDrafts } from './agreement-drafts.js';

/** Tables this module alone writes. */
export const AGREEMENTS_TABLES = ['agreement', 'agreement_event'] as const;

/** Agreements (conventions): drafted at selection, sent, signed (which creates the draft offer), running, closed. */
@Module({
  imports: [TenancyModule, PlanModule],
  providers: [AgreementDrafts],
  exports: [AgreementDrafts],
})
export class AgreementsModule {}
