import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { SignedIn } from '../../common/access/access.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { MembershipsService } from './memberships.service.js';
import { OrganizationMemberDto, OrganizationMembersDto, PendingInvitationDto } from './organization.dto.js';
import { AcceptInvitationDto, InvitationDto, JoinOrganizationDto, MemberRoleDto } from './organization-input.dto.js';

/** Members of a structure: access requests and their answers, roles, departures, invitations. */
@ApiTags('Structures : membres')
@Controller('tenants/:slug/organizations/:id')
@TenantScoped()
@ApiParam({ name: 'id', format: 'uuid', description: 'La structure' })
export class MembersController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post('join')
  @SignedIn()
  @ApiOperation({ summary: 'Demander à rejoindre une structure validée (ses administrateurs répondent)' })
  @ApiCreatedResponse({ type: OrganizationMemberDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: 'Déjà membre ou demande en attente', type: ErrorResponseDto })
  join(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @Body() body: JoinOrganizationDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    return this.memberships.join(actor, tenant, id, body.message || null, meta);
  }

  @Get('members')
  @SignedIn()
  @ApiOperation({
    summary:
      'Membres et demandes en attente (membres de la structure, agents) ; invitations en cours pour ses administrateurs',
  })
  @ApiOkResponse({ type: OrganizationMembersDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  list(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
  ): Promise<OrganizationMembersDto> {
    return this.memberships.list(actor, tenant, id);
  }

  @Post('members/:membershipId/accept')
  @SignedIn()
  @HttpCode(200)
  @ApiParam({ name: 'membershipId', format: 'uuid' })
  @ApiOperation({ summary: 'Accepter une demande d’accès (administrateurs de la structure)' })
  @ApiOkResponse({ type: OrganizationMemberDto })
  @ApiConflictResponse({ description: 'Demande déjà traitée', type: ErrorResponseDto })
  accept(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @UuidParam('membershipId') membershipId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    return this.memberships.accept(actor, tenant, id, membershipId, meta);
  }

  @Post('members/:membershipId/refuse')
  @SignedIn()
  @HttpCode(200)
  @ApiParam({ name: 'membershipId', format: 'uuid' })
  @ApiOperation({ summary: 'Refuser une demande d’accès (administrateurs de la structure)' })
  @ApiOkResponse({ type: OrganizationMemberDto })
  @ApiConflictResponse({ description: 'Demande déjà traitée', type: ErrorResponseDto })
  refuse(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @UuidParam('membershipId') membershipId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    return this.memberships.refuse(actor, tenant, id, membershipId, meta);
  }

  @Patch('members/:membershipId')
  @SignedIn()
  @ApiParam({ name: 'membershipId', format: 'uuid' })
  @ApiOperation({
    summary: 'Changer le rôle d’un membre (administrateurs de la structure ; jamais le dernier administrateur)',
  })
  @ApiOkResponse({ type: OrganizationMemberDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: 'Dernier administrateur (`last_admin`)', type: ErrorResponseDto })
  setRole(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @UuidParam('membershipId') membershipId: string,
    @Body() body: MemberRoleDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    return this.memberships.setRole(actor, tenant, id, membershipId, body.role, meta);
  }

  @Delete('members/:membershipId')
  @SignedIn()
  @HttpCode(204)
  @ApiParam({ name: 'membershipId', format: 'uuid' })
  @ApiOperation({
    summary:
      'Retirer un membre (administrateurs) ou quitter la structure (soi-même) ; jamais le dernier administrateur',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Dernier administrateur (`last_admin`)', type: ErrorResponseDto })
  async remove(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @UuidParam('membershipId') membershipId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<void> {
    await this.memberships.remove(actor, tenant, id, membershipId, meta);
  }

  @Post('invitations')
  @SignedIn()
  @ApiOperation({
    summary: `Inviter quelqu'un par courriel (administrateurs de la structure) ; remplace une invitation en cours à la même adresse`,
  })
  @ApiCreatedResponse({ type: PendingInvitationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: 'Déjà membre', type: ErrorResponseDto })
  invite(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @Body() body: InvitationDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<PendingInvitationDto> {
    return this.memberships.invite(actor, tenant, id, body.email, body.role, meta);
  }

  @Delete('invitations/:invitationId')
  @SignedIn()
  @HttpCode(204)
  @ApiParam({ name: 'invitationId', format: 'uuid' })
  @ApiOperation({ summary: 'Annuler une invitation en cours (administrateurs de la structure)' })
  @ApiNoContentResponse()
  async cancelInvitation(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @UuidParam('invitationId') invitationId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<void> {
    await this.memberships.cancelInvitation(actor, tenant, id, invitationId, meta);
  }
}

/** The link of an invitation email, followed by the invited person once signed in. */
@ApiTags('Structures : membres')
@Controller('tenants/:slug/invitations')
@TenantScoped()
export class InvitationsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post('accept')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accepter une invitation (connecté avec l’adresse invitée) : devient membre avec le rôle prévu',
  })
  @ApiOkResponse({ type: OrganizationMemberDto })
  @ApiBadRequestResponse({
    description: 'Jeton inconnu, expiré ou déjà utilisé (`invalid_token`)',
    type: ErrorResponseDto,
  })
  @ApiForbiddenResponse({ description: 'Invitation adressée à une autre adresse', type: ErrorResponseDto })
  accept(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Body() body: AcceptInvitationDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<OrganizationMemberDto> {
    return this.memberships.acceptInvitation(actor, tenant, body.token, meta);
  }
}
