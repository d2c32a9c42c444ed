// The insertion plan over HTTP: public reading, replacement by the admins (rights: the service).
import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Plan, PlanSaved } from '@catalogue/contracts';
import { Public, SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { PlanWriteDto } from './plan.dto.js';
import { PlanDto, PlanSavedDto } from './plan-response.dto.js';
import { PlanService } from './plan.service.js';

@ApiTags('Plan d’insertion')
@Controller('tenants/:slug/plan')
@TenantScoped()
export class PlanController {
  constructor(private readonly plan: PlanService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Le plan d’insertion du département : axes, fiches action, indicateurs et cibles',
    description:
      'Public. Les axes par numéro, leurs fiches dans leur ordre, chaque fiche avec ses indicateurs (cible par année de la période) et le nombre d’offres publiées qui s’y rattachent. 404 quand le plan n’a pas encore été saisi.',
  })
  @ApiOkResponse({ type: PlanDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: '`not_found` : plan pas encore saisi' })
  get(): Promise<Plan> {
    return this.plan.get();
  }

  @Put()
  @SignedIn()
  @ApiOperation({
    summary: 'Remplacer le plan d’insertion (administrateurs du département)',
    description:
      'Le plan entier : les axes, fiches et indicateurs renvoyés avec leur `id` sont modifiés sur place (les offres, appels et conventions qui les nomment les gardent), ceux sans `id` sont créés, ceux qui manquent sont supprimés. Une fiche nommée par un appel à projets ou une convention ne peut pas être supprimée (409 `fiche_in_use`) ; les offres d’une fiche supprimée ne sont plus rattachées à aucune (`offersUnlinked`). Crée le plan s’il n’existe pas. Ensuite, les offres dont le texte libre d’avant nomme une fiche y sont rattachées (`offersLinked`).',
  })
  @ApiOkResponse({ type: PlanSavedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Champ invalide, nommé dans `parameter` et `fields`' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: '`fiche_in_use` (fiches nommées dans `fiches`), `stale` (le plan a changé depuis `expectedUpdatedAt`)',
  })
  save(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Body() body: PlanWriteDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<PlanSaved> {
    return this.plan.save(actor, tenant, body, meta);
  }
}
