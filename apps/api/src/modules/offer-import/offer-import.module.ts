import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

/** Tables this module alone writes. */
export const OFFER_IMPORT_TABLES = [] as const;

/** The partners' spreadsheet import of offers (CSV or XLSX), dry run first, drafts submitted for moderation. */
@Module({
  imports: [TenancyModule],
  controllers: [],
  providers: [],
})
export class OfferImportModule {}
