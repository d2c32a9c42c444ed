import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { OffersController } from './offers.controller.js';
import { OffersAdminController } from './offers-admin.controller.js';
import { OffersAdminRepository } from './offers-admin.repository.js';
import { OffersAdminService } from './offers-admin.service.js';
import { OffersCatalogue } from './offers-catalogue.service.js';
import { OffersCatalogueRepository } from './offers-catalogue.repository.js';
import { OffersWriteRepository } from './offers-write.repository.js';
import { OffersWriteService } from './offers-write.service.js';
import { OfferDrafts } from './offer-drafts.js';
import { OverdueDigest } from './overdue-digest.js';
import { OffersService } from './offers.service.js';
import { OfferFicheLinks } from './offer-fiche-links.js';
import { OfferBatch } from './offer-batch.js';

/** Tables this module alone writes (catalogue_version is bumped by its triggers). */
export const OFFERS_TABLES = ['offer', 'offer_place', 'offer_revision', 'offer_event', 'catalogue_version'] as const;

/** Offers: content, lifecycle and moderation, back office, public detail, overdue digest, CSV export. */
@Module({
  imports: [TenancyModule, SessionsModule],
  // The back office first: its `offers/export.csv` must be matched before the public `offers/:id`.
  controllers: [OffersAdminController, OffersController],
  providers: [
    OffersCatalogueRepository,
    OffersCatalogue,
    OffersService,
    OffersWriteRepository,
    OffersWriteService,
    OffersAdminRepository,
    OffersAdminService,
    OverdueDigest,
    OfferFicheLinks,
    OfferDrafts,
    OfferBatch,
  ],
  exports: [OffersCatalogue, OverdueDigest, OfferFicheLinks, OfferDrafts, OfferBatch],
})
export class OffersModule {}
