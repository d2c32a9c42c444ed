// What the API keys' routes take and give over HTTP.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { API_KEY_LIMITS, type ApiKeyCreate, type ApiKeyCreated, type ApiKeySummary } from '@catalogue/contracts';

export class ApiKeyCreateDto implements ApiKeyCreate {
  @ApiProperty({ maxLength: API_KEY_LIMITS.nameMax, example: 'Tableau de bord du service insertion' })
  @IsString({ message: 'name must be a string' })
  @Matches(/\S/, { message: 'name must not be empty' })
  @MaxLength(API_KEY_LIMITS.nameMax, { message: `name must be at most ${API_KEY_LIMITS.nameMax} characters` })
  name!: string;
}

export class ApiKeySummaryDto implements ApiKeySummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: API_KEY_LIMITS.nameMax }) name!: string;
  @ApiProperty({ description: 'Début de la clé, pour la reconnaître (jamais la clé entière)', example: 'cik_Ab12Cd34' })
  prefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Nom de la personne qui a créé la clé' })
  createdBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Dernier appel (à la minute près)' })
  lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Nom de la personne qui a révoqué la clé' })
  revokedBy?: string | null;
}

export class ApiKeyCreatedDto extends ApiKeySummaryDto implements ApiKeyCreated {
  @ApiProperty({
    description: 'La clé entière : affichée cette seule fois, jamais conservée en clair',
    example: 'cik_…',
  })
  secret!: string;
}
