import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

/** Tables this module alone writes. */
export const BILANS_TABLES = ['bilan', 'bilan_document', 'bilan_event'] as const;

/**
 * Bilans: one per agreement and year (or per funded offer, on demand), prefilled from the
 * registrations, filed by the structure, reviewed by the agents; reminders before and after the
 * due date.
 */
@Module({
  imports: [TenancyModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class BilansModule {}
