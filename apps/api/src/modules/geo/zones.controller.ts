import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { DiffusionZonesDto } from './zones.dto.js';
import { ZonesService } from './zones.service.js';

@ApiTags('Géographie')
@Controller('tenants/:slug/zones')
@TenantScoped()
export class ZonesController {
  constructor(private readonly zones: ZonesService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Intercommunalités (EPCI) et territoires du département, par nom (zones de diffusion d’une offre)',
  })
  @ApiParam({ name: 'slug', type: String, description: 'Slug du département (ex. `drome`)', example: 'drome' })
  @ApiOkResponse({ type: DiffusionZonesDto })
  @ApiNotFoundResponse({ description: 'Département inconnu', type: ErrorResponseDto })
  async list(@CurrentTenant() tenant: Tenant, @Res({ passthrough: true }) res: Response): Promise<DiffusionZonesDto> {
    const zones = await this.zones.list(tenant);
    // Reference data that rarely moves: five minutes like GET /tenants/{slug} (never a 404).
    res.setHeader('Cache-Control', 'public, max-age=300');
    return zones;
  }
}
