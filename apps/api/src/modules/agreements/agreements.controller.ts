// Agreements over HTTP. Rights are decided in the service by the policy; here only HTTP and OpenAPI.
import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Agreement, AgreementListItem } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { DocumentUpload } from '../../common/storage/document-upload.js';
import { sendDocument, type UploadedDocument } from '../../common/storage/documents.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { AgreementDto, AgreementListDto, AgreementListQueryDto, AgreementPatchDto } from './agreements.dto.js';
import { AgreementsService } from './agreements.service.js';

const TRANSITION = { type: ErrorResponseDto, description: 'Impossible depuis cet état (`invalid_transition`)' };

@ApiTags('Conventions')
@Controller('tenants/:slug')
@TenantScoped()
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get('agreements')
  @SignedIn()
  @ApiOperation({
    summary: 'Lister des conventions',
    description:
      'Agents : toutes, ou celles d’un appel à projets (`callId`), par état (`status`). Membres d’une structure : celles de leur structure (`organizationId`).',
  })
  @ApiOkResponse({ type: AgreementListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  list(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: AgreementListQueryDto,
  ): Promise<{ items: AgreementListItem[] }> {
    return this.agreements.list(actor, tenant, query);
  }

  // Before `agreements/:id`, which would take « <id>.pdf » as its id.
  @Get('agreements/:id.pdf')
  @SignedIn()
  @ApiOperation({
    summary: 'La convention en PDF',
    description: 'Parties, action, montant, échéancier, durée, indicateurs, bilans, obligations, signatures.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Le PDF, en pièce jointe' })
  async pdf(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const { fileName, data } = await this.agreements.pdf(actor, tenant, id);
    sendDocument(res, { fileName, mediaType: 'application/pdf', data });
  }

  @Get('agreements/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Une convention',
    description: 'Agents et membres de la structure. Une fois signée, `offerId` nomme l’offre brouillon créée.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AgreementDto })
  get(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
  ): Promise<Agreement> {
    return this.agreements.get(actor, tenant, id);
  }

  @Patch('agreements/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Ajuster une convention en brouillon',
    description:
      'Agents. Titre, dates, échéancier (au moins une échéance ; la somme égale exactement le montant, 400 nommant `paymentSchedule`), cibles des indicateurs, dates des bilans (pendant ou après la période).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Champ invalide, nommé dans `parameter`' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition` (plus en brouillon) ou `stale`' })
  edit(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: AgreementPatchDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Agreement> {
    return this.agreements.edit(actor, tenant, id, body, meta);
  }

  @Post('agreements/:id/send')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Envoyer la convention pour signature',
    description: 'Agents. Les membres de la structure la reçoivent par e-mail, en PDF.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiConflictResponse(TRANSITION)
  send(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Agreement> {
    return this.agreements.send(actor, tenant, id, meta);
  }

  @Post('agreements/:id/signed')
  @HttpCode(200)
  @SignedIn()
  @DocumentUpload()
  @ApiOperation({
    summary: 'Déposer la convention signée (PDF)',
    description:
      'Membres de la structure ou agents. La convention passe à « signée » (« en cours » si l’action a commencé) et une offre brouillon est créée pour la structure, préremplie depuis le dossier et liée à la fiche action ; `offerId` la nomme. Un seul dépôt l’emporte.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiConflictResponse(TRANSITION)
  signed(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Req() req: Request & { file?: UploadedDocument },
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Agreement> {
    return this.agreements.sign(actor, tenant, id, req.file, meta);
  }

  @Post('agreements/:id/close')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({ summary: 'Clore une convention en cours', description: 'Agents.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiConflictResponse(TRANSITION)
  close(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Agreement> {
    return this.agreements.close(actor, tenant, id, meta);
  }
}
