import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { RegistrationJobs } from './registration-jobs.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsPrivacyRepository } from './registrations-privacy.repository.js';
import { RegistrationsPrivacy } from './registrations-privacy.service.js';
import { RegistrationsRetention } from './registrations-retention.job.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { RegistrationsService } from './registrations.service.js';

/** Tables this module alone writes (offer_session's seat counters through the sessions module). */
export const REGISTRATIONS_TABLES = [
  'registration_person',
  'registration',
  'registration_event',
  'registration_notification_opt_out',
] as const;

/**
 * Registrations: self-registration, prescription, the structures' decisions, wait lists, reminders;
 * and what a person's rights and the retention delay need of them (RegistrationsPrivacy, for the
 * privacy module).
 */
@Module({
  imports: [TenancyModule, SessionsModule],
  controllers: [RegistrationsController],
  providers: [
    RegistrationsRepository,
    RegistrationsService,
    RegistrationJobs,
    RegistrationsPrivacyRepository,
    RegistrationsPrivacy,
    RegistrationsRetention,
  ],
  exports: [RegistrationsService, RegistrationsPrivacy],
})
export class RegistrationsModule {}
