import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  TENANT_DELAYS,
  type CreateTenantRequest,
  type StaffGrantRequest,
  type StaffMember,
  type StaffRole,
  type StaffRoleHeld,
  type TenantSettings,
} from '@catalogue/contracts';
import { TENANT_SLUG_PATTERN } from '@catalogue/domain';
import { IsEmailAddress } from '../../common/validation/contact-fields.js';

const lower = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
const lowerEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value,
  );

export class CreateTenantDto implements CreateTenantRequest {
  @ApiProperty({ example: '07', description: 'Code INSEE du département' })
  @IsString()
  @Matches(/^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/, {
    message: 'code must be a département INSEE code (e.g. 07, 2A, 971)',
  })
  code!: string;

  @ApiPropertyOptional({ example: 'ardeche', description: 'Par défaut, tiré du nom du département' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(TENANT_SLUG_PATTERN, {
    message: 'slug must be lower-case letters and digits joined by hyphens (e.g. saone-et-loire)',
  })
  slug?: string;

  @ApiPropertyOptional({ example: 'Ardèche', description: 'Par défaut, le nom du référentiel' })
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(2)
  @MaxLength(80)
  name?: string;

  @ApiProperty({
    example: ['admin@departement07.fr'],
    description:
      'Adresses des premiers administrateurs (compte créé si besoin, avec un lien pour choisir le mot de passe)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @lowerEach()
  @IsEmailAddress({ each: true, message: 'admins must be email addresses' })
  admins!: string[];
}

export class StaffGrantDto implements StaffGrantRequest {
  @ApiProperty({ example: 'agent@departement.fr' })
  @IsString()
  @lower()
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ enum: ['agent', 'admin'], description: '`admin` donne aussi le rôle `agent`' })
  @IsIn(['agent', 'admin'], { message: 'role must be agent or admin' })
  role!: StaffRole;
}

export class StaffRoleDto implements StaffRoleHeld {
  @ApiProperty({ enum: ['admin', 'agent'] }) role!: StaffRole;
  @ApiProperty({ format: 'uuid', description: 'À donner à DELETE …/staff/{membershipId} pour retirer ce seul rôle' })
  membershipId!: string;
}

export class StaffMemberDto implements StaffMember {
  @ApiProperty({
    format: 'uuid',
    description: 'À donner à DELETE …/staff/people/{userId} pour retirer la personne de l’équipe',
  })
  userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: [StaffRoleDto],
    description: 'Ses rôles, administrateur d’abord (un administrateur est aussi agent)',
  })
  roles!: StaffRoleDto[];
  @ApiProperty({ description: 'Faux tant que la personne n’a pas choisi son mot de passe' }) accountReady!: boolean;
}

type Delay = keyof typeof TENANT_DELAYS;
/** A delay's bounds and default, for OpenAPI. */
const delay = (key: Delay) => ({
  minimum: TENANT_DELAYS[key].min,
  maximum: TENANT_DELAYS[key].max,
  default: TENANT_DELAYS[key].default,
});
/** Optional, whole, within the delay's bounds (null is not a value). */
const DelayField =
  (key: Delay) =>
  (target: object, property: string): void => {
    ValidateIf((_: object, v: unknown) => v !== undefined)(target, property);
    Min(TENANT_DELAYS[key].min)(target, property);
    Max(TENANT_DELAYS[key].max)(target, property);
    IsInt({ message: `${key} must be a whole number` })(target, property);
    ApiPropertyOptional(delay(key))(target, property);
  };

export class TenantSettingsDto implements TenantSettings {
  @ApiProperty({
    enum: ['before', 'after'],
    description:
      '`before` : modération avant publication (par défaut) ; `after` : publication immédiate, revue ensuite',
  })
  moderation!: 'before' | 'after';

  @ApiProperty({
    description:
      'Double validation : un agent ne peut ni valider une structure, ni accepter la modification d’une structure, ni publier une offre ' +
      '(ou accepter sa modification) qu’il a créée ou modifiée en dernier (désactivée par défaut)',
  })
  fourEyes!: boolean;

  @ApiProperty({
    ...delay('registrationReminderDays'),
    description: 'Une inscription en attente de la structure lui est rappelée après ce nombre de jours',
  })
  registrationReminderDays!: number;

  @ApiProperty({
    ...delay('registrationExpiryDays'),
    description: 'Une inscription en attente expire après ce nombre de jours (plus que le rappel)',
  })
  registrationExpiryDays!: number;

  @ApiProperty({
    ...delay('personalDataRetentionMonths'),
    description:
      'Les données d’une personne inscrite sont anonymisées ce nombre de mois après sa dernière activité (les statistiques restent)',
  })
  personalDataRetentionMonths!: number;
}

export class TenantSettingsPatchDto implements Partial<TenantSettings> {
  @ApiPropertyOptional({ enum: ['before', 'after'] })
  @IsOptional()
  @IsIn(['before', 'after'], { message: 'moderation must be before or after' })
  moderation?: 'before' | 'after';

  @ApiPropertyOptional({ description: 'Double validation' })
  @ValidateIf((_: object, v: unknown) => v !== undefined)
  @IsBoolean({ message: 'fourEyes must be true or false' })
  fourEyes?: boolean;

  @DelayField('registrationReminderDays') registrationReminderDays?: number;
  @DelayField('registrationExpiryDays') registrationExpiryDays?: number;
  @DelayField('personalDataRetentionMonths') personalDataRetentionMonths?: number;
}
