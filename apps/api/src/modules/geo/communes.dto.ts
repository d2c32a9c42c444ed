import type { CommuneSummary } from '@catalogue/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class SearchCommunesQueryDto {
  @ApiPropertyOptional({
    description: 'Début du nom (sans accents ni majuscules requis) ou du code postal',
    example: 'val',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CommuneDto implements CommuneSummary {
  @ApiProperty({ example: '26362', description: 'Code INSEE' }) insee!: string;
  @ApiProperty({ example: 'Valence' }) name!: string;
  @ApiProperty({ example: ['26000'], type: [String] }) postcodes!: string[];
  @ApiProperty({ example: 44.93 }) lat!: number;
  @ApiProperty({ example: 4.89 }) lng!: number;
  @ApiProperty({ description: 'Position estimée (commune absente du référentiel de coordonnées)' }) approx!: boolean;
}
