import { Body, Controller, Delete, Get, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { StaffGrantDto, StaffMemberDto } from './platform.dto.js';
import { StaffService } from './staff.service.js';

@ApiTags('Administration du département')
@Controller('tenants/:slug/staff')
@TenantScoped()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary:
      'L’équipe du département : une ligne par personne, avec ses rôles d’agent et d’administrateur (administrateurs)',
  })
  @ApiOkResponse({ type: [StaffMemberDto] })
  async list(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StaffMemberDto[]> {
    res.setHeader('Cache-Control', 'no-store');
    return this.staff.list(actor, tenant);
  }

  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Donner le rôle d’agent ou d’administrateur à une adresse e-mail (administrateurs)',
    description:
      'Un compte existant reçoit le rôle aussitôt (et un e-mail) ; une adresse inconnue reçoit un compte et un lien pour choisir son mot de passe.',
  })
  @ApiCreatedResponse({ type: StaffMemberDto, description: 'La personne et tous ses rôles dans l’équipe' })
  async add(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Body() body: StaffGrantDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<StaffMemberDto> {
    return this.staff.add(actor, tenant, body, meta.ip);
  }

  // Two segments: never read as a `:membershipId`.
  @Delete('people/:userId')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Retirer une personne de l’équipe : tous ses rôles d’agent et d’administrateur (administrateurs) ; le dernier administrateur reste',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'C’est le dernier administrateur du département (`last_admin`)',
  })
  async removePerson(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('userId') userId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<void> {
    await this.staff.removePerson(actor, tenant, userId, meta.ip);
  }

  @Delete(':membershipId')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Retirer un seul rôle (par exemple celui d’administrateur, la personne restant agent) (administrateurs) ; le dernier administrateur reste',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'C’est le dernier administrateur du département' })
  async remove(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('membershipId') membershipId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<void> {
    await this.staff.remove(actor, tenant, membershipId, meta.ip);
  }
}
