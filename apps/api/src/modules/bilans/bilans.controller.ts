// Bilans over HTTP. Rights are decided in the services by the policy; here only HTTP and OpenAPI.
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Bilan, BilanDocument, BilanSummary } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { DocumentUpload } from '../../common/storage/document-upload.js';
import { sendDocument, type UploadedDocument } from '../../common/storage/documents.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { BilanDocumentsService } from './bilan-documents.service.js';
import { BilanChangesDto, BilanCreateDto, BilanListQueryDto, BilanPatchDto } from './bilans.dto.js';
import { BilanDocumentDto, BilanDto, BilanListDto } from './bilans-response.dto.js';
import { BilansService } from './bilans.service.js';

const ID = { name: 'id', format: 'uuid' } as const;
const TRANSITION = { type: ErrorResponseDto, description: 'Impossible depuis cet état (`invalid_transition`)' };

@ApiTags('Bilans')
@Controller('tenants/:slug')
@TenantScoped()
export class BilansController {
  constructor(
    private readonly bilans: BilansService,
    private readonly documents: BilanDocumentsService,
  ) {}

  @Get('bilans')
  @SignedIn()
  @ApiOperation({
    summary: 'Lister des bilans',
    description:
      '`view=mine` (défaut) : les bilans des structures du lecteur ; `view=all` : tous, agents seulement (403 pour un membre de structure). Filtres : état, année, structure.',
  })
  @ApiOkResponse({ type: BilanListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  list(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: BilanListQueryDto,
  ): Promise<{ items: BilanSummary[] }> {
    return this.bilans.list(actor, tenant, query);
  }

  @Post('bilans')
  @SignedIn()
  @ApiOperation({
    summary: 'Demander un bilan pour une offre',
    description:
      'Agents. Pour une offre financée hors convention : un bilan par offre et par année (409 `bilan_exists` sinon). Ouvert tout de suite si l’échéance est dans moins de 30 jours.',
  })
  @ApiCreatedResponse({ type: BilanDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`bilan_exists`' })
  create(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Body() body: BilanCreateDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Bilan> {
    return this.bilans.create(actor, tenant, body, meta);
  }

  @Get('bilans/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Un bilan',
    description:
      'Agents et membres de la structure. Chiffres calculés (en direct tant que le bilan est à remplir, figés à la transmission) à côté des valeurs déclarées ; argent ; textes ; pièces ; historique ; `can`.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: BilanDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
  ): Promise<Bilan> {
    return this.bilans.get(actor, tenant, id);
  }

  @Patch('bilans/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Remplir un bilan',
    description:
      'Membres de la structure, tant que le bilan est à remplir ou que des compléments sont demandés. Valeurs déclarées (justification obligatoire si elle diffère du calcul), indicateurs, lignes de dépenses, textes.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: BilanDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Champ invalide, nommé dans `parameter`' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition` ou `stale`' })
  edit(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: BilanPatchDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Bilan> {
    return this.bilans.edit(actor, tenant, id, body, meta);
  }

  @Post('bilans/:id/submit')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Transmettre un bilan',
    description:
      'Membres de la structure. Il faut « ce qui a fonctionné », les dépenses si la convention a attribué un montant, et une justification pour chaque valeur qui diffère du calcul (400 nommant le champ). Les chiffres calculés sont figés ; les agents sont prévenus. Une seule transmission l’emporte.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: BilanDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse(TRANSITION)
  submit(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Bilan> {
    return this.bilans.submit(actor, tenant, id, meta);
  }

  @Post('bilans/:id/request-changes')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Demander des compléments',
    description: 'Agents, sur un bilan transmis, avec un message ; la structure le reçoit par e-mail.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: BilanDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse(TRANSITION)
  requestChanges(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: BilanChangesDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Bilan> {
    return this.bilans.requestChanges(actor, tenant, id, body.message, meta);
  }

  @Post('bilans/:id/validate')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({ summary: 'Valider un bilan', description: 'Agents, sur un bilan transmis. Définitif.' })
  @ApiParam(ID)
  @ApiOkResponse({ type: BilanDto })
  @ApiConflictResponse(TRANSITION)
  validate(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Bilan> {
    return this.bilans.validate(actor, tenant, id, meta);
  }

  @Post('bilans/:id/open')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Ouvrir un bilan à venir',
    description: 'Agents, avant l’ouverture automatique (30 jours avant l’échéance) ; la structure est prévenue.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: BilanDto })
  @ApiConflictResponse(TRANSITION)
  open(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Bilan> {
    return this.bilans.open(actor, tenant, id, meta);
  }

  @Post('bilans/:id/documents')
  @SignedIn()
  @DocumentUpload()
  @ApiOperation({
    summary: 'Joindre une pièce au bilan',
    description:
      'Membres de la structure, tant que le bilan est modifiable. Le type est lu dans le contenu (PDF, ODT, DOCX, ODS, XLSX, JPEG, PNG), 20 Mo au plus par défaut.',
  })
  @ApiParam(ID)
  @ApiCreatedResponse({ type: BilanDocumentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition`, `too_many_documents`' })
  upload(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Req() req: Request & { file?: UploadedDocument },
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<BilanDocument> {
    return this.documents.upload(actor, tenant, id, req.file, meta);
  }

  @Get('bilans/:id/documents/:docId')
  @SignedIn()
  @ApiOperation({ summary: 'Télécharger une pièce du bilan', description: 'Ceux qui peuvent lire le bilan.' })
  @ApiParam(ID)
  @ApiParam({ name: 'docId', format: 'uuid' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'Le fichier, en pièce jointe' })
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

  @Delete('bilans/:id/documents/:docId')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({
    summary: 'Retirer une pièce du bilan',
    description: 'Membres de la structure, tant que le bilan est modifiable.',
  })
  @ApiParam(ID)
  @ApiParam({ name: 'docId', format: 'uuid' })
  @ApiNoContentResponse()
  @ApiConflictResponse(TRANSITION)
  async remove(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @UuidParam('docId') docId: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<void> {
    await this.documents.remove(actor, tenant, id, docId, meta);
  }
}
