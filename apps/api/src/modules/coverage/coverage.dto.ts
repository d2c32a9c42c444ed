// What the coverage route takes and gives over HTTP.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, registerDecorator, type ValidationArguments } from 'class-validator';
import type { CoverageCommune, CoverageResponse } from '@catalogue/contracts';
import { AUDIENCE_CODES, isThemeFilterCode } from '@catalogue/domain';

/** A thématique or a category code, as the search's `themes` filter takes them. */
function IsThemeFilterCode() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isThemeFilterCode',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isThemeFilterCode(v),
        defaultMessage: (a: ValidationArguments) =>
          `${a.property} is not a known thématique or category code: ${String(a.value).slice(0, 80)}`,
      },
    });
}

export class CoverageQueryDto {
  @ApiProperty({
    description: 'Thématique ou catégorie (code du référentiel, comme le filtre de la recherche)',
    example: 'mobilite',
  })
  @IsString()
  @IsNotEmpty()
  @IsThemeFilterCode()
  theme!: string;

  @ApiPropertyOptional({ description: 'Public (code) ; les offres « tous publics » en font partie', example: 'jeunes' })
  @IsOptional()
  @IsString()
  @IsIn([...AUDIENCE_CODES], { message: 'audience is not a known public code' })
  audience?: string;
}

export class CoverageCommuneDto implements CoverageCommune {
  @ApiProperty({ example: '26362' }) insee!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Population municipale (données de référence)' }) population!: number;
  @ApiProperty() lat!: number;
  @ApiProperty() lng!: number;
  @ApiProperty({
    description:
      'Position estimée (commune absente du référentiel de coordonnées : moyenne des communes de son code postal ou de son EPCI) ; sa distance est incertaine',
  })
  approximatePosition!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'SIREN de l’EPCI' }) epci!: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Distance à vol d’oiseau (km) au lieu le plus proche d’une offre publiée de la thématique ; null sans lieu',
  })
  distanceKm!: number | null;
  @ApiProperty({ description: 'La zone de diffusion d’une telle offre inclut la commune' }) coveredByZone!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) nearestOfferId!: string | null;
  @ApiProperty({ nullable: true, type: String }) nearestOfferTitle!: string | null;
}

export class CoverageResponseDto implements CoverageResponse {
  @ApiProperty({ example: 'mobilite' }) theme!: string;
  @ApiProperty({ example: 'Mobilité' }) themeLabel!: string;
  @ApiProperty({ nullable: true, type: String }) audience!: string | null;
  @ApiProperty({ nullable: true, type: String }) audienceLabel!: string | null;
  @ApiProperty({ description: 'Offres publiées de la thématique (et du public)' }) offers!: number;
  @ApiProperty({ type: [CoverageCommuneDto], description: 'Chaque commune du département' })
  communes!: CoverageCommuneDto[];
}
