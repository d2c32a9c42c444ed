// What applications take over HTTP. The answers' rules are the call's own (funding-rules.ts in the
// contracts, applied by the service with the call's questions); here the shapes and bounds.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CALL_DECISIONS, CALL_LIMITS, type AnswerValue, type CallDecision } from '@catalogue/contracts';

const EUROS = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 } as const;

export class StartApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'La structure (validée) qui dépose le dossier' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId!: string;
}

export class ApplicationListQueryDto {
  @ApiProperty({ format: 'uuid', description: 'Les dossiers de cette structure (ses membres)' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId!: string;
}

export class SaveApplicationDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Réponses par clé de question (`{ "budget": [{ "label": "Salaires", "amount": 12000 }] }`). Les réponses aux questions masquées par une condition sont ignorées. Remplace les réponses enregistrées.',
  })
  @IsOptional()
  @IsObject({ message: 'answers must be an object' })
  answers?: Record<string, AnswerValue>;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 0,
    maximum: CALL_LIMITS.envelopeMax,
    description: 'Euros, 2 décimales au plus',
  })
  @IsOptional()
  @IsNumber(EUROS, { message: 'amountRequested must be an amount in euros (2 decimals at most)' })
  @Min(0)
  @Max(CALL_LIMITS.envelopeMax)
  amountRequested?: number | null;

  @ApiPropertyOptional({ description: 'La version lue : 409 `stale` si le dossier a changé depuis' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  version?: number;
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({ maxLength: CALL_LIMITS.reason })
  @IsOptional()
  @IsString()
  @MaxLength(CALL_LIMITS.reason)
  reason?: string;
}

export class CompletionRequestDto {
  @ApiProperty({ minLength: 3, maxLength: 5000, description: 'Ce qui manque, tel que la structure le lira' })
  @IsString()
  @MaxLength(5000)
  message!: string;

  @ApiProperty({ format: 'date-time', description: 'Date limite du complément (à venir)' })
  @IsISO8601({ strict: true }, { message: 'dueAt must be a date-time (ISO 8601)' })
  dueAt!: string;
}

export class ScoreDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Une note entière de 0 au barème, pour chaque critère de la grille',
  })
  @IsObject({ message: 'scores must be an object' })
  scores!: Record<string, number>;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiProperty({ enum: [true], description: '« Je déclare n’avoir aucun conflit d’intérêts avec cette structure »' })
  @IsIn([true], {
    message:
      'noConflictOfInterest : déclarez n’avoir aucun conflit d’intérêts avec cette structure ; sinon, ne l’évaluez pas',
  })
  noConflictOfInterest!: true;
}

export class DecisionDto {
  @ApiProperty({ enum: CALL_DECISIONS })
  @IsIn(CALL_DECISIONS)
  decision!: CallDecision;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: CALL_LIMITS.envelopeMax,
    description: 'Euros, retenu seulement : 0 < montant ≤ demandé',
  })
  @IsOptional()
  @IsNumber(EUROS, { message: 'amountGranted must be an amount in euros (2 decimals at most)' })
  @Min(0)
  @Max(CALL_LIMITS.envelopeMax)
  amountGranted?: number;

  @ApiPropertyOptional({
    maxLength: 5000,
    description: 'Les motifs (obligatoires pour un refus, 3 caractères au moins)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reasons?: string;
}
