// What registrations take and give over HTTP (validated with the shared limits and codes).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
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
  AGE_BANDS,
  ATTENDANCE_VALUES,
  CONSENT_METHODS,
  INPUT_LIMITS,
  LIMITS,
  PERSON_SITUATIONS,
  REFUSAL_REASONS,
  REGISTRATION_OUTCOMES,
  REGISTRATION_STATUSES,
  SEXES,
  type AgeBand,
  type AttendanceValue,
  type ConsentInput,
  type ConsentMethod,
  type PersonInput,
  type PersonSituation,
  type RefusalReason,
  type RegistrationOutcome,
  type RegistrationRequest,
  type RegistrationStatus,
  type Sex,
} from '@catalogue/contracts';
import { IsEmailAddress, IsPhoneNumber } from '../../common/validation/contact-fields.js';
import { CommaList, QueryNumber } from '../../common/validation/query-transforms.js';

const L = LIMITS.registration;

export class PersonDto implements PersonInput {
  @ApiProperty({ maxLength: L.firstName, example: 'Camille' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'firstName must not be blank' })
  @MaxLength(L.firstName)
  firstName!: string;

  @ApiProperty({ maxLength: L.lastName, example: 'Martin' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'lastName must not be blank' })
  @MaxLength(L.lastName)
  lastName!: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'E-mail ou mobile : au moins l’un des deux' })
  @IsOptional()
  @IsString()
  @IsEmailAddress()
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '06 12 34 56 78' })
  @IsOptional()
  @IsString()
  @IsPhoneNumber()
  phone?: string | null;

  @ApiProperty({ description: 'Code INSEE d’une commune du département', example: '26362' })
  @IsString()
  @Matches(/^[0-9][0-9AB][0-9]{3}$/, { message: 'communeInsee must be an INSEE code' })
  communeInsee!: string;

  @ApiProperty({ enum: PERSON_SITUATIONS, description: 'Pour les statistiques du département seulement' })
  @IsIn(PERSON_SITUATIONS)
  situation!: PersonSituation;

  @ApiProperty({ enum: AGE_BANDS })
  @IsIn(AGE_BANDS)
  ageBand!: AgeBand;

  @ApiProperty({ enum: SEXES, description: '`unspecified` : non renseigné' })
  @IsIn(SEXES)
  sex!: Sex;
}

export class ConsentDto implements Omit<ConsentInput, 'obtained'> {
  @ApiProperty({
    enum: [true],
    description: '« La personne est d’accord et a été informée du traitement de ses données »',
  })
  @IsBoolean()
  obtained!: true;

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsIn(CONSENT_METHODS)
  how!: ConsentMethod;
}

export class RegistrationRequestDto implements RegistrationRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Obligatoire si l’offre a des sessions à venir',
  })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string | null;

  @ApiPropertyOptional({
    type: PersonDto,
    description: 'Un référent inscrit une autre personne ; absent pour s’inscrire soi-même',
  })
  @IsOptional()
  @IsObject({ message: 'person must be an object' })
  @ValidateNested()
  @Type(() => PersonDto)
  person?: PersonDto;

  @ApiPropertyOptional({ type: ConsentDto, description: 'Obligatoire avec `person`' })
  @IsOptional()
  @IsObject({ message: 'consent must be an object' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: L.message,
    description: 'Message à la structure. Aucune donnée sensible (santé, justice, numéro de sécurité sociale…).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(L.message)
  message?: string | null;
}

export class RefuseDto {
  @ApiProperty({ enum: REFUSAL_REASONS })
  @IsIn(REFUSAL_REASONS)
  reason!: RefusalReason;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: L.reason, description: 'Obligatoire pour « autre »' })
  @IsOptional()
  @IsString()
  @MaxLength(L.reason)
  message?: string | null;
}

export class CancelDto {
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: L.reason,
    description: 'Obligatoire quand la structure annule',
  })
  @IsOptional()
  @IsString()
  @MaxLength(L.reason)
  reason?: string | null;
}

export class AttendanceDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'La session de l’inscription' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string | null;

  @ApiProperty({ enum: ATTENDANCE_VALUES })
  @IsIn(ATTENDANCE_VALUES)
  value!: AttendanceValue;
}

export class OutcomeDto {
  @ApiProperty({ enum: ['completed', 'dropped_out'] })
  @IsIn(['completed', 'dropped_out'])
  status!: 'completed' | 'dropped_out';

  @ApiProperty({ enum: REGISTRATION_OUTCOMES })
  @IsIn(REGISTRATION_OUTCOMES)
  outcome!: RegistrationOutcome;
}

export class CapacityDto {
  @ApiProperty({ minimum: 1, maximum: LIMITS.offer.capacity })
  @IsInt()
  @Min(1)
  @Max(LIMITS.offer.capacity)
  capacity!: number;
}

export class NotificationSettingsDto {
  @ApiPropertyOptional({ description: 'Nouvelles inscriptions et demandes' })
  @IsOptional()
  @IsBoolean()
  new_registration?: boolean;

  @ApiPropertyOptional({ description: 'Annulations et expirations' })
  @IsOptional()
  @IsBoolean()
  cancellation?: boolean;

  @ApiPropertyOptional({ description: 'Rappels des demandes sans réponse' })
  @IsOptional()
  @IsBoolean()
  pending_reminder?: boolean;
}

export class RegistrationListQueryDto {
  @ApiPropertyOptional({ enum: ['mine', 'prescribed', 'inbox'], default: 'mine' })
  @IsOptional()
  @IsIn(['mine', 'prescribed', 'inbox'])
  view?: 'mine' | 'prescribed' | 'inbox';

  @ApiPropertyOptional({ description: 'États, séparés par des virgules', example: 'pending,waitlisted' })
  @IsOptional()
  @CommaList()
  @IsIn(REGISTRATION_STATUSES, { each: true })
  status?: RegistrationStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'offerId must be a UUID' })
  offerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'inbox : une des structures de la personne connectée' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @ApiPropertyOptional({ description: 'Nom ou prénom de la personne', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: INPUT_LIMITS.maxPage })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(INPUT_LIMITS.maxPage)
  page?: number;
}
