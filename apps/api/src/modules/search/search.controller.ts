import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { SearchService } from './search.service.js';
import {
  OfferFiltersQueryDto,
  OfferMapResponseDto,
  SearchOffersQueryDto,
  SearchOffersResponseDto,
} from './search-offers.dto.js';
import { MAP_LIMITS } from '@catalogue/contracts';

@ApiTags('Catalogue')
@Controller('tenants/:slug/offers')
@TenantScoped()
export class SearchController {
  constructor(private readonly offers: SearchService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: "Rechercher dans l'offre d'insertion publiée",
    description:
      'Texte libre tolérant (accents, racines, fautes de frappe, sigles), autour d’un point ou d’une commune (avec sa zone de diffusion), dans un rectangle de carte (`bbox`), filtres et facettes.',
  })
  @ApiOkResponse({ type: SearchOffersResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Paramètre invalide (le message le nomme)' })
  search(@CurrentTenant() tenant: Tenant, @Query() query: SearchOffersQueryDto): Promise<SearchOffersResponseDto> {
    return this.offers.search(tenant, query);
  }

  // Registered before the offers module's ':id', which would otherwise take "map" for an offer id
  // (SearchModule comes first in AppModule's imports).
  @Get('map')
  @Public()
  @ApiOperation({
    summary: 'Les résultats de la recherche sur la carte',
    description: `Mêmes paramètres que la recherche, sans pagination (\`page\` et \`pageSize\` sont refusés) : le même \`total\`, et un point par offre ayant un lieu, dans l'ordre de la recherche, ${MAP_LIMITS.maxPoints} au plus (\`truncated\` signale les suivants). Coordonnées arrondies à 5 décimales.`,
  })
  @ApiOkResponse({ type: OfferMapResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Paramètre invalide (le message le nomme)' })
  map(@CurrentTenant() tenant: Tenant, @Query() query: OfferFiltersQueryDto): Promise<OfferMapResponseDto> {
    return this.offers.map(tenant, query);
  }
}
