// What the calls routes take: the shapes and types here (unknown fields refused, each value of its
// type, lists bounded); the rules of a call (lengths, keys, conditions, dates, publication) are the
// shared ones of contracts (callWriteErrors), applied by the service on the merged call.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CALL_LIMITS,
  CALL_STATUSES,
  QUESTION_TYPES,
  type CallDocumentRequirement,
  type CallQuestion,
  type CallStatus,
  type CallTerritory,
  type GridCriterion,
  type QuestionType,
  type RepeatField,
} from '@catalogue/contracts';

/** May be left out, but not null (only the dates take null: no date yet). */
const Optional = () => ValidateIf((_o, v: unknown) => v !== undefined);

const REPEAT_FIELD_TYPES = ['short_text', 'long_text', 'number', 'amount', 'date'] as const;
/** Generous bounds against oversized bodies; the precise limits are callWriteErrors'. */
const TEXT_MAX = CALL_LIMITS.context;

export class RepeatFieldDto implements RepeatField {
  @ApiProperty() @IsString() @MaxLength(200) key!: string;
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) label!: string;
  @ApiProperty({ enum: REPEAT_FIELD_TYPES }) @IsIn(REPEAT_FIELD_TYPES) type!: RepeatField['type'];
  @ApiProperty() @IsBoolean() required!: boolean;
}

export class ShowIfDto {
  @ApiProperty({ description: 'La clé d’une question oui/non placée avant' }) @IsString() @MaxLength(200) key!: string;
  @ApiProperty() @IsBoolean() equals!: boolean;
}

export class QuestionDto implements CallQuestion {
  @ApiProperty({ example: 'budget', description: '`[a-z0-9_]{1,64}`, unique dans l’appel' })
  @IsString()
  @MaxLength(200)
  key!: string;

  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) label!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) @IsIn(QUESTION_TYPES) type!: QuestionType;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(TEXT_MAX) help?: string;

  @ApiPropertyOptional({ type: [String], description: '`choice` et `multi_choice`' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(CALL_LIMITS.options)
  @IsString({ each: true })
  @MaxLength(TEXT_MAX, { each: true })
  options?: string[];

  @ApiPropertyOptional({ type: [RepeatFieldDto], description: '`repeat` : les colonnes de chaque ligne' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(CALL_LIMITS.repeatFields)
  @ValidateNested({ each: true })
  @Type(() => RepeatFieldDto)
  fields?: RepeatFieldDto[];

  @ApiPropertyOptional({ type: ShowIfDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShowIfDto)
  showIf?: ShowIfDto;
}

export class DocumentRequirementDto implements CallDocumentRequirement {
  @ApiProperty() @IsString() @MaxLength(200) key!: string;
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) label!: string;
  @ApiProperty() @IsBoolean() required!: boolean;
}

export class GridCriterionDto implements GridCriterion {
  @ApiProperty() @IsString() @MaxLength(200) key!: string;
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) label!: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(TEXT_MAX) help?: string;
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsNumber() @Max(100) weight!: number;
  @ApiProperty({ minimum: 1, maximum: 20 }) @IsNumber() @Max(20) scale!: number;
  @ApiPropertyOptional() @Optional() @IsBoolean() eliminatory?: boolean;
}

export class TerritoryDto implements CallTerritory {
  @ApiProperty({ enum: ['department', 'epci', 'communes'] })
  @IsIn(['department', 'epci', 'communes'])
  kind!: CallTerritory['kind'];

  @ApiProperty({ type: [String], description: 'SIREN d’EPCI ou codes INSEE de communes du département' })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  codes!: string[];
}

/** Every field of a call, each optional (a draft may be incomplete; a PATCH sends what changes). */
export class CallFieldsDto {
  @ApiPropertyOptional({ maxLength: CALL_LIMITS.title }) @Optional() @IsString() @MaxLength(TEXT_MAX) title?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(TEXT_MAX + 1) context?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Fiches action du plan' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  fiches?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Types de structures (référentiel `organizationKinds`)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  eligibleKinds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Publics (référentiel `audiences`)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  eligiblePublics?: string[];

  @ApiPropertyOptional({ type: TerritoryDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => TerritoryDto)
  territory?: TerritoryDto;

  @ApiPropertyOptional({ description: 'Euros, 2 décimales au plus' })
  @Optional()
  @IsNumber()
  @Max(CALL_LIMITS.envelopeMax)
  envelope?: number;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  opensAt?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  closesAt?: string | null;

  @ApiPropertyOptional({ type: [QuestionDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(CALL_LIMITS.questions)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];

  @ApiPropertyOptional({ type: [DocumentRequirementDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(CALL_LIMITS.documents)
  @ValidateNested({ each: true })
  @Type(() => DocumentRequirementDto)
  documents?: DocumentRequirementDto[];

  @ApiPropertyOptional({ type: [GridCriterionDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(CALL_LIMITS.criteria)
  @ValidateNested({ each: true })
  @Type(() => GridCriterionDto)
  grid?: GridCriterionDto[];
}

/** A new draft: the title is required (callWriteErrors says so), the rest takes defaults. */
export class CallCreateDto extends CallFieldsDto {}

export class CallPatchDto extends CallFieldsDto {
  @ApiProperty({ description: 'La version lue (409 `stale` si l’appel a changé depuis)' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class WithdrawDto {
  @ApiProperty({ minLength: 3, maxLength: CALL_LIMITS.reason })
  @IsString()
  @MinLength(3)
  @MaxLength(CALL_LIMITS.reason)
  reason!: string;
}

export class ResultsDto {
  @ApiProperty({ maxLength: CALL_LIMITS.results, description: 'Le texte des résultats, publié sur la page de l’appel' })
  @IsString()
  @MinLength(3)
  @MaxLength(CALL_LIMITS.results)
  results!: string;
}

export class InstructorsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  userIds!: string[];
}

export class CallListQueryDto {
  @ApiPropertyOptional({ enum: CALL_STATUSES, description: 'Agents : filtrer par état' })
  @Optional()
  @IsIn(CALL_STATUSES)
  status?: CallStatus;
}
