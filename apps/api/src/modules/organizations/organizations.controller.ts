import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { OrganizationsService } from './organizations.service.js';
import { OrganizationResponseDto } from './organization.dto.js';

@ApiTags('Structures')
@Controller('tenants/:slug/organizations')
@TenantScoped()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'Une structure et ses offres publiées' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrganizationResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  get(@UuidParam('id') id: string): Promise<OrganizationResponseDto> {
    return this.organizations.get(id);
  }
}
