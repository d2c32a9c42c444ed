// The instruction over HTTP: a call's applications, completion requests, scores, the ranking and
// the decisions. Rights are decided in the services by the policy; here only HTTP and OpenAPI.
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Application, Ranking } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { CompletionRequestDto, DecisionDto, ScoreDto } from './applications.dto.js';
import { ApplicationDto, ApplicationListDto, RankingDto } from './applications-response.dto.js';
import { ApplicationsService } from './applications.service.js';
import { DecisionService } from './decision.service.js';
import { InstructionService } from './instruction.service.js';

const ID = { name: 'id', format: 'uuid' } as const;

@ApiTags('Instruction des dossiers')
@Controller('tenants/:slug')
@TenantScoped()
export class InstructionController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly instruction: InstructionService,
    private readonly decisions: DecisionService,
  ) {}

  @Get('calls/:id/applications')
  @SignedIn()
  @ApiOperation({
    summary: 'Les dossiers d’un appel à projets',
    description: 'Les instructeurs de l’appel et les administrateurs ; un autre agent : 403.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ApplicationListDto })
  async list(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') callId: string,
  ): Promise<ApplicationListDto> {
    return { items: await this.applications.listOfCall(actor, tenant, callId) };
  }

  @Post('applications/:id/completion-request')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Demander un complément',
    description:
      'Les instructeurs de l’appel et les administrateurs, pour un dossier déposé : ce qui manque (`message`) et la date limite (`dueAt`, à venir). Le dossier revient à la structure, prévenue par e-mail ; la demande est journalisée.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition`' })
  completion(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: CompletionRequestDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Application> {
    return this.instruction.requestCompletion(actor, tenant, id, body, meta);
  }

  @Post('applications/:id/scores')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Noter un dossier',
    description:
      'Les instructeurs de l’appel seulement, chacun sa note : chaque critère de la grille, un entier de 0 au barème (400 nommant `scores.<critère>`), un commentaire, et la déclaration d’absence de conflit d’intérêts (`noConflictOfInterest: true`). Le total pondéré est calculé ; un critère éliminatoire à 0 rend le dossier inéligible.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: '`invalid_transition`' })
  score(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: ScoreDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Application> {
    return this.instruction.score(actor, tenant, id, body, meta);
  }

  @Get('calls/:id/ranking')
  @SignedIn()
  @ApiOperation({
    summary: 'Le classement des dossiers',
    description:
      'Les instructeurs de l’appel et les administrateurs : les dossiers déposés et décidés, par note moyenne (éligibles d’abord, à égalité le premier déposé), l’enveloppe et la somme accordée.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: RankingDto })
  ranking(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') callId: string,
  ): Promise<Ranking> {
    return this.instruction.ranking(actor, tenant, callId);
  }

  @Post('applications/:id/decision')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Décider d’un dossier',
    description:
      'Les instructeurs de l’appel et les administrateurs, une fois l’appel clos, une fois par dossier. Retenu : 0 < `amountGranted` ≤ montant demandé, dans la limite de l’enveloppe (409 `envelope_exceeded` avec `left`) ; la convention est préparée (`agreementId`). Non retenu : `reasons`. Le courrier de décision (PDF) est envoyé à la structure.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: '`call_not_closed`, `envelope_exceeded` (avec `left`), `invalid_transition` (déjà décidé)',
  })
  decide(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @UuidParam('id') id: string,
    @Body() body: DecisionDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<Application> {
    return this.decisions.decide(actor, tenant, id, body, meta);
  }
}
