// Applications over HTTP, the structure's side: start, read, save, documents, submit, withdraw,
// the decision letter. Rights are decided in the services by the policy; here only HTTP and OpenAPI.
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Application, ApplicationDocument } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { DocumentUpload } from '../../common/storage/document-upload.js';
import { sendDocument, type UploadedDocument } from '../../common/storage/documents.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { ApplicationDocumentsService } from './application-documents.service.js';
import {
  ApplicationListQueryDto,
  SaveApplicationDto,
  StartApplicationDto,
  WithdrawApplicationDto,
} from './applications.dto.js';
import { ApplicationDocumentDto, ApplicationDto, ApplicationListDto } from './applications-response.dto.js';
import { ApplicationsService } from './applications.service.js';

const ID = { name: 'id', format: 'uuid' } as const;

@ApiTags('Dossiers de candidature')
@Controller('tenants/:slug')
@TenantScoped()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly documents: ApplicationDocumentsService,
  ) {}

  @Post('calls/:id/applications')
  @SignedIn()
  @ApiOperation({
    summary: 'Commencer un dossier de candidature',
    description:
      'Un membre d’une structure validée, pour sa structure (`organizationId`), tant que l’appel à projets est publié et ouvert (horloge du serveur). Un seul dossier en cours par structure et par appel : un second (même simultané) répond 409 `already_applied` avec `existing`.',
  })
  @ApiParam(ID)
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: '`already_applied` (avec `existing.id`), `call_closed`, `call_not_open`',
  })
  start(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') callId: string,
    @Body() body: StartApplicationDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Application> {
    return this.applications.start(actor, tenant, callId, body.organizationId, meta);
  }

  @Get('applications')
  @SignedIn()
  @ApiOperation({
    summary: 'Les dossiers d’une structure',
    description: 'Ses membres (et les administrateurs du département).',
  })
  @ApiOkResponse({ type: ApplicationListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async list(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: ApplicationListQueryDto,
  ): Promise<ApplicationListDto> {
    return { items: await this.applications.listOfOrganization(actor, tenant, query.organizationId) };
  }

  @Get('applications/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Un dossier, ses pièces et son journal',
    description:
      'Les membres de la structure, les instructeurs de l’appel, les administrateurs. Les notes (`scores`) : instructeurs et administrateurs seulement.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ApplicationDto })
  get(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
  ): Promise<Application> {
    return this.applications.get(actor, tenant, id);
  }

  @Patch('applications/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Enregistrer les réponses et le montant demandé',
    description:
      'Les membres de la structure, tant que le dossier est en brouillon ou à compléter. Chaque réponse est vérifiée selon sa question (400 nommant `answers.<clé>…`) ; les réponses aux questions masquées sont ignorées. Avec `version`, 409 `stale` si le dossier a changé depuis.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`stale`, `invalid_transition`' })
  save(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: SaveApplicationDto,
  ): Promise<Application> {
    return this.applications.save(actor, tenant, id, body);
  }

  @Post('applications/:id/documents')
  @SignedIn()
  @DocumentUpload({ key: 'La question `file` ou la pièce demandée par l’appel' })
  @ApiOperation({
    summary: 'Joindre une pièce au dossier',
    description:
      'Les membres de la structure, tant que le dossier est modifiable. Le type est lu dans le contenu (PDF, ODT, DOCX, ODS, XLSX, JPEG, PNG), 20 Mo au plus par défaut.',
  })
  @ApiParam(ID)
  @ApiCreatedResponse({ type: ApplicationDocumentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition`, `too_many_documents`' })
  upload(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Req() req: Request & { file?: UploadedDocument },
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<ApplicationDocument> {
    const key = (req.body as Record<string, unknown> | undefined)?.key;
    return this.documents.upload(actor, tenant, id, key, req.file, meta);
  }

  @Get('applications/:id/documents/:docId')
  @SignedIn()
  @ApiOperation({
    summary: 'Télécharger une pièce',
    description: 'Ceux qui peuvent lire le dossier ; toujours en pièce jointe.',
  })
  @ApiParam(ID)
  @ApiParam({ name: 'docId', format: 'uuid' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'Le fichier' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async download(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @UuidParam('docId') docId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendDocument(res, await this.documents.download(actor, tenant, id, docId));
  }

  @Delete('applications/:id/documents/:docId')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({
    summary: 'Retirer une pièce',
    description: 'Les membres de la structure, tant que le dossier est modifiable.',
  })
  @ApiParam(ID)
  @ApiParam({ name: 'docId', format: 'uuid' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition`' })
  async remove(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @UuidParam('docId') docId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<void> {
    await this.documents.remove(actor, tenant, id, docId, meta);
  }

  @Post('applications/:id/submit')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Déposer le dossier',
    description:
      'Les membres de la structure, une fois. Le dossier doit être complet (400 nommant chaque champ). L’horloge de la base décide, à la seconde : déposé à 23:59:59 pour une clôture à 23:59:59, accepté ; à 00:00:00, refusé (409 `call_closed`). Un dossier à compléter se redépose jusqu’à la date demandée, même après la clôture.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`call_closed`, `invalid_transition` (déjà déposé)' })
  submit(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Application> {
    return this.applications.submit(actor, tenant, id, meta);
  }

  @Post('applications/:id/withdraw')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Retirer le dossier',
    description:
      'Les membres de la structure, jusqu’à la décision. Les instructeurs sont prévenus d’un dossier déposé retiré.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition`' })
  withdraw(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: WithdrawApplicationDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Application> {
    return this.applications.withdraw(actor, tenant, id, body.reason, meta);
  }

  @Get('applications/:id/letter.pdf')
  @SignedIn()
  @ApiOperation({
    summary: 'Le courrier de décision (PDF)',
    description: 'La structure, les instructeurs, les administrateurs ; 404 avant la décision.',
  })
  @ApiParam(ID)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Le courrier' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async letter(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendDocument(res, await this.documents.letter(actor, tenant, id));
  }
}
