import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INPUT_LIMITS, type AuditEntry } from '@catalogue/contracts';
import { QueryNumber } from '../../common/validation/query-transforms.js';

/** Entries per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

export class AuditQueryDto {
  @ApiPropertyOptional({
    description: 'Identifiant de l’objet concerné (UUID ou identifiant court)',
    example: '0b9e4c6a-6f1e-4a8e-9b1c-2d3e4f5a6b7c',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$/, {
    message: 'target must be a UUID or a short id (letters, digits and . _ : @ -, at most 64)',
  })
  target?: string;

  @ApiPropertyOptional({
    description: 'Action, ou famille d’actions (`membership` donne `membership.granted`, `membership.revoked`…)',
    example: 'membership.granted',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/, {
    message: 'action must be lower-case words joined by dots (e.g. membership.granted)',
  })
  action?: string;

  @ApiPropertyOptional({
    description: `Page (${AUDIT_PAGE_SIZE} entrées par page, les plus récentes d’abord)`,
    example: 1,
    minimum: 1,
    maximum: INPUT_LIMITS.maxPage,
  })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(INPUT_LIMITS.maxPage)
  page?: number;
}

class AuditActorDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

class AuditTargetDto {
  @ApiProperty({ type: String, nullable: true, example: 'membership' }) type!: string | null;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ example: 'membership.granted' }) action!: string;
  @ApiProperty({ type: AuditTargetDto }) target!: AuditTargetDto;
  @ApiProperty({ example: 'Rôle admin donné à agent@exemple.fr' }) summary!: string;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Identifiant de la requête qui a écrit la ligne (en-tête `X-Request-Id` de sa réponse, aussi dans le journal d’accès) ; null hors requête (tâches planifiées) et pour les lignes plus anciennes',
    example: '3f0c6b1e-2a47-4c1d-9d3e-8b5a7f2e1c90',
  })
  requestId!: string | null;
}
