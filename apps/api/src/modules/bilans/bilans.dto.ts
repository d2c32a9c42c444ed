// What bilans take over HTTP. Types and sizes are checked here; the rules across fields (a
// justification when a declared value differs from the computed one, the amounts' cents) by
// bilanWriteErrors, shared with the web.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BILAN_FIGURE_KEYS,
  BILAN_LIMITS,
  BILAN_STATUSES,
  type BilanBudgetLine,
  type BilanCreate,
  type BilanFigureKey,
  type BilanStatus,
  type BilanWrite,
} from '@catalogue/contracts';
import { QueryNumber } from '../../common/validation/query-transforms.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT_MAX = 1_000_000_000;

export class BilanIndicatorWriteDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'L’indicateur du plan (null : ajouté)' })
  @IsOptional()
  @IsUUID('all', { message: 'indicatorId must be a UUID' })
  indicatorId!: string | null;

  @ApiProperty({ maxLength: BILAN_LIMITS.budgetLabel })
  @IsString()
  @MaxLength(BILAN_LIMITS.budgetLabel)
  label!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'La valeur atteinte (null : inconnue)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-BILAN_LIMITS.valueMax)
  @Max(BILAN_LIMITS.valueMax)
  value!: number | null;

  @ApiPropertyOptional({ maxLength: BILAN_LIMITS.comment })
  @IsOptional()
  @IsString()
  @MaxLength(BILAN_LIMITS.comment)
  comment?: string;
}

export class BilanBudgetLineDto implements BilanBudgetLine {
  @ApiProperty({ maxLength: BILAN_LIMITS.budgetLabel, example: 'Salaires des encadrants' })
  @IsString()
  @MaxLength(BILAN_LIMITS.budgetLabel)
  label!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'Euros prévus au dossier (null : ligne ajoutée)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Max(AMOUNT_MAX)
  planned!: number | null;

  @ApiProperty({ description: 'Euros dépensés, deux décimales au plus', example: 8420.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Max(AMOUNT_MAX)
  spent!: number;
}

export class BilanPatchDto implements BilanWrite {
  @ApiProperty({ description: 'La version lue (409 `stale` si le bilan a changé depuis)' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { value: { type: 'number', nullable: true }, justification: { type: 'string', nullable: true } },
    },
    description: `Par chiffre (${BILAN_FIGURE_KEYS.slice(0, 3).join(', ')}…) : la valeur déclarée (null l’efface) et sa justification, obligatoire si elle diffère de la valeur calculée`,
  })
  @IsOptional()
  @IsObject()
  declared?: Partial<Record<BilanFigureKey, { value: number | null; justification?: string | null }>>;

  @ApiPropertyOptional({ type: [BilanIndicatorWriteDto], description: 'Remplace la liste des indicateurs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BILAN_LIMITS.indicators)
  @ValidateNested({ each: true })
  @Type(() => BilanIndicatorWriteDto)
  indicators?: BilanIndicatorWriteDto[];

  @ApiPropertyOptional({ type: [BilanBudgetLineDto], description: 'Remplace les lignes du budget réalisé' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BILAN_LIMITS.budgetLines)
  @ValidateNested({ each: true })
  @Type(() => BilanBudgetLineDto)
  budgetLines?: BilanBudgetLineDto[];

  @ApiPropertyOptional({ maxLength: BILAN_LIMITS.text, description: 'Ce qui a fonctionné' })
  @IsOptional()
  @IsString()
  @MaxLength(BILAN_LIMITS.text)
  whatWorked?: string;

  @ApiPropertyOptional({ maxLength: BILAN_LIMITS.text, description: 'Difficultés rencontrées' })
  @IsOptional()
  @IsString()
  @MaxLength(BILAN_LIMITS.text)
  difficulties?: string;

  @ApiPropertyOptional({ maxLength: BILAN_LIMITS.text, description: 'Perspectives' })
  @IsOptional()
  @IsString()
  @MaxLength(BILAN_LIMITS.text)
  outlook?: string;
}

export class BilanCreateDto implements BilanCreate {
  @ApiProperty({ format: 'uuid', description: 'Une offre du département, financée hors convention' })
  @IsUUID('all', { message: 'offerId must be a UUID' })
  offerId!: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;

  @ApiProperty({ format: 'date' })
  @IsString()
  @Matches(DATE, { message: 'periodStart must be a date (YYYY-MM-DD)' })
  periodStart!: string;

  @ApiProperty({ format: 'date' })
  @IsString()
  @Matches(DATE, { message: 'periodEnd must be a date (YYYY-MM-DD)' })
  periodEnd!: string;

  @ApiProperty({ format: 'date' })
  @IsString()
  @Matches(DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn!: string;
}

export class BilanChangesDto {
  @ApiProperty({ maxLength: BILAN_LIMITS.changesMessage, description: 'Les compléments attendus de la structure' })
  @IsString()
  @MinLength(1)
  @MaxLength(BILAN_LIMITS.changesMessage)
  message!: string;
}

export class BilanListQueryDto {
  @ApiPropertyOptional({
    enum: ['mine', 'all'],
    description: '`mine` (défaut) : les bilans des structures du lecteur ; `all` : tous, agents seulement',
  })
  @IsOptional()
  @IsIn(['mine', 'all'])
  view?: 'mine' | 'all';

  @ApiPropertyOptional({ enum: BILAN_STATUSES })
  @IsOptional()
  @IsIn(BILAN_STATUSES)
  status?: BilanStatus;

  @ApiPropertyOptional({ type: Number, example: 2027 })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'year must be a year' })
  @Min(1990)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Les bilans d’une structure' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
}
