import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorator.js';
import { TenantsService } from './tenants.service.js';
import { TenantDto } from './tenant.dto.js';

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
}
