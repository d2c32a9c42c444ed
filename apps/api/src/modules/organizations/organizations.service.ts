import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/app-errors.js';
import { OrganizationsRepository } from './organizations.repository.js';
import type { OrganizationResponseDto } from './organization.dto.js';

@Injectable()
export class OrganizationsService {
  constructor(private readonly organizations: OrganizationsRepository) {}

  /** Public profile of a structure (public route: no further access check). */
  async get(id: string): Promise<OrganizationResponseDto> {
    const r = await this.organizations.findWithPublishedOffers(id);
    if (!r) throw notFound('Structure');
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      siret: r.siret,
      description: r.description,
      address: r.address,
      communeInsee: r.commune_insee,
      commune: r.commune_name,
      lat: r.lat,
      lng: r.lng,
      website: r.website,
      email: r.email,
      phone: r.phone,
      offers: r.offers,
    };
  }
}
