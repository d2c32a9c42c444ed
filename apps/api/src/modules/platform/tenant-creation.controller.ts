import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { TenantDetailDto } from '../tenants/tenant.dto.js';
import { CreateTenantDto } from './platform.dto.js';
import { TenantCreationService } from './tenant-creation.service.js';

@ApiTags('Administration de la plateforme')
@Controller('tenants')
export class TenantCreationController {
  constructor(private readonly creation: TenantCreationService) {}

  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Ouvrir l’espace d’un département (administrateurs de la plateforme)',
    description:
      'Nom et emprise tirés du référentiel géographique (communes et EPCI y sont déjà). Chaque adresse de `admins` devient administrateur et agent ; une adresse sans compte reçoit un lien pour choisir son mot de passe (valable 7 jours).',
  })
  @ApiCreatedResponse({ type: TenantDetailDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Code inconnu ou sans communes, slug ou adresses invalides',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Le code ou le slug est déjà pris' })
  async create(
    @CurrentActor() actor: Actor | null,
    @Body() body: CreateTenantDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<TenantDetailDto> {
    return this.creation.create(actor, body, meta.ip);
  }
}
