import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { RegistrationsPrivacyRepository } from './registrations-privacy.repository.js';
import { RegistrationsPrivacy } from './registrations-privacy.service.js';
import { RegistrationsRetention } from './registrations-retention.job.js';

/** Tables this module alone writes. */
export const REGISTRATIONS_TABLES = [
  'registration_person',
  'registration',
  'registration_event',
  'registration_notification_opt_out',
] as const;

@Module({
  imports: [TenancyModule],
  providers: [RegistrationsPrivacyRepository, RegistrationsPrivacy, RegistrationsRetention],
  exports: [RegistrationsPrivacy],
})
export class RegistrationsModule {}
