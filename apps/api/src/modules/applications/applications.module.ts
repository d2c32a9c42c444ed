import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { CallsModule } from '../calls/calls.module.js';
import { ApplicationAccess } from './application-access.js';
import { ApplicationDocumentsService } from './application-documents.service.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { DecisionService } from './decision.service.js';
import { InstructionController } from './instruction.controller.js';
import { InstructionRepository } from './instruction.repository.js';
import { InstructionService } from './instruction.service.js';

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
  controllers: [ApplicationsController, InstructionController],
  providers: [
    ApplicationsRepository,
    InstructionRepository,
    ApplicationAccess,
    ApplicationsService,
    ApplicationDocumentsService,
    InstructionService,
    DecisionService,
  ],
  exports: [],
})
export class ApplicationsModule {}
