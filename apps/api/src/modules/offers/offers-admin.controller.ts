// The offers' back office over HTTP: members write and submit, agents moderate, both follow.
// Rights are decided in the services by the policy; here only HTTP and OpenAPI.
import { applyDecorators, Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  BackOfficeOffer,
  Dashboard,
  ModerationQueue,
  OfferHistoryEntry,
  OrganizationOfferItem,
} from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { OfferWriteDto, ReviewCommentDto } from './offer-write.dto.js';
import {
  BackOfficeOfferDto,
  DashboardDto,
  ModerationQueryDto,
  ModerationQueueDto,
  OfferHistoryEntryDto,
  OrganizationOfferItemDto,
} from './offers-admin.dto.js';
import { OffersAdminService } from './offers-admin.service.js';
import { OffersWriteService } from './offers-write.service.js';
import { MachineReadable } from '../../common/auth/api-key.js';

const Transition = (summary: string, description: string) =>
  applyDecorators(
    HttpCode(200),
    SignedIn(),
    ApiOperation({ summary, description }),
    ApiParam({ name: 'id', format: 'uuid' }),
    ApiOkResponse({ type: BackOfficeOfferDto }),
    ApiConflictResponse({
      type: ErrorResponseDto,
      description: 'Transition impossible depuis cet état (`invalid_transition`)',
    }),
  );

@ApiTags('Offres (espace professionnel)')
@Controller('tenants/:slug')
@TenantScoped()
export class OffersAdminController {
  constructor(
    private readonly offers: OffersWriteService,
    private readonly admin: OffersAdminService,
  ) {}

  @Post('offers')
  @SignedIn()
  @ApiOperation({
    summary: 'Créer une offre (brouillon)',
    description:
      "Par un membre d'une structure validée (`organization.id`). Les codes suivent les référentiels data·inclusion ; lieux et zone dans le département.",
  })
  @ApiCreatedResponse({ type: BackOfficeOfferDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Champ invalide (nommé dans `parameter`, ex. `places.0.communeInsee`)',
  })
  create(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Body() body: OfferWriteDto,
  ): Promise<BackOfficeOffer> {
    return this.offers.create(actor, tenant, body);
  }

  // Declared before the public ':id' route (this controller is registered first): "export.csv" is no id.
  @Get('offers/export.csv')
  @MachineReadable()
  @SignedIn()
  @ApiOperation({
    summary: 'Exporter toutes les offres du département (CSV)',
    description: 'Séparateur `;`, UTF-8 avec BOM. Agents ; tracé dans le journal.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Le fichier CSV', schema: { type: 'string' } })
  async exportCsv(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @RequestMeta() meta: RequestMetaValue,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.admin.exportCsv(actor, tenant, meta);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="offres-${tenant.slug}-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    return csv;
  }

  @Patch('offers/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Modifier une offre',
    description:
      "Corps de même forme que `GET …/offers/{id}` (champs en lecture seule ignorés, champs absents inchangés). Un brouillon est modifié directement ; une offre publiée reçoit une modification en attente (`revision`), modérée pendant que la version publiée reste visible. Une offre (ou modification) en cours de modération n'est pas modifiable : 409.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BackOfficeOfferDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'En cours de modération, archivée (`invalid_transition`), ou session avec inscrits supprimée (`session_in_use`)',
  })
  edit(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: OfferWriteDto,
  ): Promise<BackOfficeOffer> {
    return this.offers.edit(actor, tenant, id, body);
  }

  @Post('offers/:id/submit')
  @Transition(
    'Soumettre une offre (ou sa modification) à la modération',
    'Membres de la structure. Avec la modération a posteriori, l’offre est publiée aussitôt et marquée « à relire ».',
  )
  submit(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ) {
    return this.offers.transition(actor, tenant, id, 'submit', meta);
  }

  @Post('offers/:id/request-changes')
  @Transition(
    'Demander des modifications',
    'Agents. Une offre soumise (ou publiée à relire) revient en brouillon ; une modification soumise revient en brouillon, la version publiée restant visible. Le commentaire est envoyé aux membres.',
  )
  requestChanges(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: ReviewCommentDto,
    @RequestMeta() meta: RequestMetaValue,
  ) {
    return this.offers.transition(actor, tenant, id, 'request_changes', meta, body.comment);
  }

  @Post('offers/:id/publish')
  @Transition(
    'Publier',
    'Agents. Publie une offre soumise, applique une modification soumise, ou marque relue une offre publiée a posteriori.',
  )
  publish(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ) {
    return this.offers.transition(actor, tenant, id, 'publish', meta);
  }

  @Post('offers/:id/archive')
  @Transition('Archiver une offre publiée', 'Membres de la structure ou agents. L’offre quitte le catalogue public.')
  archive(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ) {
    return this.offers.transition(actor, tenant, id, 'archive', meta);
  }

  @Post('offers/:id/confirm')
  @Transition(
    'Confirmer « toujours à jour »',
    'Membres de la structure : repart pour une période de la fréquence de mise à jour.',
  )
  confirm(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ) {
    return this.offers.transition(actor, tenant, id, 'confirm', meta);
  }

  @Get('offers/:id/history')
  @SignedIn()
  @ApiOperation({
    summary: "Historique d'une offre",
    description:
      'Qui, quand, de quel état à quel état, commentaire, champs modifiés. Membres de la structure et agents.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [OfferHistoryEntryDto] })
  history(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
  ): Promise<OfferHistoryEntry[]> {
    return this.offers.history(actor, tenant, id);
  }

  @Get('moderation/offers')
  @SignedIn()
  @ApiOperation({
    summary: 'File de modération',
    description: 'Agents. Filtres : état, structure, thématique, nature (`new`, `revision`, `post`). 20 par page.',
  })
  @ApiOkResponse({ type: ModerationQueueDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  queue(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: ModerationQueryDto,
  ): Promise<ModerationQueue> {
    return this.admin.queue(actor, tenant, query);
  }

  @Get('dashboard')
  @SignedIn()
  @ApiOperation({
    summary: 'Tableau de bord du département',
    description: 'Agents. Structures par état, offres par état, à modérer, à mettre à jour, carte des structures.',
  })
  @ApiOkResponse({ type: DashboardDto })
  dashboard(@CurrentTenant() tenant: Tenant, @CurrentActor() actor: Actor | null): Promise<Dashboard> {
    return this.admin.dashboard(actor, tenant);
  }

  @Get('organizations/:id/offers')
  @SignedIn()
  @ApiOperation({
    summary: "Les offres d'une structure, dans tous leurs états",
    description: 'Membres de la structure et agents.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [OrganizationOfferItemDto] })
  organizationOffers(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
  ): Promise<OrganizationOfferItem[]> {
    return this.admin.organizationOffers(actor, tenant, id);
  }
}
