import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { RegistrationJobs } from './registration-jobs.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { RegistrationsService } from './registrations.service.js';

/** Tables this module alone writes (offer_session's seat counters through the sessions module). */
export const REGISTRATIONS_TABLES = [
  'registration_person',
  'registration',
  'registration_event',
  'registration_notification_opt_out',
] as const;

/** Registrations: self-registration, prescription, the structures' decisions, wait lists, reminders. */
@Module({
  imports: [TenancyModule, SessionsModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsRepository, RegistrationsService, RegistrationJobs],
  exports: [RegistrationsService],
})
export class RegistrationsModule {}
