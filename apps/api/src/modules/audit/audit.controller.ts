import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import { AuditEntryDto, AuditQueryDto } from './audit.dto.js';
import { AuditReader } from './audit-reader.service.js';

@ApiTags('Administration du département')
@Controller('tenants/:slug/audit')
@TenantScoped()
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'Journal d’audit du département (administrateurs)',
    description:
      'Connexions, rôles et adhésions, décisions de modération, exports : du plus récent au plus ancien, 50 par page. `target` filtre sur l’objet concerné.',
  })
  @ApiOkResponse({ type: [AuditEntryDto] })
  async list(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Query() query: AuditQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditEntryDto[]> {
    res.setHeader('Cache-Control', 'no-store');
    return this.reader.list(actor, tenant, query);
  }
}
