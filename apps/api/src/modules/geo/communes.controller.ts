import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Communes du département par début de nom ou de code postal (10 au plus)' })
  @ApiOkResponse({ type: [CommuneDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async search(@CurrentTenant() tenant: Tenant, @Query() query: SearchCommunesQueryDto): Promise<CommuneDto[]> {
    const rows = await this.communes.search(tenant, query.q);
    return rows.map(({ insee, name, postcodes, lat, lng, approx }) => ({ insee, name, postcodes, lat, lng, approx }));
  }
}
