// What the back office sends about structures and their members, validated field by field (a bad
// value is a 400 naming its field). Create and edit share the field rules; edit makes every field
// optional but never nullable when the column is required.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateIf,
} from 'class-validator';
import { isValidSiret, ORGANIZATION_KIND_CODES } from '@catalogue/domain';
import {
  INPUT_LIMITS,
  LIMITS,
  REFUSAL_REASON_LIMITS,
  type InvitationRequest,
  type JoinOrganizationRequest,
  type MemberRoleRequest,
  type OrganizationInput,
  type RefusalRequest,
  type StructureRole,
  type TokenRequest,
  type OrganizationStatus,
} from '@catalogue/contracts';
import { QueryBoolean, QueryNumber } from '../../common/validation/query-transforms.js';
import { IsEmailAddress, IsPhoneNumber } from '../../common/validation/contact-fields.js';

export const ORGANIZATION_LIMITS = {
  nameMax: LIMITS.organization.name,
  descriptionMax: LIMITS.organization.description,
  addressMax: LIMITS.organization.address,
  websiteMax: LIMITS.organization.website,
  reasonMin: REFUSAL_REASON_LIMITS.min,
  reasonMax: REFUSAL_REASON_LIMITS.max,
  messageMax: LIMITS.organization.message,
  pageSizeMax: 100,
} as const;

export const STRUCTURE_ROLES: readonly StructureRole[] = ['structure_admin', 'structure_member'];
export const ORGANIZATION_STATUSES: OrganizationStatus[] = ['pending', 'validated', 'rejected'];

const trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const lower = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
/** Spaces are how people write a SIRET ("732 829 320 00074"): dropped before the check. */
const compactDigits = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value));

/** 14 digits with a valid checksum (Luhn, La Poste's rule for its establishments). */
export function IsSiret(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSiret',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidSiret(v) },
      options: { message: `${String(propertyName)} must be a SIRET: 14 digits with a valid check digit` },
    });
}

/** Absent is fine, null is not (for the required columns, in a partial edit). */
const Present = () => ValidateIf((_: object, v: unknown) => v !== undefined);
const Doc = (required: boolean, options: Parameters<typeof ApiProperty>[0]) =>
  required ? ApiProperty(options) : ApiPropertyOptional(options);

// One rule per field, used by both create and edit.
const Field = {
  siret: (r: boolean) =>
    applyDecorators(
      Doc(r, { example: '73282932000074', description: '14 chiffres (espaces tolérés)' }),
      IsSiret(),
      IsString(),
      compactDigits(),
    ),
  name: (r: boolean) =>
    applyDecorators(
      Doc(r, { example: 'Association Solidarité Emploi', maxLength: ORGANIZATION_LIMITS.nameMax }),
      MaxLength(ORGANIZATION_LIMITS.nameMax),
      MinLength(2),
      IsString(),
      trim(),
    ),
  kind: (r: boolean) =>
    applyDecorators(
      Doc(r, {
        example: 'association',
        enum: [...ORGANIZATION_KIND_CODES],
        description: 'Typologie de structure (`GET /taxonomy`, `organizationKinds`)',
      }),
      IsIn([...ORGANIZATION_KIND_CODES], {
        message: 'kind must be a structure kind code (GET /taxonomy organizationKinds)',
      }),
    ),
  address: (r: boolean) =>
    applyDecorators(
      Doc(r, { example: '12 rue de la République' }),
      MaxLength(ORGANIZATION_LIMITS.addressMax),
      MinLength(3),
      IsString(),
      trim(),
    ),
  communeInsee: (r: boolean) =>
    applyDecorators(
      Doc(r, { example: '26362', description: 'Code INSEE d’une commune du département' }),
      Matches(/^[0-9][0-9AB][0-9]{3}$/, { message: 'communeInsee must be an INSEE code (5 characters)' }),
      IsString(),
      Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    ),
};

const optionalFields = {
  description: () =>
    applyDecorators(
      ApiPropertyOptional({ maxLength: ORGANIZATION_LIMITS.descriptionMax }),
      IsOptional(),
      MaxLength(ORGANIZATION_LIMITS.descriptionMax),
      IsString(),
      trim(),
    ),
  lat: () =>
    applyDecorators(
      ApiPropertyOptional({
        type: Number,
        nullable: true,
        example: 44.933,
        description: 'Position sur la carte ; par défaut le centre de la commune',
      }),
      IsOptional(),
      Min(-90),
      Max(90),
      IsNumber({ allowNaN: false, allowInfinity: false }),
    ),
  lng: () =>
    applyDecorators(
      ApiPropertyOptional({ type: Number, nullable: true, example: 4.892 }),
      IsOptional(),
      Min(-180),
      Max(180),
      IsNumber({ allowNaN: false, allowInfinity: false }),
    ),
  website: () =>
    applyDecorators(
      ApiPropertyOptional({ type: String, nullable: true, example: 'https://www.exemple.fr' }),
      IsOptional(),
      IsUrl(
        { protocols: ['http', 'https'], require_protocol: true },
        { message: 'website must be an http(s) address' },
      ),
      MaxLength(ORGANIZATION_LIMITS.websiteMax),
      IsString(),
      trim(),
    ),
  email: () =>
    applyDecorators(
      ApiPropertyOptional({ type: String, nullable: true, example: 'contact@exemple.fr' }),
      IsOptional(),
      IsEmailAddress(),
      IsString(),
      lower(),
    ),
  phone: () =>
    applyDecorators(
      ApiPropertyOptional({ type: String, nullable: true, example: '04 75 00 00 00' }),
      IsOptional(),
      IsPhoneNumber(),
      IsString(),
      trim(),
    ),
  prescriber: () =>
    applyDecorators(
      ApiPropertyOptional({ description: 'Structure prescriptrice : ses membres sont des référents', default: false }),
      IsOptional(),
      IsBoolean(),
    ),
  notifyCalls: () =>
    applyDecorators(
      ApiPropertyOptional({ description: 'Être prévenu par e-mail des nouveaux appels à projets', default: false }),
      IsOptional(),
      IsBoolean(),
    ),
};

export class CreateOrganizationDto implements OrganizationInput {
  @Field.siret(true) siret!: string;
  @Field.name(true) name!: string;
  @Field.kind(true) kind!: string;
  @optionalFields.description() description?: string;
  @Field.address(true) address!: string;
  @Field.communeInsee(true) communeInsee!: string;
  @optionalFields.lat() lat?: number | null;
  @optionalFields.lng() lng?: number | null;
  @optionalFields.website() website?: string | null;
  @optionalFields.email() email?: string | null;
  @optionalFields.phone() phone?: string | null;
  @optionalFields.prescriber() prescriber?: boolean;
  @optionalFields.notifyCalls() notifyCalls?: boolean;
}

export class UpdateOrganizationDto implements Partial<OrganizationInput> {
  @Present() @Field.siret(false) siret?: string;
  @Present() @Field.name(false) name?: string;
  @Present() @Field.kind(false) kind?: string;
  @optionalFields.description() description?: string;
  @Present() @Field.address(false) address?: string;
  @Present() @Field.communeInsee(false) communeInsee?: string;
  @optionalFields.lat() lat?: number | null;
  @optionalFields.lng() lng?: number | null;
  @optionalFields.website() website?: string | null;
  @optionalFields.email() email?: string | null;
  @optionalFields.phone() phone?: string | null;
  @optionalFields.prescriber() prescriber?: boolean;
  @optionalFields.notifyCalls() notifyCalls?: boolean;
}

export class ListOrganizationsQueryDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_STATUSES })
  @IsOptional()
  @IsIn(ORGANIZATION_STATUSES, { message: 'status must be pending, validated or rejected' })
  status?: OrganizationStatus;

  @ApiPropertyOptional({
    description:
      'true : seulement les structures dont une modification (nom, SIRET, prescriptrice) attend un agent ; false : aucune',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'pendingChange must be true or false' })
  pendingChange?: boolean;

  @ApiPropertyOptional({ description: 'Nom, SIRET ou commune' })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: INPUT_LIMITS.maxPage, default: 1 })
  @IsOptional()
  @QueryNumber()
  @Min(1)
  @Max(INPUT_LIMITS.maxPage)
  @IsInt()
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: ORGANIZATION_LIMITS.pageSizeMax, default: 50 })
  @IsOptional()
  @QueryNumber()
  @Max(ORGANIZATION_LIMITS.pageSizeMax)
  @Min(1)
  @IsInt()
  pageSize?: number;
}

export class RejectOrganizationDto implements RefusalRequest {
  @ApiProperty({
    example: 'Structure sans lien avec l’insertion',
    minLength: ORGANIZATION_LIMITS.reasonMin,
    maxLength: ORGANIZATION_LIMITS.reasonMax,
  })
  @MaxLength(ORGANIZATION_LIMITS.reasonMax)
  @MinLength(ORGANIZATION_LIMITS.reasonMin)
  @IsString()
  @trim()
  reason!: string;
}

/** The reason sent to the structure's admins when an agent refuses its identity change. */
export class RefuseIdentityChangeDto extends RejectOrganizationDto {}

export class JoinOrganizationDto implements JoinOrganizationRequest {
  @ApiPropertyOptional({
    description: 'Un mot pour les administrateurs de la structure',
    maxLength: ORGANIZATION_LIMITS.messageMax,
  })
  @IsOptional()
  @MaxLength(ORGANIZATION_LIMITS.messageMax)
  @IsString()
  @trim()
  message?: string;
}

export class MemberRoleDto implements MemberRoleRequest {
  @ApiProperty({ enum: STRUCTURE_ROLES })
  @IsIn(STRUCTURE_ROLES, { message: 'role must be structure_admin or structure_member' })
  role!: StructureRole;
}

export class InvitationDto implements InvitationRequest {
  @ApiProperty({ example: 'collegue@exemple.fr' })
  @IsEmailAddress()
  @IsString()
  @lower()
  email!: string;

  @ApiProperty({ enum: STRUCTURE_ROLES })
  @IsIn(STRUCTURE_ROLES, { message: 'role must be structure_admin or structure_member' })
  role!: StructureRole;
}

export class AcceptInvitationDto implements TokenRequest {
  @ApiProperty({ description: 'Le jeton reçu dans le lien de l’invitation' })
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  token!: string;
}
