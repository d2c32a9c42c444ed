import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { Public } from '../../common/access/access.decorator.js';
import { TenantsService } from './tenants.service.js';
import { TenantDetailDto, TenantDto } from './tenant.dto.js';

@ApiTags('Départements')
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Les départements de la plateforme' })
  @ApiOkResponse({ type: [TenantDto] })
  async list(): Promise<TenantDto[]> {
    return (await this.tenants.list()).map(({ code, slug, name, bbox }) => ({ code, slug, name, bbox }));
  }

  @Get(':slug')
  @Public()
  @ApiOperation({ summary: 'Un département : code, nom, emprise et contour (pour la carte)' })
  @ApiParam({ name: 'slug', type: String, description: 'Slug du département (ex. `drome`)', example: 'drome' })
  @ApiOkResponse({ type: TenantDetailDto })
  @ApiNotFoundResponse({ description: 'Département inconnu', type: ErrorResponseDto })
  async detail(@Param('slug') slug: string, @Res({ passthrough: true }) res: Response): Promise<TenantDetailDto> {
    const detail = await this.tenants.detail(slug);
    // Only a found tenant may be kept five minutes (not a 404, as @Header would do).
    res.setHeader('Cache-Control', 'public, max-age=300');
    return detail;
  }
}
