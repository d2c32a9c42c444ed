import { Body, Controller, Get, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import { TenantSettingsDto, TenantSettingsPatchDto } from './platform.dto.js';
import { TenantSettingsService } from './tenant-settings.service.js';

@ApiTags('Administration du département')
@Controller('tenants/:slug/settings')
@TenantScoped()
export class TenantSettingsController {
  constructor(private readonly settings: TenantSettingsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Paramètres du département (administrateurs)' })
  @ApiOkResponse({ type: TenantSettingsDto })
  async get(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TenantSettingsDto> {
    res.setHeader('Cache-Control', 'no-store');
    return this.settings.get(actor, tenant);
  }

  @Patch()
  @SignedIn()
  @ApiOperation({
    summary:
      'Modifier les paramètres du département : modération, double validation, délais des inscriptions en attente, conservation des données personnelles (administrateurs)',
  })
  @ApiOkResponse({ type: TenantSettingsDto })
  async update(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Body() body: TenantSettingsPatchDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<TenantSettingsDto> {
    return this.settings.update(actor, tenant, body, meta.ip);
  }
}
