// What agreements take and answer over HTTP. Types and sizes are checked here; the rules across
// fields (the schedule's sum, the period, the bilans) by agreementTermsErrors, shared with the web.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AGREEMENT_LIMITS,
  AGREEMENT_STATUSES,
  CALL_LIMITS,
  type Agreement,
  type AgreementEvent,
  type AgreementIndicator,
  type AgreementListItem,
  type AgreementStatus,
  type AgreementWrite,
  type FicheRef,
  type PaymentTranche,
} from '@catalogue/contracts';
import { FicheRefDto } from '../plan/plan-response.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PaymentTrancheDto implements PaymentTranche {
  @ApiProperty({ maxLength: AGREEMENT_LIMITS.trancheLabel, example: 'Avance à la signature (70 %)' })
  @IsString()
  @MaxLength(AGREEMENT_LIMITS.trancheLabel)
  label!: string;

  @ApiProperty({ description: 'Euros, deux décimales au plus', example: 8750 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Max(CALL_LIMITS.envelopeMax)
  amount!: number;

  @ApiProperty({ format: 'date', example: '2027-01-01' })
  @IsString()
  @Matches(DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn!: string;
}

export class AgreementPatchDto implements AgreementWrite {
  @ApiPropertyOptional({ maxLength: AGREEMENT_LIMITS.title })
  @IsOptional()
  @IsString()
  @MaxLength(AGREEMENT_LIMITS.title)
  title?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'startsOn must be a date (YYYY-MM-DD)' })
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'endsOn must be a date (YYYY-MM-DD)' })
  endsOn?: string;

  @ApiPropertyOptional({
    type: [PaymentTrancheDto],
    description: 'Au moins une échéance ; leur somme égale exactement le montant de la convention',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AGREEMENT_LIMITS.tranches)
  @ValidateNested({ each: true })
  @Type(() => PaymentTrancheDto)
  paymentSchedule?: PaymentTrancheDto[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'number', nullable: true },
    description: 'Les cibles des indicateurs, dans leur ordre (null : sans cible)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  indicatorTargets?: (number | null)[];

  @ApiPropertyOptional({ type: [String], format: 'date', description: 'Pendant ou après la période' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AGREEMENT_LIMITS.bilanDueDates)
  @IsString({ each: true })
  @Matches(DATE, { each: true, message: 'bilanDueDates must hold dates (YYYY-MM-DD)' })
  bilanDueDates?: string[];

  @ApiProperty({ description: 'La version lue (409 `stale` si la convention a changé depuis)' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class AgreementListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Agents : les conventions d’un appel à projets' })
  @IsOptional()
  @IsUUID('all', { message: 'callId must be a UUID' })
  callId?: string;

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Membres : les conventions de leur structure' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
}

// ---- Answers (OpenAPI) ----------------------------------------------------------------------

export class AgreementListItemDto implements AgreementListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() callTitle!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status!: AgreementStatus;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Euros' }) amount!: number;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) offerId!: string | null;
}

export class AgreementListDto {
  @ApiProperty({ type: [AgreementListItemDto] }) items!: AgreementListItemDto[];
}

class AgreementIndicatorDto implements AgreementIndicator {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) indicatorId!: string | null;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ nullable: true, type: Number }) target!: number | null;
}

class AgreementEventDto implements AgreementEvent {
  @ApiProperty({ enum: AGREEMENT_STATUSES, nullable: true }) fromStatus!: AgreementStatus | null;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) toStatus!: AgreementStatus;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class AgreementRightsDto {
  @ApiProperty() edit!: boolean;
  @ApiProperty() send!: boolean;
  @ApiProperty() sign!: boolean;
  @ApiProperty() close!: boolean;
}

export class AgreementDto implements Agreement {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() callTitle!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ nullable: true, type: String }) organizationSiret!: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationAddress!: string | null;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status!: AgreementStatus;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Euros' }) amount!: number;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ type: [PaymentTrancheDto] }) paymentSchedule!: PaymentTranche[];
  @ApiProperty({ type: [AgreementIndicatorDto] }) indicators!: AgreementIndicator[];
  @ApiProperty({ type: [String], format: 'date' }) bilanDueDates!: string[];
  @ApiProperty({ type: [FicheRefDto] }) fiches!: FicheRef[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) signedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) signedFileName!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'L’offre brouillon créée à la signature' })
  offerId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [AgreementEventDto] }) events!: AgreementEvent[];
  @ApiProperty({ type: AgreementRightsDto }) can!: AgreementRightsDto;
}
