// The indicators' query string: every parameter validated, a 400 naming it otherwise.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
} from 'class-validator';
import { INDICATOR_TABLES, type IndicatorTable } from '@catalogue/contracts';
import { isThemeFilterCode } from '@catalogue/domain';
import { QueryNumber } from '../../common/validation/query-transforms.js';

function IsThemeCode() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isThemeCode',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isThemeFilterCode(v),
        defaultMessage: () => `${propertyName} is not a theme code`,
      },
    });
}

export class IndicatorsQueryDto {
  @ApiPropertyOptional({
    minimum: 1990,
    maximum: 2100,
    description: 'Année (heure de Paris) ; l’année en cours par défaut',
  })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1990)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Un axe du plan en cours' })
  @IsOptional()
  @IsUUID('all', { message: 'axis must be a UUID' })
  axis?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Une fiche du plan en cours' })
  @IsOptional()
  @IsUUID('all', { message: 'fiche must be a UUID' })
  fiche?: string;

  @ApiPropertyOptional({ description: 'Thématique ou catégorie de la taxonomie data·inclusion', example: 'mobilite' })
  @IsOptional()
  @IsString()
  @IsThemeCode()
  theme?: string;

  @ApiPropertyOptional({
    description:
      'Code SIREN d’un EPCI (9 chiffres), ou code ou identifiant d’un territoire du département : là où vivent les personnes',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^([0-9]{9}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9]+(-[a-z0-9]+)*)$/, {
    message: 'territory must be an EPCI code, a territory code or id',
  })
  territory?: string;
}

export class IndicatorsCsvQueryDto extends IndicatorsQueryDto {
  // Required, but checked by the service after the filters: a bad filter is named first.
  @ApiProperty({ enum: INDICATOR_TABLES })
  @IsOptional()
  @IsIn(INDICATOR_TABLES)
  table?: IndicatorTable;
}
