import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { Public } from '../../common/access/access.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { OffersService } from './offers.service.js';
import {
  OfferFiltersQueryDto,
  OfferMapResponseDto,
  SearchOffersQueryDto,
  SearchOffersResponseDto,
} from './search-offers.dto.js';
import { MAP_LIMITS } from '@catalogue/contracts';
import { OfferDetailResponseDto } from './offer-detail.dto.js';
import { BackOfficeOfferDto } from './offers-admin.dto.js';

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
      'Texte libre tolérant (accents, racines, fautes de frappe, sigles), autour d’un point ou d’une commune (avec sa zone de diffusion), dans un rectangle de carte (`bbox`), filtres et facettes.',
  })
  @ApiOkResponse({ type: SearchOffersResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Paramètre invalide (le message le nomme)' })
  search(@CurrentTenant() tenant: Tenant, @Query() query: SearchOffersQueryDto): Promise<SearchOffersResponseDto> {
    return this.offers.search(tenant, query);
  }

  // Declared before ':id', which would otherwise take "map" for an offer id.
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

  @Get(':id')
  @Public()
  @ApiOperation({
    summary: 'Une offre publiée : structure, lieux, zone de diffusion, sessions et places restantes',
    description:
      "Le public ne voit que les offres publiées. Un membre connecté de la structure de l'offre, ou un agent du département, reçoit la vue de l'espace professionnel (`BackOfficeOffer` : état, modification en attente, à mettre à jour…) quel que soit l'état ; une offre non publiée répond 404 à tout autre.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiExtraModels(BackOfficeOfferDto)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(OfferDetailResponseDto) }, { $ref: getSchemaPath(BackOfficeOfferDto) }] },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async get(
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @CurrentActor() actor: Actor | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfferDetailResponseDto | BackOfficeOfferDto> {
    const offer = await this.offers.get(tenant, id, actor);
    // The answer depends on who asks: no shared cache may keep a back-office view.
    res.vary('Cookie');
    if ('status' in offer) res.setHeader('Cache-Control', 'private, no-store');
    return offer;
  }
}
