// The OpenAPI shape of the indicators page (each class `implements` its contract).
import { ApiProperty } from '@nestjs/swagger';
import {
  FIGURE_SOURCES,
  INDICATOR_CHANNELS,
  type Figure,
  type IndicatorChannel,
  type SessionFill,
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

export class IndicatorBreakdownRowDto implements IndicatorBreakdownRow {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: FigureDto }) registrations!: Figure;
  @ApiProperty({ type: FigureDto }) people!: Figure;
  @ApiProperty({ type: FigureDto }) accepted!: Figure;
}

export class IndicatorTerritoryRowDto extends IndicatorBreakdownRowDto implements IndicatorTerritoryRow {
  @ApiProperty({ enum: ['epci', 'territory', 'unknown'] }) kind!: IndicatorTerritoryRow['kind'];
}

class ChannelFigureDto {
  @ApiProperty({ enum: INDICATOR_CHANNELS }) channel!: IndicatorChannel;
  @ApiProperty() label!: string;
  @ApiProperty({ type: FigureDto }) registrations!: Figure;
}

class RefusalReasonFigureDto {
  @ApiProperty() reason!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: FigureDto }) registrations!: Figure;
}

class SessionFillDto implements SessionFill {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty() offerTitle!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ type: FigureDto }) accepted!: Figure;
  @ApiProperty({ type: FigureDto, description: 'Acceptés / capacité (0 à 1)' }) fillRate!: Figure;
}

class SessionsFiguresDto {
  @ApiProperty() count!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty({ type: FigureDto }) accepted!: Figure;
  @ApiProperty({ type: FigureDto }) fillRate!: Figure;
  @ApiProperty({ type: [SessionFillDto] }) items!: SessionFill[];
}

export class RegistrationIndicatorsDto implements RegistrationIndicators {
  @ApiProperty({ type: FigureDto, description: 'Inscriptions faites dans l’année (heure de Paris)' })
  registrations!: Figure;
  @ApiProperty({ type: FigureDto, description: 'Personnes distinctes derrière elles' }) people!: Figure;
  @ApiProperty({ type: [ChannelFigureDto] }) byChannel!: ChannelFigureDto[];
  @ApiProperty({ type: FigureDto }) accepted!: Figure;
  @ApiProperty({ type: FigureDto }) refused!: Figure;
  @ApiProperty({ type: FigureDto }) acceptanceRate!: Figure;
  @ApiProperty({ type: FigureDto }) refusalRate!: Figure;
  @ApiProperty({ type: [RefusalReasonFigureDto] }) refusalReasons!: RefusalReasonFigureDto[];
  @ApiProperty({ type: FigureDto }) medianHoursToDecision!: Figure;
  @ApiProperty({ type: SessionsFiguresDto, description: 'Sessions commençant dans l’année' })
  sessions!: SessionsFiguresDto;
  @ApiProperty({ type: FigureDto, description: 'En liste d’attente maintenant' }) waitlistNow!: Figure;
  @ApiProperty({ type: FigureDto }) promotions!: Figure;
  @ApiProperty({ type: FigureDto }) noShowRate!: Figure;
  @ApiProperty({ type: FigureDto }) medianDaysToFirstAttendance!: Figure;
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
  @ApiProperty({ type: RegistrationIndicatorsDto, description: 'Inscriptions de l’année' })
  registrations!: RegistrationIndicators;
  @ApiProperty({ type: [IndicatorBreakdownRowDto] }) byTheme!: IndicatorBreakdownRow[];
  @ApiProperty({ type: [IndicatorTerritoryRowDto] }) byTerritory!: IndicatorTerritoryRow[];
  @ApiProperty({ type: [IndicatorYearRowDto] }) byYear!: IndicatorYearRow[];
}
