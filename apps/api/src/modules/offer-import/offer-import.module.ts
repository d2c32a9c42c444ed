import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { OfferImportController } from './offer-import.controller.js';
import { OfferImportRepository } from './offer-import.repository.js';
import { OfferImportService } from './offer-import.service.js';

/** Tables this module alone writes (none: the offers module writes the imported offers). */
export const OFFER_IMPORT_TABLES = [] as const;

/** The partners' spreadsheet import of offers (CSV or XLSX), dry run first, drafts submitted for moderation. */
@Module({
  imports: [TenancyModule, OffersModule],
  controllers: [OfferImportController],
  providers: [OfferImportRepository, OfferImportService],
})
export class OfferImportModule {}
