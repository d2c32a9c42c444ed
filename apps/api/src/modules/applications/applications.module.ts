import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { CallsModule } from '../calls/calls.module.js';

/** Tables this module alone writes. */
export const APPLICATIONS_TABLES = [
  'application',
  'application_document',
  'application_event',
  'application_score',
] as const;

/** Applications (dossiers) to calls: drafting, documents, submission, completion, scores, ranking, decisions. */
@Module({
  imports: [TenancyModule, CallsModule, AgreementsModule],
  providers: [],
  exports: [],
})
export class ApplicationsModule {}
