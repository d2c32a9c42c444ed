import { Injectable } from '@nestjs/common';
import { MAP_LIMITS, SEARCH_LIMITS } from '@catalogue/contracts';
import { isFieldAcronym, MAX_QUERY_WORDS, searchTokens } from '@catalogue/domain';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { invalidParameter } from '../../common/errors/app-errors.js';
import { CommunesService } from '../geo/communes.service.js';
import { OffersCatalogue } from '../offers/offers-catalogue.service.js';
import { SearchRepository, type TokenInfo } from './search.repository.js';
import { CatalogueIndexCache } from './catalogue-index.cache.js';
import type { CatalogueIndex, IndexFilters, LexemeTerm } from './catalogue-index.js';
import {
  chooseCorrection,
  correctQuery,
  needsCorrection,
  writtenForm,
  type CorrectionCandidate,
} from './typo-correction.js';
import {
  DEFAULT_RADIUS_KM,
  type FacetCountDto,
  type OfferFiltersQueryDto,
  type OfferMapResponseDto,
  type SearchOffersQueryDto,
  type SearchOffersResponseDto,
} from './search-offers.dto.js';
import { toOfferSummary } from './offer-summary.mapper.js';

/**
 * The text to match: one group of terms per meaningful word, each word required. A field acronym
 * (RSA, AI, VAE) is matched as written; a word under 4 letters by its exact stem; a longer one as
 * the start of its stem or of the stems of related words (completions while typing, or the close
 * words of a typo). Stop words drop out, then only the first MAX_QUERY_WORDS words are kept.
 */
export function textGroups(infos: TokenInfo[]): LexemeTerm[][] {
  const groups: LexemeTerm[][] = [];
  for (const t of infos) {
    if (isFieldAcronym(t.token)) groups.push([{ lexeme: t.token, exact: true }]);
    else if (t.stop || t.token.length < 2 || !t.stem) continue;
    else if (t.token.length < 4) groups.push([{ lexeme: t.stem, exact: true }]);
    else groups.push([...new Set([t.stem, ...t.related])].map((lexeme) => ({ lexeme, exact: false })));
  }
  return groups.slice(0, MAX_QUERY_WORDS);
}

const toCounts = (counts: Map<string, number>): FacetCountDto[] =>
  [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));

const NO_FACETS = { themes: [], audiences: [], access: [], modes: [], hasPlaces: [] };

/** Typed words read as another word of the catalogue: folded typed word → its correction. */
type Corrections = Map<string, CorrectionCandidate>;

/**
 * Replaces the neighbours of each typo by the one correction chosen for it (the closest word of the
 * catalogue, see typo-correction.ts), so that "mobilte" finds mobilité and not "mobiliser".
 */
export function correctTypos(
  infos: TokenInfo[],
  index: Pick<CatalogueIndex, 'hasPrefix' | 'frequency'>,
): { infos: TokenInfo[]; corrections: Corrections } {
  const corrections: Corrections = new Map();
  const corrected = infos.map((t) => {
    if (!needsCorrection(t, index)) return t;
    const chosen = chooseCorrection(t.token, t.candidates, index);
    if (!chosen) return t;
    corrections.set(t.token, chosen);
    return { ...t, related: [chosen.stem] };
  });
  return { infos: corrected, corrections };
}

/** Offers read to find how the catalogue writes a corrected word (those having it in their title first). */
const WRITTEN_FORM_SOURCES = 3;

/** Map coordinates to 5 decimals (about a metre): enough for a marker, lighter to send. */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

@Injectable()
export class SearchService {
  constructor(
    private readonly offers: OffersCatalogue,
    private readonly terms: SearchRepository,
    private readonly communes: CommunesService,
    private readonly index: CatalogueIndexCache,
  ) {}

  /** Search of the public catalogue (public route: no access check beyond @Public()). */
  async search(tenant: Tenant, query: SearchOffersQueryDto): Promise<SearchOffersResponseDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? SEARCH_LIMITS.defaultPageSize;
    const { filters, corrections, index } = await this.filters(tenant, query);
    // Nothing searchable typed (stop words, punctuation, another script): nothing matches.
    if (!filters) return { total: 0, page, pageSize, items: [], facets: NO_FACETS, correctedQuery: null };

    const result = index.search({ ...filters, offset: (page - 1) * pageSize, limit: pageSize });
    const rows = new Map((await this.offers.listByIds(result.page.map((p) => p.id))).map((r) => [r.id, r]));
    return {
      total: result.total,
      page,
      pageSize,
      items: result.page.flatMap(({ id, distanceKm }) => {
        const r = rows.get(id);
        return r ? [toOfferSummary(r, filters.point ? distanceKm : undefined)] : [];
      }),
      facets: {
        themes: toCounts(result.facets.themes),
        audiences: toCounts(result.facets.audiences),
        access: toCounts(result.facets.access),
        modes: toCounts(result.facets.modes),
        hasPlaces: toCounts(result.facets.hasPlaces),
      },
      correctedQuery: corrections.size ? await this.correctedQuery(query.q!, corrections, index) : null,
    };
  }

  /** The query as searched, each corrected word as the catalogue writes it ("mobilte" → "mobilité"). */
  private async correctedQuery(q: string, corrections: Corrections, index: CatalogueIndex): Promise<string> {
    const written = new Map<string, string>();
    for (const [typed, c] of corrections) {
      written.set(
        typed,
        writtenForm(c.word, await this.offers.textsOf(index.offersWith(c.stem, WRITTEN_FORM_SOURCES))),
      );
    }
    return correctQuery(q, written);
  }

  /**
   * Every result of the same search on the map: one point per offer that has a place, in the
   * search's order, at most MAP_LIMITS.maxPoints. Served from the index alone (no SQL per offer).
   */
  async map(tenant: Tenant, query: OfferFiltersQueryDto): Promise<OfferMapResponseDto> {
    const { filters, index } = await this.filters(tenant, query);
    if (!filters) return { total: 0, located: 0, truncated: false, items: [] };
    const result = index.map(filters, MAP_LIMITS.maxPoints);
    return {
      total: result.total,
      located: result.located,
      truncated: result.located > result.points.length,
      items: result.points.map((p) => ({ id: p.id, title: p.title, lat: round5(p.lat), lng: round5(p.lng) })),
    };
  }

  /**
   * The tenant's index and its filters from the query, once its parameters are checked together
   * (point or commune, radius) and its typos corrected. Null filters when the text has nothing
   * searchable: then nothing matches.
   */
  private async filters(
    tenant: Tenant,
    query: OfferFiltersQueryDto,
  ): Promise<{ filters: IndexFilters | null; corrections: Corrections; index: CatalogueIndex }> {
    if ((query.lat === undefined) !== (query.lng === undefined)) {
      throw invalidParameter(
        query.lat === undefined ? 'lat' : 'lng',
        'is required with ' + (query.lat === undefined ? 'lng' : 'lat'),
      );
    }
    if (query.commune && query.lat !== undefined)
      throw invalidParameter('commune', 'cannot be combined with lat and lng');
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

    const index = await this.index.get(tenant);
    let text: LexemeTerm[][] | null = null;
    let corrections: Corrections = new Map();
    if (query.q !== undefined && query.q.trim() !== '') {
      const tokens = searchTokens(query.q);
      const analysis = correctTypos(tokens.length ? await this.terms.analyseTokens(tokens) : [], index);
      corrections = analysis.corrections;
      text = textGroups(analysis.infos);
      if (text.length === 0) return { filters: null, corrections, index };
    }

    const filters: IndexFilters = {
      text,
      point: point && { ...point, radiusKm: query.radiusKm ?? DEFAULT_RADIUS_KM },
      zoneKeys,
      themes: query.themes ?? null,
      audiences: query.audiences ?? null,
      access: query.access ?? null,
      modes: query.modes ?? null,
      hasPlaces: query.hasPlaces ?? null,
      bbox: query.bbox ?? null,
      now: Date.now(),
    };
    return { filters, corrections, index };
  }
}
