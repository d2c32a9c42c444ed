// The execution report's shape for OpenAPI (the type itself is ExecutionReport, in the contracts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FIGURE_SOURCES,
  INDICATOR_MEASURES,
  type ExecutionReport,
  type FigureSource,
  type IndicatorMeasure,
  type ReportAxis,
  type ReportFiche,
  type ReportFunding,
  type ReportIndicator,
  type ReportSummary,
  type ReportSummaryLine,
} from '@catalogue/contracts';

export class ReportFundingDto implements ReportFunding {
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Voté (€), saisi' }) voted!: number | null;
  @ApiProperty({
    description:
      'Engagé (€) : conventions signées, en cours ou closes dont l’action couvre l’année et dont l’appel sert la fiche (partagées à parts égales entre les fiches de l’appel)',
  })
  committed!: number;
  @ApiProperty({ description: 'Versé (€) : tranches de ces conventions échues dans l’année et à ce jour' })
  paid!: number;
}

export class ReportIndicatorDto implements ReportIndicator {
  @ApiProperty({ format: 'uuid' }) indicatorId!: string;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: INDICATOR_MEASURES }) measure!: IndicatorMeasure;
  @ApiProperty({ enum: FIGURE_SOURCES }) source!: FigureSource;
  @ApiPropertyOptional({ nullable: true, type: Number }) target!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Null : inconnu, ou masqué' })
  achieved!: number | null;
  @ApiProperty({ description: 'Calculé sur 1 à 4 personnes : masqué' }) hidden!: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Réalisé / cible' }) progress!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
}

export class ReportFicheDto implements ReportFiche {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) objective!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) publicText!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) means!: string | null;
  @ApiProperty({ type: ReportFundingDto }) funding!: ReportFundingDto;
  @ApiProperty({ type: [ReportIndicatorDto] }) indicators!: ReportIndicatorDto[];
  @ApiProperty({ description: 'État d’avancement de l’année' }) progress!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) progressUpdatedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) progressUpdatedBy!: string | null;
}

export class ReportAxisDto implements ReportAxis {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [ReportFicheDto] }) fiches!: ReportFicheDto[];
}

class ReportSummaryLineDto implements ReportSummaryLine {
  @ApiProperty() label!: string;
  @ApiProperty() indicators!: number;
  @ApiProperty({ description: 'Indicateurs avec une cible et un réalisé' }) measured!: number;
  @ApiProperty({ description: 'Dont réalisé ≥ cible' }) reached!: number;
  @ApiProperty({ type: ReportFundingDto }) funding!: ReportFundingDto;
}

class ReportSummaryFicheLineDto extends ReportSummaryLineDto {
  @ApiProperty({ example: '1.2' }) number!: string;
}

class ReportSummaryAxisLineDto extends ReportSummaryLineDto {
  @ApiProperty() number!: number;
  @ApiProperty({ type: [ReportSummaryFicheLineDto] }) fiches!: ReportSummaryFicheLineDto[];
}

class ReportTenantDto {
  @ApiProperty({ example: 'drome' }) slug!: string;
  @ApiProperty({ example: 'Drôme' }) name!: string;
}

class ReportPlanDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 2026 }) periodStart!: number;
  @ApiProperty({ example: 2030 }) periodEnd!: number;
}

class ReportSummaryDto implements ReportSummary {
  @ApiProperty({ type: [ReportSummaryAxisLineDto], description: 'Par axe, avec ses fiches' })
  axes!: ReportSummaryAxisLineDto[];
  @ApiProperty({ type: ReportSummaryLineDto }) total!: ReportSummaryLineDto;
}

export class ExecutionReportDto implements ExecutionReport {
  @ApiProperty({ type: ReportTenantDto }) tenant!: ReportTenantDto;
  @ApiProperty({ type: ReportPlanDto }) plan!: ReportPlanDto;
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: ReportSummaryDto }) summary!: ReportSummaryDto;
  @ApiProperty({ type: [ReportAxisDto] }) axes!: ReportAxisDto[];
}
