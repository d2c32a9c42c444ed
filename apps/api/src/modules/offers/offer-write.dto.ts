// What members send to create or edit an offer: the shape of GET /offers/{id}, whose read-only
// fields are accepted and ignored (so the web can send back what it read), unknown ones refused.
// Codes are checked against the référentiels here; what needs the database (communes, zones,
// session ids) is checked by the service, with the same 400 naming the field.
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACCESS_MODE_CODES,
  AUDIENCE_CODES,
  FUNDING_SOURCE_CODES,
  MOBILISATION_MODE_CODES,
  RECEPTION_MODE_CODES,
  SERVICE_TYPE_CODES,
  THEME_CODES,
  ZONE_TYPES,
} from '@catalogue/domain';
import {
  LIMITS,
  OFFER_REGISTRATION_DEFAULTS,
  SEAT_ALLOCATIONS,
  UPDATE_FREQUENCIES,
  type SeatAllocation,
  type OfferContact,
  type OfferDetail,
  type OfferPlaceWrite,
  type OfferSessionWrite,
  type OfferWrite,
  type OfferZoneWrite,
  type ReviewCommentRequest,
  type ZoneArea,
} from '@catalogue/contracts';
import { IsCodeList } from '../../common/validation/query-transforms.js';
import { FicheRefDto } from '../plan/plan-response.dto.js';
import { OfferRevisionDto } from './offers-admin.dto.js';
import { IsEmailAddress, IsPhoneNumber } from '../../common/validation/contact-fields.js';

/** Optional, but null is not a value: `title: null` is refused by the type check that follows. */
const Present = () => ValidateIf((_o: object, v: unknown) => v !== undefined);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A field of GET's shape that PATCH accepts and ignores; documented with GET's type. */
const ReadOnly =
  (type: ApiPropertyOptions, description = 'Lecture seule : ignoré') =>
  (target: object, key: string) => {
    Allow()(target, key);
    ApiPropertyOptional({ ...type, description, readOnly: true } as ApiPropertyOptions)(target, key);
  };
const text = { type: String } as const;
const nullableText = { type: String, nullable: true } as const;
const dateTime = { type: String, format: 'date-time' } as const;
const nullableDateTime = { ...dateTime, nullable: true } as const;
const flag = { type: Boolean } as const;
const count = { type: 'integer' } as const;

/** The limits shared with the web's form (@catalogue/contracts). */
export const OFFER_TEXT_LIMITS = LIMITS.offer;

export class OrganizationRefWriteDto implements Pick<OfferDetail['organization'], 'id'> {
  @ApiProperty({ format: 'uuid', description: 'Une structure validée dont vous êtes membre (fixée à la création)' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @ReadOnly(text) name?: unknown;
}

export class PlaceWriteDto implements OfferPlaceWrite {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: OFFER_TEXT_LIMITS.label })
  @IsOptional()
  @MaxLength(OFFER_TEXT_LIMITS.label)
  @IsString()
  label?: string | null;

  @ApiProperty({ maxLength: OFFER_TEXT_LIMITS.address, example: '12 rue de la Gare' })
  @Transform(trim)
  @MaxLength(OFFER_TEXT_LIMITS.address)
  @IsNotEmpty({ message: 'address must not be empty' })
  @IsString()
  address!: string;

  @ApiProperty({ example: '26362', description: 'Code INSEE d’une commune du département' })
  @Matches(/^[0-9][0-9AB][0-9]{3}$/, { message: 'communeInsee must be an INSEE code (5 characters)' })
  @IsString()
  communeInsee!: string;

  @ApiProperty({ example: 44.933, description: 'Près de la commune' })
  @Min(-90)
  @Max(90)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  lat!: number;

  @ApiProperty({ example: 4.892 })
  @Min(-180)
  @Max(180)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  lng!: number;

  @ReadOnly(text) commune?: unknown;
}

export class ZoneAreaWriteDto implements Pick<ZoneArea, 'code'> {
  @ApiProperty({ description: 'Code INSEE de commune, SIREN d’EPCI ou code de territoire', example: '26362' })
  @MaxLength(40)
  @IsString()
  code!: string;

  @ReadOnly(text) name?: unknown;
}

export class DiffusionZoneWriteDto implements OfferZoneWrite {
  @ApiProperty({ enum: ZONE_TYPES.map((z) => z.code) })
  @IsIn(ZONE_TYPES.map((z) => z.code))
  type!: 'communes' | 'epci' | 'territory' | 'departement';

  @ApiPropertyOptional({
    type: [ZoneAreaWriteDto],
    description: 'Vide (ou le département lui-même) pour « departement »',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ZoneAreaWriteDto)
  @ArrayMaxSize(OFFER_TEXT_LIMITS.zoneAreas)
  @IsArray()
  areas?: ZoneAreaWriteDto[];
}

export class ContactWriteDto implements Partial<OfferContact> {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @MaxLength(OFFER_TEXT_LIMITS.contactName)
  @IsString()
  name?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'contact@exemple.fr' })
  @IsOptional()
  @IsEmailAddress()
  @IsString()
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '04 75 00 00 00' })
  @IsOptional()
  @IsPhoneNumber()
  @IsString()
  phone?: string | null;
}

export class SessionWriteDto implements OfferSessionWrite {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Une session existante garde son identifiant (et ses inscriptions) ; sans identifiant, elle est créée',
  })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date' })
  @IsString()
  startsAt!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Au plus tôt startsAt' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date' })
  @IsString()
  endsAt?: string | null;

  @ApiProperty({ minimum: 1, maximum: OFFER_TEXT_LIMITS.capacity })
  @Min(1)
  @Max(OFFER_TEXT_LIMITS.capacity)
  @IsInt()
  capacity!: number;

  @ReadOnly(count) placesLeft?: unknown;
  @ReadOnly(count) waitlist?: unknown;
}

/**
 * Creation (POST: `title`, `themes`, `access`, `diffusionZone` and `organization` required) and
 * edition (PATCH: every field optional, a missing one keeps its value).
 */
export class OfferWriteDto implements Partial<OfferWrite> {
  @ApiPropertyOptional({ maxLength: OFFER_TEXT_LIMITS.title, description: 'Obligatoire à la création' })
  @Present()
  @Transform(trim)
  @MaxLength(OFFER_TEXT_LIMITS.title)
  @IsNotEmpty({ message: 'title must not be empty' })
  @IsString()
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: OFFER_TEXT_LIMITS.summary })
  @IsOptional()
  @MaxLength(OFFER_TEXT_LIMITS.summary)
  @IsString()
  summary?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: OFFER_TEXT_LIMITS.description })
  @IsOptional()
  @MaxLength(OFFER_TEXT_LIMITS.description)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({
    type: OrganizationRefWriteDto,
    description: 'Obligatoire à la création ; ne change pas ensuite',
  })
  @Present()
  @ValidateNested()
  @Type(() => OrganizationRefWriteDto)
  organization?: OrganizationRefWriteDto;

  @ApiPropertyOptional({
    type: [String],
    description: 'Thématiques data·inclusion (une au moins) ; obligatoire à la création',
  })
  @Present()
  @IsCodeList(THEME_CODES, 'theme')
  @ArrayMaxSize(20)
  @ArrayMinSize(1, { message: 'themes must hold at least one theme' })
  @IsArray()
  themes?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Publics data·inclusion (« tous-publics » seul)' })
  @Present()
  @IsCodeList(AUDIENCE_CODES, 'audience')
  @ArrayMaxSize(40)
  @IsArray()
  audiences?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Present()
  @IsCodeList(SERVICE_TYPE_CODES, 'service type')
  @ArrayMaxSize(20)
  @IsArray()
  serviceTypes?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: OFFER_TEXT_LIMITS.eligibility })
  @IsOptional()
  @MaxLength(OFFER_TEXT_LIMITS.eligibility)
  @IsString()
  eligibility?: string | null;

  @ApiPropertyOptional({ enum: ['gratuit', 'payant'] })
  @Present()
  @IsIn(['gratuit', 'payant'])
  cost?: 'gratuit' | 'payant';

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @MaxLength(OFFER_TEXT_LIMITS.costDetails)
  @IsString()
  costDetails?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Modes d’accueil' })
  @Present()
  @IsCodeList(RECEPTION_MODE_CODES, 'mode')
  @ArrayMaxSize(5)
  @IsArray()
  modes?: string[];

  @ApiPropertyOptional({ enum: [...ACCESS_MODE_CODES], description: 'Obligatoire à la création' })
  @Present()
  @IsIn([...ACCESS_MODE_CODES])
  access?: 'prescription' | 'self_registration' | 'open';

  @ApiPropertyOptional({ type: [String] })
  @Present()
  @IsCodeList(MOBILISATION_MODE_CODES, 'mobilisation mode')
  @ArrayMaxSize(20)
  @IsArray()
  mobilisationModes?: string[];

  @ApiPropertyOptional({ type: [PlaceWriteDto] })
  @Present()
  @ValidateNested({ each: true })
  @Type(() => PlaceWriteDto)
  @ArrayMaxSize(OFFER_TEXT_LIMITS.places)
  @IsArray()
  places?: PlaceWriteDto[];

  @ApiPropertyOptional({ type: DiffusionZoneWriteDto, description: 'Obligatoire à la création' })
  @Present()
  @ValidateNested()
  @Type(() => DiffusionZoneWriteDto)
  diffusionZone?: DiffusionZoneWriteDto;

  @ApiPropertyOptional({ type: ContactWriteDto })
  @Present()
  @ValidateNested()
  @Type(() => ContactWriteDto)
  contact?: ContactWriteDto;

  @ApiPropertyOptional({ type: [String], description: 'Financements' })
  @Present()
  @IsCodeList(FUNDING_SOURCE_CODES, 'funding source')
  @ArrayMaxSize(10)
  @IsArray()
  funding?: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'La fiche action du plan d’insertion (`GET …/plan`) que sert l’offre ; null pour aucune',
  })
  @IsOptional()
  @IsUUID('all', { message: 'ficheId must be a fiche id (uuid) or null' })
  ficheId?: string | null;

  @ApiPropertyOptional({ type: [SessionWriteDto] })
  @Present()
  @ValidateNested({ each: true })
  @Type(() => SessionWriteDto)
  @ArrayMaxSize(OFFER_TEXT_LIMITS.sessions)
  @IsArray()
  sessions?: SessionWriteDto[];

  @ApiPropertyOptional({
    enum: SEAT_ALLOCATIONS,
    default: OFFER_REGISTRATION_DEFAULTS.seatAllocation,
    description:
      'Attribution des places : `automatic`, la place est donnée tout de suite s’il en reste (sinon liste d’attente) ; `review`, après examen par la structure',
  })
  @Present()
  @IsIn(SEAT_ALLOCATIONS, { message: 'seatAllocation must be automatic or review' })
  seatAllocation?: SeatAllocation;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: LIMITS.registration.cutoffHoursMax,
    default: OFFER_REGISTRATION_DEFAULTS.cancellationCutoffHours,
    description:
      'Délai d’annulation, en heures avant la session : au-delà, une annulation est enregistrée comme une absence excusée',
  })
  @Present()
  @Min(0)
  @Max(LIMITS.registration.cutoffHoursMax)
  @IsInt({ message: 'cancellationCutoffHours must be a whole number of hours' })
  cancellationCutoffHours?: number;

  @ApiPropertyOptional({ enum: UPDATE_FREQUENCIES, default: 6, description: 'Fréquence de mise à jour, en mois' })
  @Present()
  @IsIn(UPDATE_FREQUENCIES, { message: 'updateFrequencyMonths must be 3, 6 or 12' })
  updateFrequencyMonths?: 3 | 6 | 12;

  // Read-only fields of GET /offers/{id}: accepted and ignored.
  @ReadOnly({ type: String, format: 'uuid' }) id?: unknown;
  @ReadOnly(flag) hasPlaces?: unknown;
  @ReadOnly({ type: FicheRefDto, nullable: true }, 'Lecture seule : ignoré (écrire `ficheId`)') fiche?: unknown;
  @ReadOnly(nullableDateTime) publishedAt?: unknown;
  @ReadOnly(dateTime) updatedAt?: unknown;
  @ReadOnly(text) status?: unknown;
  @ReadOnly(flag) overdue?: unknown;
  @ReadOnly(dateTime) confirmedAt?: unknown;
  @ReadOnly(nullableText) reviewComment?: unknown;
  @ReadOnly(flag) needsReview?: unknown;
  @ReadOnly(nullableDateTime) submittedAt?: unknown;
  @ReadOnly({ type: OfferRevisionDto, nullable: true }) revision?: unknown;
}

export class ReviewCommentDto implements ReviewCommentRequest {
  @ApiProperty({
    minLength: LIMITS.offer.reviewCommentMin,
    maxLength: LIMITS.offer.reviewComment,
    example: 'Merci de préciser les horaires et le public visé.',
  })
  @Transform(trim)
  @MaxLength(LIMITS.offer.reviewComment)
  @MinLength(LIMITS.offer.reviewCommentMin, { message: 'comment must be at least 3 characters' })
  @IsString()
  comment!: string;
}
