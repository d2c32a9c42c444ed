// Calls for projects over HTTP: public reading, agents' drafting and lifecycle, the call's own
// documents, the instructors. Rights are decided in the services by the policy; here only HTTP.
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Call, CallSummary } from '@catalogue/contracts';
import { Public, SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { DocumentUpload } from '../../common/storage/document-upload.js';
import { sendDocument, type UploadedDocument } from '../../common/storage/documents.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { CallDocumentsService } from './call-documents.service.js';
import { CallCreateDto, CallListQueryDto, CallPatchDto, InstructorsDto, ResultsDto, WithdrawDto } from './calls.dto.js';
import { CallDto, CallListDto } from './calls-response.dto.js';
import { CallsService } from './calls.service.js';

const TRANSITION_CONFLICT = 'Impossible depuis cet état (`invalid_transition`)';

@ApiTags('Appels à projets')
@Controller('tenants/:slug/calls')
@TenantScoped()
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly documents: CallDocumentsService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Les appels à projets du département',
    description:
      'Public : les appels publiés, clos et décidés (un appel retiré garde sa page mais quitte la liste). Agents : tous, brouillons compris, avec le nombre de dossiers par état, et le filtre `status`. Les appels ouverts d’abord, date limite la plus proche en tête.',
  })
  @ApiOkResponse({ type: CallListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  list(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: CallListQueryDto,
  ): Promise<{ items: CallSummary[] }> {
    return this.calls.list(actor, tenant, query.status);
  }

  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Créer un appel à projets (brouillon)',
    description: 'Agents du département. Seul le titre est requis ; le reste prend des valeurs par défaut.',
  })
  @ApiCreatedResponse({ type: CallDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Champs invalides, nommés dans `fields`' })
  create(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Body() body: CallCreateDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Call> {
    return this.calls.create(actor, tenant, body, meta);
  }

  @Get(':id')
  @Public()
  @ApiOperation({
    summary: 'Un appel à projets',
    description:
      'Public pour un appel publié, clos, décidé ou retiré ; un brouillon répond 404 à tous sauf aux agents. Les instructeurs ne sont donnés qu’aux agents.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CallDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
  ): Promise<Call> {
    return this.calls.get(actor, tenant, id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Modifier un appel à projets',
    description:
      'Agents, avec la `version` lue. Un brouillon accepte tout ; publié, seuls le titre, le contexte et un report de la date limite (409 `form_frozen` nommant le champ pour le reste) ; clos, décidé ou retiré : rien (409 `not_editable`). Un champ envoyé inchangé n’est pas une modification.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CallDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`stale`, `form_frozen`, `not_editable`' })
  update(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: CallPatchDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Call> {
    return this.calls.update(actor, tenant, id, body, meta);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Publier un appel à projets',
    description:
      'Agents. Le brouillon doit être complet (400 nommant chaque champ à revoir) ; le formulaire est alors figé. Les structures qui l’ont demandé sont prévenues par e-mail.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CallDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: TRANSITION_CONFLICT })
  publish(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Call> {
    return this.calls.publish(actor, tenant, id, meta);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Retirer un appel à projets publié',
    description:
      'Agents, avec un motif (publié sur la page de l’appel). Les structures ayant un dossier sont prévenues.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CallDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: TRANSITION_CONFLICT })
  withdraw(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: WithdrawDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Call> {
    return this.calls.withdraw(actor, tenant, id, body.reason, meta);
  }

  @Post(':id/results')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Publier les résultats d’un appel clos',
    description:
      'Agents. Refusé (409 `undecided_applications`) tant qu’un dossier déposé attend sa décision ; l’appel passe à « décidé ».',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CallDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition`, `undecided_applications`' })
  results(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: ResultsDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Call> {
    return this.calls.publishResults(actor, tenant, id, body.results, meta);
  }

  @Post(':id/documents')
  @SignedIn()
  @DocumentUpload({ label: 'Intitulé du document (règlement, annexe…)' })
  @ApiOperation({
    summary: 'Joindre un document à l’appel (règlement, annexe)',
    description: 'Agents, brouillon ou appel publié. Type lu dans le contenu (PDF, ODT, DOCX, ODS, XLSX, JPEG, PNG).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: CallDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  addDocument(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Req() req: Request & { file?: UploadedDocument; body?: Record<string, unknown> },
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Call> {
    return this.documents.upload(actor, tenant, id, req.body?.label, req.file, meta);
  }

  @Get(':id/documents/:docId')
  @Public()
  @ApiOperation({
    summary: 'Télécharger un document de l’appel',
    description: 'Public pour un appel publié ; toujours en pièce jointe, jamais affiché dans la page.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
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

  @Delete(':id/documents/:docId')
  @SignedIn()
  @ApiOperation({ summary: 'Retirer un document de l’appel', description: 'Agents, brouillon ou appel publié.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'docId', format: 'uuid' })
  @ApiOkResponse({ type: CallDto })
  removeDocument(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @UuidParam('docId') docId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Call> {
    return this.documents.remove(actor, tenant, id, docId, meta);
  }

  @Put(':id/instructors')
  @SignedIn()
  @ApiOperation({
    summary: 'Désigner les instructeurs de l’appel',
    description:
      'Administrateurs du département. Chacun doit être un agent ou administrateur actif du département (400 nommant `userIds.N`). Remplace la liste ; la liste des agents à choisir est `GET /tenants/{slug}/staff`.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CallDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  instructors(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: InstructorsDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Call> {
    return this.documents.setInstructors(actor, tenant, id, body.userIds, meta);
  }
}
