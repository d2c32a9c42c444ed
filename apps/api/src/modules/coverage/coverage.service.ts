import { Injectable } from '@nestjs/common';
import type { CoverageResponse } from '@catalogue/contracts';
import { AUDIENCES, themeLabel } from '@catalogue/domain';
import type { Actor } from '../../common/auth/actor.js';
import { Policy } from '../../common/policy/policy.service.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import type { CoverageQueryDto } from './coverage.dto.js';
import { CoverageRepository } from './coverage.repository.js';

/** Coverage gaps (« zones blanches ») of a theme over the département's communes. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly repo: CoverageRepository,
    private readonly policy: Policy,
  ) {}

  async coverage(actor: Actor | null, tenant: Tenant, query: CoverageQueryDto): Promise<CoverageResponse> {
    this.policy.authorize(actor, 'indicators.read', { tenantId: tenant.id });
    const audience = query.audience ?? null;
    const { offers, rows } = await this.repo.communes(tenant.code, query.theme, audience);
    return {
      theme: query.theme,
      themeLabel: themeLabel(query.theme) ?? query.theme,
      audience,
      audienceLabel: audience ? (AUDIENCES.find((a) => a.code === audience)?.label ?? audience) : null,
      offers,
      communes: rows.map((r) => ({
        insee: r.insee,
        name: r.name,
        population: r.population,
        lat: r.lat,
        lng: r.lng,
        approximatePosition: r.approx,
        epci: r.epci,
        distanceKm: r.km === null ? null : Math.round(r.km * 10) / 10,
        coveredByZone: r.covered,
        nearestOfferId: r.offer_id,
        nearestOfferTitle: r.offer_title,
      })),
    };
  }
}
