import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { OfferSessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/** Tables this module alone reads and writes (checked by module-tables.spec.ts). */
export const SESSIONS_TABLES = ['offer_session'] as const;

/** An offer's sessions and their capacity (registrations will book them). */
@Module({
  imports: [TenancyModule],
  providers: [OfferSessionsRepository, SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
