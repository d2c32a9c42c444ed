import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorator.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CommunesService } from './communes.service.js';
import { CommuneDto, SearchCommunesQueryDto } from './communes.dto.js';

@ApiTags('Géographie')
@Controller('tenants/:slug/communes')
@TenantScoped()
export class CommunesController {
  constructor(private readonly communes: CommunesService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Communes du département par début de nom ou de code postal (10 au plus), ou toutes celles d’un code postal complet',
  })
  @ApiOkResponse({ type: [CommuneDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async search(@CurrentTenant() tenant: Tenant, @Query() query: SearchCommunesQueryDto): Promise<CommuneDto[]> {
    const rows = await this.communes.search(tenant, query.q);
    return rows.map(toDto);
  }

  @Get(':insee')
  @Public()
  @ApiOperation({ summary: 'Une commune du département par son code INSEE (pour afficher une recherche partagée)' })
  @ApiParam({ name: 'insee', example: '26362' })
  @ApiOkResponse({ type: CommuneDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@CurrentTenant() tenant: Tenant, @Param('insee') insee: string): Promise<CommuneDto> {
    return toDto(await this.communes.get(tenant, insee));
  }
}

function toDto({ insee, name, postcodes, lat, lng, approx }: CommuneDto): CommuneDto {
  return { insee, name, postcodes, lat, lng, approx };
}
