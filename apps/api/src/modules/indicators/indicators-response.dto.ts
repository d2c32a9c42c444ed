// The OpenAPI shape of the indicators page (each class `implements` its contract).
import { ApiProperty } from '@nestjs/swagger';
import {
  FIGURE_SOURCES,
  type Figure,
  type FigureSource,
  type IndicatorBreakdownRow,
  type IndicatorFilters,
  type IndicatorsReport,
  type IndicatorTerritoryRow,
  type IndicatorYearRow,
  type PlanIndicatorFigure,
  type RegistrationIndicators,
} from '@catalogue/contracts';

export class FigureDto implements Figure {
  @ApiProperty({ nullable: true, type: Number, description: 'Null : masqué (moins de 5 personnes) ou inconnu' })
  value!: number | null;
  @ApiProperty({ description: 'Masqué par la règle des petits effectifs (1 à 4 personnes)' }) hidden!: boolean;
  @ApiProperty({ enum: FIGURE_SOURCES }) source!: FigureSource;
}

export class IndicatorFiltersDto implements IndicatorFilters {
  @ApiProperty() year!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) axis!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) fiche!: string | null;
  @ApiProperty({ nullable: true, type: String }) theme!: string | null;
  @ApiProperty({ nullable: true, type: String }) territory!: string | null;
}

export class PlanIndicatorFigureDto implements PlanIndicatorFigure {
  @ApiProperty({ format: 'uuid' }) indicatorId!: string;
  @ApiProperty({ format: 'uuid' }) axisId!: string;
  @ApiProperty() axisNumber!: number;
  @ApiProperty() axisTitle!: string;
  @ApiProperty({ format: 'uuid' }) ficheId!: string;
  @ApiProperty() ficheNumber!: string;
  @ApiProperty() ficheTitle!: string;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: ['manual', 'registrations', 'bilans'] }) measure!: PlanIndicatorFigure['measure'];
  @ApiProperty({ enum: FIGURE_SOURCES }) source!: FigureSource;
  @ApiProperty({ nullable: true, type: Number }) target!: number | null;
  @ApiProperty({ nullable: true, type: Number }) achieved!: number | null;
  @ApiProperty() hidden!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Réalisé / cible' }) progress!: number | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class IndicatorBreakdownRowDto implements IndicatorTerritoryRow, IndicatorBreakdownRow {
  @ApiProperty({ enum: ['epci', 'territory', 'unknown'], description: 'Territoires seulement' })
  kind!: IndicatorTerritoryRow['kind'];
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: FigureDto }) registrations!: Figure;
  @ApiProperty({ type: FigureDto }) people!: Figure;
  @ApiProperty({ type: FigureDto }) accepted!: Figure;
}

export class IndicatorYearRowDto implements IndicatorYearRow {
  @ApiProperty() year!: number;
  @ApiProperty({ type: FigureDto }) registrations!: Figure;
  @ApiProperty({ type: FigureDto }) people!: Figure;
  @ApiProperty({ type: FigureDto }) accepted!: Figure;
}

export class IndicatorsReportDto implements IndicatorsReport {
  @ApiProperty({ type: IndicatorFiltersDto }) filters!: IndicatorFilters;
  @ApiProperty({ type: [Number] }) years!: number[];
  @ApiProperty({ type: [PlanIndicatorFigureDto] }) plan!: PlanIndicatorFigure[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Inscriptions de l’année : `registrations`, `people`, `byChannel`, `accepted`, `refused`, `acceptanceRate`, `refusalRate`, `refusalReasons`, `medianHoursToDecision`, `sessions` (`count`, `capacity`, `accepted`, `fillRate`, `items`), `waitlistNow`, `promotions`, `noShowRate`, `medianDaysToFirstAttendance` ; chaque valeur est un `Figure`',
  })
  registrations!: RegistrationIndicators;
  @ApiProperty({ type: [IndicatorBreakdownRowDto] }) byTheme!: IndicatorBreakdownRow[];
  @ApiProperty({ type: [IndicatorBreakdownRowDto] }) byTerritory!: IndicatorTerritoryRow[];
  @ApiProperty({ type: [IndicatorYearRowDto] }) byYear!: IndicatorYearRow[];
}
