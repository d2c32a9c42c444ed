import { Controller, Get, Res } from '@nestjs/common';
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
import { OfferDetailResponseDto } from './offer-detail.dto.js';
import { BackOfficeOfferDto } from './offers-admin.dto.js';

/** The public page of one offer (search and map: modules/search). */
@ApiTags('Catalogue')
@Controller('tenants/:slug/offers')
@TenantScoped()
export class OffersController {
  constructor(private readonly offers: OffersService) {}

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
    // anyOf, not oneOf: the back-office view extends the public one, so it matches both.
    schema: { anyOf: [{ $ref: getSchemaPath(OfferDetailResponseDto) }, { $ref: getSchemaPath(BackOfficeOfferDto) }] },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async get(
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @CurrentActor() actor: Actor | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfferDetailResponseDto | BackOfficeOfferDto> {
    const offer = await this.offers.get(actor, tenant, id);
    // The answer depends on who asks: no shared cache may keep a back-office view.
    res.vary('Cookie');
    if ('status' in offer) res.setHeader('Cache-Control', 'private, no-store');
    return offer;
  }
}
