// The execution report over HTTP. Rights are decided in the service by the policy; here only HTTP
// and OpenAPI.
import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { ExecutionReport, ReportFiche } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, RequestMeta, type RequestMetaValue } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { sendDocument } from '../../common/storage/documents.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { ReportFicheWriteDto, ReportQueryDto, YearParam } from './reports.dto.js';
import { ExecutionReportDto, ReportFicheDto } from './reports-response.dto.js';
import { ReportsService } from './reports.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('Rapport d’exécution')
@Controller('tenants/:slug/reports')
@TenantScoped()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('execution')
  @SignedIn()
  @ApiOperation({
    summary: 'Le rapport d’exécution du plan pour une année',
    description:
      'Agents et administrateurs du département. Par axe et fiche : description, objectif, public visé, moyens et partenaires, financement (voté, engagé, versé), indicateurs (cible, réalisé, avancement, source), état d’avancement ; une synthèse en tête.',
  })
  @ApiOkResponse({ type: ExecutionReportDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Pas de plan' })
  report(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: ReportQueryDto,
  ): Promise<ExecutionReport> {
    return this.reports.report(actor, tenant, query.year);
  }

  @Get('execution.pdf')
  @SignedIn()
  @ApiOperation({ summary: 'Le rapport d’exécution en PDF', description: 'Les mêmes chiffres que le JSON.' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Le PDF, en pièce jointe (rapport-execution-<département>-<année>.pdf)' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async pdf(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: ReportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { fileName, data } = await this.reports.pdf(actor, tenant, query.year);
    sendDocument(res, { fileName, mediaType: 'application/pdf', data });
  }

  @Get('execution.xlsx')
  @SignedIn()
  @ApiOperation({
    summary: 'Le rapport d’exécution en tableur (XLSX)',
    description:
      'Feuilles « Synthèse », « Axe N » (fiches et indicateurs) et « Indicateurs » (une ligne par indicateur).',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Le classeur, en pièce jointe (rapport-execution-<département>-<année>.xlsx)' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async xlsx(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: ReportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { fileName, data } = await this.reports.xlsx(actor, tenant, query.year);
    sendDocument(res, { fileName, mediaType: XLSX, data });
  }

  @Put('execution/:year/fiches/:ficheId')
  @SignedIn()
  @ApiOperation({
    summary: 'Écrire l’état d’avancement d’une fiche pour une année',
    description:
      'Agents et administrateurs : texte d’avancement, montant voté (€), valeurs saisies des indicateurs « saisis » (null efface). Les champs absents ne changent pas. Fiche et indicateurs du plan en vigueur, sinon 404.',
  })
  @ApiParam({ name: 'year', example: 2026 })
  @ApiParam({ name: 'ficheId', format: 'uuid' })
  @ApiOkResponse({ type: ReportFicheDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Champ invalide, nommé dans `parameter`' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  writeFiche(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @YearParam() year: number,
    @UuidParam('ficheId') ficheId: string,
    @Body() body: ReportFicheWriteDto,
    @RequestMeta() meta: RequestMetaValue,
  ): Promise<ReportFiche> {
    return this.reports.writeFiche(actor, tenant, year, ficheId, body, meta);
  }
}
