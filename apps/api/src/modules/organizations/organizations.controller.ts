import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { Public, SignedIn } from '../../common/access/access.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { OrganizationsService } from './organizations.service.js';
import {
  BackOfficeOrganizationDto,
  BackOfficeOrganizationListDto,
  OrganizationBySiretDto,
  OrganizationResponseDto,
} from './organization.dto.js';
import {
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  RefuseIdentityChangeDto,
  RejectOrganizationDto,
  UpdateOrganizationDto,
} from './organization-input.dto.js';
import { MachineReadable } from '../../common/auth/api-key.js';

/** Structures: creation, the back office's reading and editing, the département's decision, the public profile. */
@ApiTags('Structures')
@Controller('tenants/:slug/organizations')
@TenantScoped()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  // Fixed paths first: they would otherwise be read as an `:id`.

  @Post()
  @SignedIn()
  @ApiOperation({
    summary:
      'Créer une structure (la personne qui la crée en devient administratrice ; elle attend la validation du département)',
  })
  @ApiCreatedResponse({ type: BackOfficeOrganizationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    description: 'Une structure de ce SIRET existe (`siret_exists`, avec `organizationId` : proposer de la rejoindre)',
    type: ErrorResponseDto,
  })
  create(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Body() body: CreateOrganizationDto,
    @RequestMeta() meta: RequestMetaValue,
  ) {
    return this.organizations.create(actor, tenant, body, meta);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Structures du département, par statut (agents)' })
  @ApiOkResponse({ type: BackOfficeOrganizationListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  list(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Query() query: ListOrganizationsQueryDto,
  ): Promise<BackOfficeOrganizationListDto> {
    return this.organizations.list(actor, tenant, query);
  }

  @Get('export.csv')
  @MachineReadable()
  @SignedIn()
  @ApiOperation({ summary: 'Export CSV des structures (agents ; séparateur `;`, UTF-8 avec BOM)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Une ligne par structure', schema: { type: 'string' } })
  async exportCsv(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @RequestMeta() meta: RequestMetaValue,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.organizations.exportCsv(actor, tenant, meta);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="structures-${tenant.slug}-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    return csv;
  }

  @Get('by-siret/:siret')
  @SignedIn()
  @ApiOperation({ summary: 'La structure validée de ce SIRET (pour proposer de la rejoindre)' })
  @ApiParam({ name: 'siret', example: '73282932000074' })
  @ApiOkResponse({ type: OrganizationBySiretDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  bySiret(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @Param('siret') siret: string,
  ): Promise<OrganizationBySiretDto> {
    return this.organizations.bySiret(actor, tenant, siret);
  }

  @Get(':id/back-office')
  @SignedIn()
  @ApiOperation({ summary: 'Une structure, vue par ses membres et les agents (quel que soit son statut)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BackOfficeOrganizationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  backOffice(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
  ): Promise<BackOfficeOrganizationDto> {
    return this.organizations.backOffice(actor, tenant, id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Modifier une structure (ses administrateurs, les agents) ; champs absents inchangés',
    description:
      'Sur une structure validée, un changement du nom, du SIRET ou du caractère prescripteur devient une modification en attente ' +
      '(`identityChange`) qu’un agent accepte ou refuse ; le public garde les valeurs validées jusque-là. Les autres champs changent aussitôt. ' +
      'Un agent qui pourrait accepter sa propre modification (double validation désactivée) l’applique aussitôt.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BackOfficeOrganizationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    description: 'SIRET déjà pris (`siret_exists`) ; une modification attend déjà (`identity_change_pending`)',
    type: ErrorResponseDto,
  })
  update(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @Body() body: UpdateOrganizationDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    return this.organizations.update(actor, tenant, id, body, meta);
  }

  @Post(':id/identity-changes/:changeId/accept')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accepter la modification en attente (nom, SIRET, prescriptrice) d’une structure validée (agents) : elle devient publique',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'changeId', format: 'uuid' })
  @ApiOkResponse({ type: BackOfficeOrganizationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({
    description: 'Double validation : sa propre modification (`four_eyes`)',
    type: ErrorResponseDto,
  })
  @ApiConflictResponse({
    description: 'Déjà décidée (`change_not_pending`) ; SIRET pris entre-temps (`siret_exists`)',
    type: ErrorResponseDto,
  })
  acceptChange(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @UuidParam('changeId') changeId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    return this.organizations.acceptChange(actor, tenant, id, changeId, meta);
  }

  @Post(':id/identity-changes/:changeId/refuse')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refuser la modification en attente d’une structure, avec un motif envoyé à ses administrateurs (agents)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'changeId', format: 'uuid' })
  @ApiOkResponse({ type: BackOfficeOrganizationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: 'Déjà décidée (`change_not_pending`)', type: ErrorResponseDto })
  refuseChange(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @UuidParam('changeId') changeId: string,
    @Body() body: RefuseIdentityChangeDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<BackOfficeOrganizationDto> {
    return this.organizations.refuseChange(actor, tenant, id, changeId, body.reason, meta);
  }

  @Delete(':id/identity-changes/:changeId')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Retirer la modification en attente de sa structure (ses administrateurs)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'changeId', format: 'uuid' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: 'Déjà décidée (`change_not_pending`)', type: ErrorResponseDto })
  async withdrawChange(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @UuidParam('changeId') changeId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<void> {
    await this.organizations.withdrawChange(actor, tenant, id, changeId, meta);
  }

  @Post(':id/validate')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'Valider une structure en attente (agents)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BackOfficeOrganizationDto })
  @ApiForbiddenResponse({
    description: 'Double validation : structure créée ou modifiée en dernier par soi (`four_eyes`)',
    type: ErrorResponseDto,
  })
  @ApiConflictResponse({ description: 'Déjà décidée (`not_pending`)', type: ErrorResponseDto })
  validate(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ) {
    return this.organizations.validate(actor, tenant, id, meta);
  }

  @Post(':id/reject')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuser une structure en attente, avec un motif (agents) : ses membres en sont détachés' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BackOfficeOrganizationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: 'Déjà décidée (`not_pending`)', type: ErrorResponseDto })
  reject(
    @CurrentActor() actor: Actor | null,
    @CurrentTenant() tenant: Tenant,
    @UuidParam('id') id: string,
    @Body() body: RejectOrganizationDto,
    @RequestMeta() meta: RequestMetaValue,
  ) {
    return this.organizations.reject(actor, tenant, id, body.reason, meta);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'Une structure validée et ses offres publiées' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrganizationResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  get(@UuidParam('id') id: string): Promise<OrganizationResponseDto> {
    return this.organizations.get(id);
  }
}
