import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { AUTH_LIMITS, type Me, type MeMembership } from '@catalogue/contracts';

export class LoginDto {
  @ApiProperty({ example: 'agent.drome@demo.local' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ example: 'Demo-Insertion-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(AUTH_LIMITS.passwordMaxLength)
  password!: string;
}

export class EmailDto {
  @ApiProperty({ example: 'personne@exemple.fr' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}

export class MeMembershipDto implements MeMembership {
  @ApiProperty({ example: 'drome' }) tenant!: string;
  @ApiProperty({ example: 'Drôme' }) tenantName!: string;
  @ApiProperty({ enum: ['admin', 'agent', 'structure_admin', 'structure_member', 'referent', 'beneficiary'] }) role!: MeMembership['role'];
  @ApiProperty({ required: false, format: 'uuid' }) organizationId?: string;
  @ApiProperty({ required: false }) organizationName?: string;
  @ApiProperty({ enum: ['pending', 'active', 'refused'] }) status!: MeMembership['status'];
}

export class MeDto implements Me {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty() platformAdmin!: boolean;
  @ApiProperty({ type: [MeMembershipDto] }) memberships!: MeMembershipDto[];
  @ApiProperty({ description: 'À renvoyer dans l’en-tête `X-CSRF-Token` des requêtes qui modifient' }) csrfToken!: string;
  @ApiProperty({ type: String, nullable: true }) suggestedSiret!: string | null;
}
