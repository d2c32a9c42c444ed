import { Injectable } from '@nestjs/common';
import type { BackOfficeOffer } from '@catalogue/contracts';
import type { Actor } from '../../common/auth/actor.js';
import { notFound } from '../../common/errors/app-errors.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { OffersCatalogueRepository } from './offers-catalogue.repository.js';
import { OffersWriteService } from './offers-write.service.js';
import { toOfferDetail, type OfferDetailDto } from './offer.mapper.js';

/** The public detail of an offer (or its back-office view for who may see it). */
@Injectable()
export class OffersService {
  constructor(
    private readonly offers: OffersCatalogueRepository,
    private readonly sessions: SessionsService,
    private readonly backOffice: OffersWriteService,
  ) {}

  /**
   * One offer: the back-office view for a member of its structure or an agent (any state), else
   * the public view of a published offer; anything else is 404. Anonymous readers cost no extra query.
   */
  async get(actor: Actor | null, tenant: Tenant, id: string): Promise<OfferDetailDto | BackOfficeOffer> {
    const backOffice = await this.backOffice.findForBackOffice(actor, tenant, id);
    if (backOffice) return backOffice;
    const row = await this.offers.findPublished(id);
    if (!row) throw notFound('Offre');
    const zone = await this.offers.zoneLabels(row.zone_type, row.zone_codes);
    const sessions = (await this.sessions.sessionsOf([id], { upcoming: true })).get(id) ?? [];
    return toOfferDetail(
      row,
      zone,
      tenant,
      sessions.map(({ booked, waitlisted, ...s }) => ({ ...s, placesLeft: s.capacity - booked, waitlist: waitlisted })),
    );
  }
}
