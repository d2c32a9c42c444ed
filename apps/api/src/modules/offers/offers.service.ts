import { Injectable } from '@nestjs/common';
import { AUDIENCE_CODES, searchTokens } from '@catalogue/domain';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { invalidParameter, notFound } from '../../common/errors/app-errors.js';
import { CommunesService } from '../geo/communes.service.js';
import { ALL_AUDIENCES_CODE } from './offer-search.sql.js';
import { OffersRepository, type TokenInfo } from './offers.repository.js';
import { DEFAULT_RADIUS_KM, type SearchOffersQueryDto, type SearchOffersResponseDto, type FacetCountDto } from './search-offers.dto.js';
import { toOfferDetail, toOfferSummary, type OfferDetailDto } from './offer.mapper.js';

/**
 * The tsquery for a user's words: every meaningful word must match, as a prefix of the word as
 * typed or of one of its corrections (typos). Tokens are [a-z0-9]+ only, so the text is safe.
 */
export function buildTsquery(infos: TokenInfo[]): string | null {
  const clauses = infos
    .filter((t) => t.meaningful && t.token.length > 1)
    .map((t) => {
      const alternatives = t.known ? [t.token] : [t.token, ...t.corrections];
      return `(${[...new Set(alternatives)].map((a) => `${a}:*`).join(' | ')})`;
    });
  return clauses.length ? clauses.join(' & ') : null;
}

const toCounts = (record: Record<string, number> | null): FacetCountDto[] =>
  Object.entries(record ?? {})
    .map(([code, count]) => ({ code, count: Number(count) }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));

/** An offer for everyone counts under every audience, as the audience filter includes it. */
function audienceCounts(record: Record<string, number> | null): FacetCountDto[] {
  const counts = { ...(record ?? {}) };
  const forAll = Number(counts[ALL_AUDIENCES_CODE] ?? 0);
  if (forAll > 0) {
    for (const code of AUDIENCE_CODES) if (code !== ALL_AUDIENCES_CODE) counts[code] = Number(counts[code] ?? 0) + forAll;
  }
  return toCounts(counts);
}

@Injectable()
export class OffersService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly communes: CommunesService,
  ) {}

  async search(tenant: Tenant, query: SearchOffersQueryDto): Promise<SearchOffersResponseDto> {
    // The public catalogue: no access check beyond the route's @Public() rule.
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    if ((query.lat === undefined) !== (query.lng === undefined)) {
      throw invalidParameter(query.lat === undefined ? 'lat' : 'lng', 'is required with ' + (query.lat === undefined ? 'lng' : 'lat'));
    }
    if (query.commune && query.lat !== undefined) throw invalidParameter('commune', 'cannot be combined with lat and lng');
    if (query.radiusKm !== undefined && query.lat === undefined && !query.commune) {
      throw invalidParameter('radiusKm', 'needs lat and lng or commune');
    }

    let point: { lat: number; lng: number } | null = null;
    let zoneKeys: string[] | null = null;
    if (query.commune) {
      const commune = await this.communes.resolve(tenant, query.commune);
      if (!commune) throw invalidParameter('commune', `${query.commune} is not a commune of ${tenant.name}`);
      point = { lat: commune.lat, lng: commune.lng };
      zoneKeys = commune.zoneKeys;
    } else if (query.lat !== undefined && query.lng !== undefined) {
      point = { lat: query.lat, lng: query.lng };
    }

    const tokens = searchTokens(query.q ?? '');
    const tsquery = tokens.length ? buildTsquery(await this.offers.analyseTokens(tokens)) : null;
    // Only stop words typed: the text matches nothing, rather than everything.
    if (tokens.length && !tsquery) return { total: 0, page, pageSize, items: [], facets: { themes: [], audiences: [], access: [], modes: [], hasPlaces: [] } };

    const row = await this.offers.search({
      tsquery,
      point: point && { ...point, radiusM: (query.radiusKm ?? DEFAULT_RADIUS_KM) * 1000 },
      zoneKeys,
      themes: query.themes ?? null,
      audiences: query.audiences ?? null,
      access: query.access ?? null,
      modes: query.modes ?? null,
      hasPlaces: query.hasPlaces ?? null,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const ids = (row.items ?? []).map((i) => i.id);
    const byId = new Map((await this.offers.listByIds(ids, point)).map((r) => [r.id, r]));
    return {
      total: Number(row.total),
      page,
      pageSize,
      items: ids.flatMap((id) => {
        const r = byId.get(id);
        return r ? [toOfferSummary(r, point !== null)] : [];
      }),
      facets: {
        themes: toCounts(row.themes),
        audiences: audienceCounts(row.audiences),
        access: toCounts(row.access),
        modes: toCounts(row.modes),
        hasPlaces: toCounts(row.has_places),
      },
    };
  }

  async get(tenant: Tenant, id: string): Promise<OfferDetailDto> {
    const row = await this.offers.findPublished(id);
    if (!row) throw notFound('Offre');
    const zone = await this.offers.zoneLabels(row.zone_type, row.zone_codes);
    return toOfferDetail(row, zone, tenant);
  }
}
