// The tenant's API keys over HTTP (admins only, decided by the policy in the service).
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { ApiKeyCreated, ApiKeySummary } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { ApiKeyCreateDto, ApiKeyCreatedDto, ApiKeySummaryDto } from './api-keys.dto.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('Clés d’API')
@Controller('tenants/:slug/api-keys')
@TenantScoped()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'Lister les clés d’API du département',
    description: 'Administrateurs du département. Actives d’abord, puis révoquées ; jamais la clé elle-même.',
  })
  @ApiOkResponse({ type: ApiKeySummaryDto, isArray: true })
  list(@CurrentTenant() tenant: Tenant, @CurrentActor() actor: Actor | null): Promise<ApiKeySummary[]> {
    return this.keys.list(actor, tenant);
  }

  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Créer une clé d’API',
    description:
      'Administrateurs du département. La réponse contient la clé entière (`secret`), affichée cette seule fois : seule son empreinte SHA-256 est conservée. Au plus 50 clés actives par département (409 `api_key_limit`).',
  })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Nom absent, vide ou trop long (`name`)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`api_key_limit` : trop de clés actives' })
  create(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Body() body: ApiKeyCreateDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<ApiKeyCreated> {
    return this.keys.create(actor, tenant, body.name, meta);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Révoquer une clé d’API',
    description:
      'Administrateurs du département. La clé cesse aussitôt de fonctionner (401) ; elle reste dans la liste, révoquée. Révoquer deux fois ne change rien.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeySummaryDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '`id` n’est pas un UUID' })
  revoke(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<ApiKeySummary> {
    return this.keys.revoke(actor, tenant, id, meta);
  }
}
