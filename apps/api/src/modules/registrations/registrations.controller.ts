// Registrations over HTTP: beneficiaries register, referents prescribe, structures decide, agents
// count. Rights are decided in the service by the policy; here only HTTP and OpenAPI.
import { applyDecorators, Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type {
  RegistrationCreated,
  RegistrationDetail,
  RegistrationItem,
  RegistrationNotificationSettings,
  RegistrationPage,
  RegistrationStats,
} from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  AttendanceDto,
  CancelDto,
  CapacityDto,
  NotificationSettingsDto,
  OutcomeDto,
  RefuseDto,
  RegistrationListQueryDto,
  RegistrationRequestDto,
} from './registrations.dto.js';
import {
  CapacityChangedDto,
  RegistrationCreatedDto,
  RegistrationDetailDto,
  RegistrationItemDto,
  RegistrationNotificationSettingsDto,
  RegistrationPageDto,
  RegistrationStatsDto,
} from './registrations-response.dto.js';
import { RegistrationsService } from './registrations.service.js';
import { MachineReadable } from '../../common/auth/api-key.js';

const Decision = (summary: string, description: string) =>
  applyDecorators(
    HttpCode(200),
    SignedIn(),
    ApiOperation({ summary, description }),
    ApiParam({ name: 'id', format: 'uuid' }),
    ApiOkResponse({ type: RegistrationItemDto }),
    ApiBadRequestResponse({ type: ErrorResponseDto }),
    ApiConflictResponse({ type: ErrorResponseDto, description: 'Impossible depuis cet état (`invalid_transition`)' }),
  );

@ApiTags('Inscriptions')
@Controller('tenants/:slug')
@TenantScoped()
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('offers/:offerId/registrations')
  @SignedIn()
  @ApiOperation({
    summary: 'S’inscrire à une offre, ou y inscrire une personne',
    description:
      'Une personne connectée sans rôle professionnel s’inscrit elle-même (sans `person`), sauf à une offre sur prescription. Un référent (membre d’une structure prescriptrice validée, ou agent) inscrit une personne (`person`) avec son consentement (`consent`, sinon 400 nommant `consent`). Avec l’attribution automatique, une place libre est prise aussitôt, sinon la liste d’attente ; après examen, la demande attend la structure. Capacité exacte quelle que soit la concurrence.',
  })
  @ApiParam({ name: 'offerId', format: 'uuid' })
  @ApiCreatedResponse({ type: RegistrationCreatedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Champ invalide, nommé dans `parameter`' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      '`already_registered` (avec `existing` : l’inscription en cours), `no_upcoming_session`, `invalid_transition` (session commencée)',
  })
  create(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('offerId') offerId: string,
    @Body() body: RegistrationRequestDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationCreated> {
    return this.registrations.create(actor, tenant, offerId, body, meta);
  }

  @Get('registrations')
  @SignedIn()
  @ApiOperation({
    summary: 'Lister des inscriptions',
    description:
      '`mine` : les siennes ; `prescribed` : celles qu’on a prescrites ; `inbox` : celles des offres de ses structures (en attente d’abord, puis par session). Consultation tracée dans le journal.',
  })
  @ApiOkResponse({ type: RegistrationPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  list(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: RegistrationListQueryDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationPage> {
    return this.registrations.list(actor, tenant, query, meta);
  }

  // Before `registrations/:id`: "stats" is no id.
  @Get('registrations/stats')
  @MachineReadable()
  @SignedIn()
  @ApiOperation({
    summary: 'Chiffres des inscriptions du département',
    description: 'Agents : comptes agrégés seulement (aucune personne).',
  })
  @ApiOkResponse({ type: RegistrationStatsDto })
  stats(@CurrentTenant() tenant: Tenant, @CurrentActor() actor: Actor | null): Promise<RegistrationStats> {
    return this.registrations.stats(actor, tenant);
  }

  @Get('registrations/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Une inscription et son historique',
    description: 'La personne, son référent, la structure. Consultation tracée dans le journal.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RegistrationDetailDto })
  get(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationDetail> {
    return this.registrations.get(actor, tenant, id, meta);
  }

  @Post('registrations/:id/accept')
  @Decision(
    'Accepter une demande',
    'La structure. Prend une place libre ; sans place, met la demande en liste d’attente et le dit.',
  )
  accept(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationItem> {
    return this.registrations.act(actor, tenant, id, { kind: 'accept' }, meta);
  }

  @Post('registrations/:id/waitlist')
  @Decision('Mettre une demande en liste d’attente', 'La structure.')
  waitlist(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationItem> {
    return this.registrations.act(actor, tenant, id, { kind: 'waitlist' }, meta);
  }

  @Post('registrations/:id/refuse')
  @Decision('Refuser une demande', 'La structure, avec un motif (message obligatoire pour « autre »).')
  refuse(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: RefuseDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationItem> {
    return this.registrations.act(actor, tenant, id, { kind: 'refuse', ...body }, meta);
  }

  @Post('registrations/:id/cancel')
  @Decision(
    'Annuler une inscription',
    'La personne, son référent ou la structure (motif obligatoire pour la structure). Après le délai d’annulation de l’offre, notée comme absence excusée. La place libérée revient au premier de la liste d’attente.',
  )
  cancel(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: CancelDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationItem> {
    return this.registrations.act(actor, tenant, id, { kind: 'cancel', reason: body.reason }, meta);
  }

  @Post('registrations/:id/attendance')
  @Decision('Noter la présence', 'La structure, une fois la session commencée : présent, absent ou excusé.')
  attendance(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: AttendanceDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationItem> {
    return this.registrations.act(actor, tenant, id, { kind: 'attendance', ...body }, meta);
  }

  @Post('registrations/:id/outcome')
  @Decision('Noter la fin du parcours', 'La structure, après la présence : terminé ou abandon, avec la suite.')
  outcome(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: OutcomeDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<RegistrationItem> {
    return this.registrations.act(actor, tenant, id, { kind: 'outcome', ...body }, meta);
  }

  @Post('offers/:offerId/sessions/:sessionId/capacity')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Changer la capacité d’une session',
    description:
      'La structure. L’augmenter accepte la liste d’attente dans l’ordre ; jamais en dessous des personnes acceptées (409).',
  })
  @ApiParam({ name: 'offerId', format: 'uuid' })
  @ApiParam({ name: 'sessionId', format: 'uuid' })
  @ApiOkResponse({ type: CapacityChangedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`capacity_below_booked`' })
  capacity(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('offerId') offerId: string,
    @UuidParam('sessionId') sessionId: string,
    @Body() body: CapacityDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<CapacityChangedDto> {
    return this.registrations.setCapacity(actor, tenant, offerId, sessionId, body.capacity, meta);
  }

  @Get('organizations/:id/registration-notifications')
  @SignedIn()
  @ApiOperation({ summary: 'Mes e-mails d’inscriptions pour cette structure', description: 'Membres de la structure.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RegistrationNotificationSettingsDto })
  notifications(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
  ): Promise<RegistrationNotificationSettings> {
    return this.registrations.notificationSettings(actor, tenant, id);
  }

  @Put('organizations/:id/registration-notifications')
  @SignedIn()
  @ApiOperation({ summary: 'Choisir mes e-mails d’inscriptions pour cette structure' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RegistrationNotificationSettingsDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  setNotifications(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: NotificationSettingsDto,
  ): Promise<RegistrationNotificationSettings> {
    return this.registrations.setNotificationSettings(actor, tenant, id, body);
  }
}
