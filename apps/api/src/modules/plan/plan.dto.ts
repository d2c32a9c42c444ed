// What PUT …/plan takes: the whole plan, validated for shape and limits here (PLAN_LIMITS); the
// rules across fields (unique numbers, target years within the period) are planWriteErrors, in
// the contracts, which the web's editor applies too.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  FICHE_NUMBER_PATTERN,
  INDICATOR_MEASURES,
  PLAN_LIMITS,
  PLAN_PERIOD_MAX_YEARS,
  TARGET_YEAR_PATTERN,
  type IndicatorMeasure,
  type PlanWrite,
} from '@catalogue/contracts';

type AxisWrite = PlanWrite['axes'][number];
type FicheWrite = AxisWrite['fiches'][number];
type IndicatorWrite = FicheWrite['indicators'][number];

const Id = () => (target: object, key: string) => {
  ApiPropertyOptional({ format: 'uuid', description: 'Absent pour un nouvel élément ; renvoyé pour le garder' })(
    target,
    key,
  );
  IsOptional()(target, key);
  IsUUID('all', { message: `${key} must be a UUID` })(target, key);
};
const NotBlank = (field: string) => Matches(/\S/, { message: `${field} must not be blank` });

/** `{ "2019": 70 }`: four-digit years to numbers, a few at most (their range is planWriteErrors'). */
const IsTargets = () =>
  ValidateBy({
    name: 'isTargets',
    validator: {
      validate: (v: unknown) =>
        v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        Object.keys(v).length <= PLAN_PERIOD_MAX_YEARS &&
        Object.entries(v).every(([k, n]) => TARGET_YEAR_PATTERN.test(k) && typeof n === 'number' && Number.isFinite(n)),
      defaultMessage: () => 'targets must map four-digit years to numbers',
    },
  });

export class PlanIndicatorWriteDto implements IndicatorWrite {
  @Id() id?: string;

  @ApiProperty({ maxLength: PLAN_LIMITS.indicatorLabel })
  @IsString()
  @NotBlank('label')
  @MaxLength(PLAN_LIMITS.indicatorLabel)
  label!: string;

  @ApiProperty({ maxLength: PLAN_LIMITS.unit, example: 'personnes' })
  @IsString()
  @NotBlank('unit')
  @MaxLength(PLAN_LIMITS.unit)
  unit!: string;

  @ApiProperty({ enum: INDICATOR_MEASURES })
  @IsIn(INDICATOR_MEASURES, { message: `measure must be one of ${INDICATOR_MEASURES.join(', ')}` })
  measure!: IndicatorMeasure;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { '2019': 70 } })
  @IsTargets()
  targets!: Record<string, number>;
}

export class PlanFicheWriteDto implements FicheWrite {
  @Id() id?: string;

  @ApiProperty({ example: '7', pattern: FICHE_NUMBER_PATTERN.source })
  @IsString()
  @Matches(FICHE_NUMBER_PATTERN, { message: 'number must read like 7 or 1.2' })
  number!: string;

  @ApiProperty({ maxLength: PLAN_LIMITS.title })
  @IsString()
  @NotBlank('title')
  @MaxLength(PLAN_LIMITS.title)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: PLAN_LIMITS.objective })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_LIMITS.objective)
  objective?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: PLAN_LIMITS.ficheDescription })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_LIMITS.ficheDescription)
  description?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: PLAN_LIMITS.publicText,
    description: 'Public visé ; absent : inchangé',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_LIMITS.publicText)
  publicText?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: PLAN_LIMITS.means,
    description: 'Moyens et partenaires ; absent : inchangé',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_LIMITS.means)
  means?: string | null;

  @ApiProperty({ type: [PlanIndicatorWriteDto] })
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.indicatorsPerFiche)
  @ValidateNested({ each: true })
  @Type(() => PlanIndicatorWriteDto)
  indicators!: PlanIndicatorWriteDto[];
}

export class PlanAxisWriteDto implements AxisWrite {
  @Id() id?: string;

  @ApiProperty({ minimum: 1, maximum: 99, example: 1 })
  @IsInt()
  @Min(1)
  @Max(99)
  number!: number;

  @ApiProperty({ maxLength: PLAN_LIMITS.title })
  @IsString()
  @NotBlank('title')
  @MaxLength(PLAN_LIMITS.title)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: PLAN_LIMITS.axisDescription })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_LIMITS.axisDescription)
  description?: string | null;

  @ApiProperty({ type: [PlanFicheWriteDto] })
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.fichesPerAxis)
  @ValidateNested({ each: true })
  @Type(() => PlanFicheWriteDto)
  fiches!: PlanFicheWriteDto[];
}

export class PlanWriteDto implements PlanWrite {
  @ApiProperty({ maxLength: PLAN_LIMITS.name })
  @IsString()
  @NotBlank('name')
  @IsNotEmpty()
  @MaxLength(PLAN_LIMITS.name)
  name!: string;

  @ApiProperty({ minimum: 1990, maximum: 2100, example: 2019 })
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodStart!: number;

  @ApiProperty({ minimum: 1990, maximum: 2100, example: 2022 })
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodEnd!: number;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: PLAN_LIMITS.source })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_LIMITS.source)
  source?: string | null;

  @ApiProperty({ type: [PlanAxisWriteDto] })
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.axes)
  @ValidateNested({ each: true })
  @Type(() => PlanAxisWriteDto)
  axes!: PlanAxisWriteDto[];

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Le `updatedAt` du plan lu : 409 `stale` s’il a changé depuis',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expectedUpdatedAt must be an ISO 8601 date-time' })
  expectedUpdatedAt?: string | null;
}
