// Coverage gaps over HTTP; rights are decided in the service by the policy.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CoverageResponse } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { CoverageQueryDto, CoverageResponseDto } from './coverage.dto.js';
import { CoverageService } from './coverage.service.js';

@ApiTags('Indicateurs')
@Controller('tenants/:slug')
@TenantScoped()
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Get('coverage')
  @SignedIn()
  @ApiOperation({
    summary: 'Zones blanches d’une thématique',
    description:
      'Agents et administrateurs du département. Pour chaque commune du département : population, distance à vol d’oiseau au lieu le plus proche d’une offre publiée de la thématique (et du public ; null sans lieu), et si la zone de diffusion d’une telle offre inclut la commune.',
  })
  @ApiOkResponse({ type: CoverageResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Paramètre invalide, nommé dans `parameter`' })
  get(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: CoverageQueryDto,
  ): Promise<CoverageResponse> {
    return this.coverage.coverage(actor, tenant, query);
  }
}
