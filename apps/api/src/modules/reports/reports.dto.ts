// What the report routes take: the year (query or path), and what an agent writes for a fiche.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Param, ParseIntPipe } from '@nestjs/common';
import { REPORT_LIMITS, REPORT_YEAR_MAX, REPORT_YEAR_MIN, type ReportFicheWrite } from '@catalogue/contracts';
import { invalidParameter } from '../../common/errors/app-errors.js';
import { QueryNumber } from '../../common/validation/query-transforms.js';

export class ReportQueryDto {
  @ApiPropertyOptional({
    minimum: REPORT_YEAR_MIN,
    maximum: REPORT_YEAR_MAX,
    description: 'Année du rapport (par défaut : l’année en cours)',
  })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'year must be an integer' })
  @Min(REPORT_YEAR_MIN, { message: `year must be at least ${REPORT_YEAR_MIN}` })
  @Max(REPORT_YEAR_MAX, { message: `year must be at most ${REPORT_YEAR_MAX}` })
  year?: number;
}

/** `:year` in a path: an integer within the report years, or a 400 naming `year`. */
export const YearParam = () =>
  Param('year', new ParseIntPipe({ exceptionFactory: () => invalidParameter('year', 'must be an integer') }), {
    transform: (y: number) => {
      if (y < REPORT_YEAR_MIN || y > REPORT_YEAR_MAX)
        throw invalidParameter('year', `must be between ${REPORT_YEAR_MIN} and ${REPORT_YEAR_MAX}`);
      return y;
    },
  });

type ValueWrite = NonNullable<ReportFicheWrite['values']>[number];

export class ReportValueWriteDto implements ValueWrite {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'indicatorId must be a UUID' })
  indicatorId!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'Valeur réalisée ; null l’efface' })
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'value must be a number' })
  @Min(-REPORT_LIMITS.valueMax)
  @Max(REPORT_LIMITS.valueMax)
  value!: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: REPORT_LIMITS.note })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_LIMITS.note)
  note?: string | null;
}

export class ReportFicheWriteDto implements ReportFicheWrite {
  @ApiPropertyOptional({ maxLength: REPORT_LIMITS.progress, description: 'État d’avancement de l’année' })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_LIMITS.progress)
  progress?: string;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Montant voté en euros ; null l’efface' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'voted must be a number' })
  @Min(0)
  @Max(REPORT_LIMITS.votedMax)
  voted?: number | null;

  @ApiPropertyOptional({ type: [ReportValueWriteDto], description: 'Saisies des indicateurs « saisis »' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REPORT_LIMITS.valuesPerFiche)
  @ValidateNested({ each: true })
  @Type(() => ReportValueWriteDto)
  values?: ReportValueWriteDto[];
}
