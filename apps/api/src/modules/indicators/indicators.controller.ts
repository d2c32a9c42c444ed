// The indicators over HTTP; rights are decided in the service (indicators.read).
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { IndicatorsReport } from '@catalogue/contracts';
import { SignedIn } from '../../common/access/access.decorator.js';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { CurrentTenant, TenantScoped } from '../../common/tenancy/tenant-scoped.decorator.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { IndicatorsCsvQueryDto, IndicatorsQueryDto } from './indicators.dto.js';
import { IndicatorsReportDto } from './indicators-response.dto.js';
import { IndicatorsService } from './indicators.service.js';
import { MachineReadable } from '../../common/auth/api-key.js';

const FILTERS =
  'Filtres : `year` (heure de Paris, l’année en cours par défaut), `axis` et `fiche` (plan en cours), `theme` (thématique ou catégorie des offres), `territory` (EPCI ou territoire du département où vivent les personnes). Un effectif de 1 à 4 personnes, et un taux ou une médiane calculés sur moins de 5 personnes, sont masqués (`hidden`).';

@ApiTags('Indicateurs')
@Controller('tenants/:slug')
@TenantScoped()
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('indicators')
  @MachineReadable()
  @SignedIn()
  @ApiOperation({
    summary: 'Indicateurs du département : plan, inscriptions, thématiques, territoires, années',
    description: `Agents et administrateurs du département. ${FILTERS}`,
  })
  @ApiOkResponse({ type: IndicatorsReportDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Paramètre invalide, nommé dans `parameter`' })
  report(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: IndicatorsQueryDto,
  ): Promise<IndicatorsReport> {
    return this.indicators.report(actor, tenant, query);
  }

  @Get('indicators.csv')
  @MachineReadable()
  @SignedIn()
  @ApiOperation({
    summary: 'Exporter un tableau des indicateurs (CSV)',
    description: `\`table\` : plan, channels, refusals, sessions, themes, territories ou years. Séparateur \`;\`, UTF-8 avec BOM ; une valeur masquée est écrite « < 5 ». ${FILTERS}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Le fichier CSV', schema: { type: 'string' } })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Paramètre invalide, nommé dans `parameter`' })
  async csv(
    @CurrentTenant() tenant: Tenant,
    @CurrentActor() actor: Actor | null,
    @Query() query: IndicatorsCsvQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { table, ...filters } = query;
    const { filename, body } = await this.indicators.csv(actor, tenant, filters, table);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
