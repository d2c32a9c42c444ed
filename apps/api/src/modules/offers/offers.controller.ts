import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { OffersService } from './offers.service.js';
import { SearchOffersQueryDto, SearchOffersResponseDto } from './search-offers.dto.js';
import { OfferDetailResponseDto } from './offer-detail.dto.js';

@ApiTags('Catalogue')
@Controller('tenants/:slug/offers')
@TenantScoped()
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: "Rechercher dans l'offre d'insertion publiée",
    description:
      'Texte libre tolérant (accents, racines, fautes de frappe, sigles), autour d’un point ou d’une commune (avec sa zone de diffusion), filtres et facettes.',
  })
  @ApiOkResponse({ type: SearchOffersResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Paramètre invalide (le message le nomme)' })
  search(@CurrentTenant() tenant: Tenant, @Query() query: SearchOffersQueryDto): Promise<SearchOffersResponseDto> {
    return this.offers.search(tenant, query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'Une offre publiée : structure, lieux, zone de diffusion, sessions et places restantes' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OfferDetailResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  get(@CurrentTenant() tenant: Tenant, @UuidParam('id') id: string): Promise<OfferDetailResponseDto> {
    return this.offers.get(tenant, id);
  }
}
